#pragma once

#include "capture/delivery.h"

#include <QWidget>

#include <optional>

class CaptureSession;
class CopyUrlButton;
class DeliveryDetailView;
class DeliveryFilterProxyModel;
class DeliveryTableView;
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
    FilterLineEdit *filterEdit() const { return m_filter; }
    DeliveryTableView *table() const { return m_table; }
    DeliveryFilterProxyModel *proxy() const { return m_proxy; }
    DeliveryDetailView *detail() const { return m_detail; }
    NotListeningBanner *notListeningBanner() const { return m_banner; }
    // The selected delivery as read from the session; empty when none is selected.
    const std::optional<Delivery> &currentDelivery() const { return m_current; }

    void saveSettings() const;
    void restoreSettings();

public slots:
    void focusFilter();
    // Asks, then deletes every delivery of the session.
    void confirmAndClear();
    // Selects the delivery with this seq when the filter shows it.
    bool selectSeq(qint64 seq);

signals:
    void currentDeliveryChanged();

private:
    QWidget *createStrip();
    QWidget *createFilterRow();
    void showCurrent();
    void updateListening();
    void updateCounts();
    void listenOnFreePort();
    void retryListening();

    CaptureSession *m_session;
    DeliveryFilterProxyModel *m_proxy;
    QAction *m_pause;
    QAction *m_clear;
    QAction *m_follow;
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
    std::optional<Delivery> m_current;
    qint64 m_shownSeq = 0;
};
