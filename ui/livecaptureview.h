#pragma once

#include "capture/delivery.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class CaptureSession;
class CompareDialog;
class CopyUrlButton;
class DeliveryDetailView;
class DeliveryFilterProxyModel;
class DeliveryTableView;
class ExtraColumnsProxyModel;
class FilterLineEdit;
class NotListeningBanner;
class QAction;
class QLabel;
class QSplitter;
class QStackedWidget;

// The main window's centre: the capture strip (URL, pause, clear, follow), the
// filter bar, the delivery list and the selected delivery's tabs.
class LiveCaptureView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveCaptureView)

public:
    explicit LiveCaptureView(CaptureSession *session, QWidget *parent = nullptr);
    ~LiveCaptureView() override;

    // What the detail area shows while no delivery is selected.
    void setPlaceholder(QWidget *placeholder);

    QAction *pauseAction() const { return m_pause; }
    QAction *clearAction() const { return m_clear; }
    QAction *followAction() const { return m_follow; }
    // Enabled while exactly two rows are selected.
    QAction *compareAction() const { return m_compare; }
    FilterLineEdit *filterEdit() const { return m_filter; }
    DeliveryTableView *table() const { return m_table; }
    DeliveryFilterProxyModel *proxy() const { return m_proxy; }
    // Under the proxy: the list's own columns and those added from the Decoded tab.
    ExtraColumnsProxyModel *extraColumns() const { return m_extraColumns; }
    DeliveryDetailView *detail() const { return m_detail; }
    NotListeningBanner *notListeningBanner() const { return m_banner; }
    // The selected delivery as read from the session; empty when none is selected.
    const std::optional<Delivery> &currentDelivery() const { return m_current; }
    qint64 currentSeq() const { return m_shownSeq; } // 0: none
    // The selected rows' seqs, in ascending order.
    QVector<qint64> selectedSeqs() const;
    // Null until Compare was first used.
    CompareDialog *compareDialog() const;

    void saveSettings() const;
    void restoreSettings();

public slots:
    void focusFilter();
    // Asks, then deletes every delivery of the session.
    void confirmAndClear();
    // Selects the delivery with this seq when the filter shows it.
    bool selectSeq(qint64 seq);
    // Compares the two selected deliveries, read from the session.
    void compareSelected();
    // A list column showing this JSON path's value (a path of the Decoded tab's tree).
    void addColumn(const QString &path);

signals:
    void currentDeliveryChanged();
    // The detail pane's analysis links to another delivery.
    void deliveryRequested(qint64 seq);

private:
    QWidget *createStrip();
    QWidget *createFilterRow();
    void showCurrent();
    void updateListening();
    void updateCounts();
    void listenOnFreePort();
    void retryListening();
    void updateCompareAction();
    void showHeaderMenu(const QPoint &position);

    CaptureSession *m_session;
    ExtraColumnsProxyModel *m_extraColumns;
    DeliveryFilterProxyModel *m_proxy;
    QAction *m_pause;
    QAction *m_clear;
    QAction *m_follow;
    QAction *m_compare;
    QAction *m_listeningCaption = nullptr; // "Listening on", in the strip
    CopyUrlButton *m_url = nullptr;
    NotListeningBanner *m_banner;
    FilterLineEdit *m_filter = nullptr;
    QLabel *m_filterErrors = nullptr;
    QLabel *m_shownCount = nullptr;
    DeliveryTableView *m_table;
    QStackedWidget *m_detailStack;
    DeliveryDetailView *m_detail;
    QSplitter *m_splitter;
    QWidget *m_placeholder = nullptr;
    QPointer<CompareDialog> m_compareDialog;
    std::optional<Delivery> m_current;
    qint64 m_shownSeq = 0;
};
