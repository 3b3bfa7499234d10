#include "livecaptureview.h"

#include "capturesession.h"
#include "copyurlbutton.h"
#include "deliverydetailview.h"
#include "deliveryfilterproxymodel.h"
#include "deliverytableview.h"
#include "filterlineedit.h"
#include "models/deliverylistmodel.h"
#include "notlisteningbanner.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>

namespace {
// Messages quote paths and SQLite's errors: never rich text.
void warnPlain(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

const QString kSplitterKey = QStringLiteral("liveView/splitter");
const QString kColumnsKey = QStringLiteral("liveView/columns");

QLabel *plainLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    return label;
}
} // namespace

LiveCaptureView::LiveCaptureView(CaptureSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_proxy(new DeliveryFilterProxyModel(this))
    , m_pause(new QAction(this))
    , m_clear(new QAction(QStringLiteral("&Clear\u2026"), this))
    , m_follow(new QAction(QStringLiteral("Follow new"), this))
    , m_banner(new NotListeningBanner(this))
    , m_table(new DeliveryTableView(this))
    , m_detailStack(new QStackedWidget(this))
    , m_detail(new DeliveryDetailView(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    setObjectName(QStringLiteral("liveCaptureView"));
    m_proxy->setSourceModel(session->model());

    m_pause->setObjectName(QStringLiteral("pauseAction"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_pause->setToolTip(QStringLiteral("Pause the list: deliveries are still captured and "
                                       "stored, and shown when you resume"));
    m_clear->setObjectName(QStringLiteral("clearAction"));
    m_clear->setIcon(style()->standardIcon(QStyle::SP_TrashIcon));
    m_clear->setToolTip(QStringLiteral("Delete every delivery of this session"));
    m_follow->setObjectName(QStringLiteral("followAction"));
    m_follow->setCheckable(true);
    m_follow->setChecked(true);
    m_follow->setToolTip(QStringLiteral("Scroll to new deliveries as they arrive (scrolling up "
                                        "stops it, scrolling to the bottom resumes it)"));
    connect(m_pause, &QAction::toggled, m_session, &CaptureSession::setPaused);
    connect(m_clear, &QAction::triggered, this, &LiveCaptureView::confirmAndClear);
    connect(m_follow, &QAction::toggled, m_table, &DeliveryTableView::setFollowing);
    connect(m_table, &DeliveryTableView::followingChanged, m_follow, &QAction::setChecked);

    m_table->setObjectName(QStringLiteral("deliveryTable"));
    m_table->setModel(m_proxy);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &LiveCaptureView::showCurrent);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &LiveCaptureView::showCurrent);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &LiveCaptureView::updateCounts);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &LiveCaptureView::updateCounts);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &LiveCaptureView::updateCounts);

    m_detailStack->setObjectName(QStringLiteral("detailStack"));
    m_detailStack->addWidget(m_detail);
    connect(m_detail, &DeliveryDetailView::filterRequested, this,
            [this](const QString &term) { m_filter->addTerm(term); });

    m_splitter->setObjectName(QStringLiteral("liveSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_table);
    m_splitter->addWidget(m_detailStack);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);

    connect(m_banner, &NotListeningBanner::listenOnFreePortRequested, this,
            &LiveCaptureView::listenOnFreePort);
    connect(m_banner, &NotListeningBanner::retryRequested, this, &LiveCaptureView::retryListening);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->setSpacing(6);
    layout->addWidget(createStrip());
    layout->addWidget(m_banner);
    layout->addWidget(createFilterRow());
    layout->addWidget(m_splitter, 1);

    connect(m_session, &CaptureSession::listeningChanged, this, &LiveCaptureView::updateListening);
    connect(m_session, &CaptureSession::countsChanged, this, &LiveCaptureView::updateCounts);
    connect(m_session, &CaptureSession::pausedChanged, m_pause, &QAction::setChecked);
    updateListening();
    updateCounts();
    restoreSettings();
    showCurrent();
}

LiveCaptureView::~LiveCaptureView()
{
    // While this object is whole: the table and the proxy signal it as they go.
    delete m_table;
    delete m_proxy;
}

QWidget *LiveCaptureView::createStrip()
{
    auto *strip = new QToolBar(this);
    strip->setObjectName(QStringLiteral("captureToolBar"));
    strip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    strip->setMovable(false);
    QLabel *caption = plainLabel(QStringLiteral("listeningCaption"), strip);
    caption->setText(QStringLiteral("Listening on"));
    m_listeningCaption = strip->addWidget(caption);
    m_url = new CopyUrlButton(strip);
    m_url->setObjectName(QStringLiteral("toolbarUrlButton"));
    QFont font = m_url->font();
    font.setBold(true);
    m_url->setFont(font);
    strip->addWidget(m_url);
    strip->addSeparator();
    strip->addAction(m_pause);
    strip->addAction(m_clear);
    strip->addAction(m_follow);
    return strip;
}

QWidget *LiveCaptureView::createFilterRow()
{
    auto *row = new QWidget(this);
    m_filter = new FilterLineEdit(row);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filterErrors = plainLabel(QStringLiteral("filterErrorLabel"), row);
    m_filterErrors->setWordWrap(true);
    QPalette palette = m_filterErrors->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc9, 0x2a, 0x2a));
    m_filterErrors->setPalette(palette);
    m_filterErrors->hide();
    m_shownCount = plainLabel(QStringLiteral("shownCountLabel"), row);
    connect(m_filter, &FilterLineEdit::filterChanged, m_proxy,
            &DeliveryFilterProxyModel::setFilter);
    connect(m_filter, &FilterLineEdit::errorsChanged, this, [this](const QString &errors) {
        m_filterErrors->setText(errors.isEmpty() ? QString()
                                                 : QStringLiteral("Ignored: ") + errors);
        m_filterErrors->setVisible(!errors.isEmpty());
    });

    auto *filterLine = new QHBoxLayout;
    filterLine->setContentsMargins(0, 0, 0, 0);
    filterLine->addWidget(m_filter, 1);
    filterLine->addWidget(m_shownCount);
    auto *layout = new QVBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(filterLine);
    layout->addWidget(m_filterErrors);
    return row;
}

void LiveCaptureView::setPlaceholder(QWidget *placeholder)
{
    if (m_placeholder) {
        m_detailStack->removeWidget(m_placeholder);
        m_placeholder->deleteLater();
    }
    m_placeholder = placeholder;
    if (placeholder)
        m_detailStack->addWidget(placeholder);
    m_detailStack->setCurrentWidget(m_current || !placeholder ? static_cast<QWidget *>(m_detail)
                                                              : placeholder);
}

void LiveCaptureView::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void LiveCaptureView::confirmAndClear()
{
    const int count = m_session->model()->rowCount() + m_session->bufferedCount();
    const auto answer = QMessageBox::question(
        this, QStringLiteral("Clear the session"),
        QStringLiteral("Delete all %1 deliveries of this session? This cannot be undone.")
            .arg(QLocale().toString(count)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    QString error;
    if (!m_session->clear(&error))
        warnPlain(this, QStringLiteral("Clear the session"),
                  QStringLiteral("The session could not be cleared: %1").arg(error));
}

bool LiveCaptureView::selectSeq(qint64 seq)
{
    const int sourceRow = m_session->model()->rowForSeq(seq);
    if (sourceRow < 0)
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_session->model()->index(sourceRow, 0));
    if (!index.isValid())
        return false;
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    return true;
}

void LiveCaptureView::showCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    const qint64 seq = current.isValid() ? m_proxy->seqAt(current.row()) : 0;
    if (seq == m_shownSeq && (seq == 0 || m_current))
        return;
    m_shownSeq = seq;
    m_current.reset();
    if (seq > 0) {
        // One delivery, read and decoded here: small enough for this thread.
        QString error;
        m_current = m_session->load(seq, &error);
        if (!m_current)
            m_detail->showNothing();
    }
    if (m_current) {
        m_detail->showDelivery(*m_current);
        m_detailStack->setCurrentWidget(m_detail);
    } else {
        m_detail->showNothing();
        if (m_placeholder)
            m_detailStack->setCurrentWidget(m_placeholder);
    }
    emit currentDeliveryChanged();
}

void LiveCaptureView::updateListening()
{
    const bool listening = m_session->isListening();
    m_url->setUrl(m_session->url());
    m_listeningCaption->setVisible(listening);
    m_banner->setError(m_session->listenError());
    m_banner->setVisible(!listening);
}

void LiveCaptureView::updateCounts()
{
    const int total = m_session->model()->rowCount();
    const int shown = m_proxy->rowCount();
    m_shownCount->setText(shown == total
                              ? QString()
                              : QStringLiteral("%1 of %2 shown")
                                    .arg(QLocale().toString(shown), QLocale().toString(total)));
    const int waiting = m_session->bufferedCount();
    const bool paused = m_session->isPaused();
    m_pause->setText(!paused       ? QStringLiteral("&Pause")
                     : waiting > 0 ? QStringLiteral("&Resume (%1 waiting)").arg(waiting)
                                   : QStringLiteral("&Resume"));
    m_pause->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
}

void LiveCaptureView::listenOnFreePort()
{
    CaptureOptions options = m_session->options();
    options.port = 0;
    m_session->listen(options);
}

void LiveCaptureView::retryListening()
{
    m_session->listen(m_session->options());
}

void LiveCaptureView::saveSettings() const
{
    QSettings settings;
    settings.setValue(kSplitterKey, m_splitter->saveState());
    settings.setValue(kColumnsKey, m_table->horizontalHeader()->saveState());
}

void LiveCaptureView::restoreSettings()
{
    QSettings settings;
    if (!m_splitter->restoreState(settings.value(kSplitterKey).toByteArray()))
        m_splitter->setSizes({260, 380});
    m_table->horizontalHeader()->restoreState(settings.value(kColumnsKey).toByteArray());
}
