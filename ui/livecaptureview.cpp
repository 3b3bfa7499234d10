#include "livecaptureview.h"

#include "capturesession.h"
#include "comparedialog.h"
#include "copyurlbutton.h"
#include "decodedtab.h"
#include "deliverydetailview.h"
#include "deliveryfilterproxymodel.h"
#include "deliverytableview.h"
#include "extracolumnsproxymodel.h"
#include "filterlineedit.h"
#include "models/deliverylistmodel.h"
#include "notlisteningbanner.h"
#include "plainlabel.h"
#include "plainmessage.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace {
// Messages quote paths and SQLite's errors: never rich text.
const QString kSplitterKey = QStringLiteral("liveView/splitter");
const QString kColumnsKey = QStringLiteral("liveView/columns");
const QString kExtraColumnsKey = QStringLiteral("liveView/extraColumns");

} // namespace

LiveCaptureView::LiveCaptureView(CaptureSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_extraColumns(new ExtraColumnsProxyModel(this))
    , m_proxy(new DeliveryFilterProxyModel(this))
    , m_pause(new QAction(this))
    , m_clear(new QAction(QStringLiteral("&Clear\u2026"), this))
    , m_follow(new QAction(QStringLiteral("Follow new"), this))
    , m_compare(new QAction(QStringLiteral("C&ompare"), this))
    , m_banner(new NotListeningBanner(this))
    , m_table(new DeliveryTableView(this))
    , m_detailStack(new QStackedWidget(this))
    , m_detail(new DeliveryDetailView(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    setObjectName(QStringLiteral("liveCaptureView"));
    m_extraColumns->setSourceModel(session->model());
    m_extraColumns->setSessionPath(session->sessionPath());
    connect(session, &CaptureSession::sessionChanged, m_extraColumns,
            &ExtraColumnsProxyModel::setSessionPath);
    m_proxy->setSourceModel(m_extraColumns);

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
    m_compare->setObjectName(QStringLiteral("compareAction"));
    m_compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_compare->setToolTip(QStringLiteral("Compare the two selected deliveries field by field "
                                         "(select two rows with Ctrl+click)"));
    m_compare->setEnabled(false);
    connect(m_pause, &QAction::toggled, m_session, &CaptureSession::setPaused);
    connect(m_compare, &QAction::triggered, this, &LiveCaptureView::compareSelected);
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
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &LiveCaptureView::updateCompareAction);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &LiveCaptureView::updateCompareAction);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &LiveCaptureView::updateCompareAction);

    m_detailStack->setObjectName(QStringLiteral("detailStack"));
    m_detailStack->addWidget(m_detail);
    connect(m_detail, &DeliveryDetailView::filterRequested, this,
            [this](const QString &term) { m_filter->addTerm(term); });
    connect(m_detail, &DeliveryDetailView::deliveryRequested, this,
            &LiveCaptureView::deliveryRequested);
    connect(m_detail->decodedTab(), &DecodedTab::columnRequested, this,
            &LiveCaptureView::addColumn);
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table->horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
            &LiveCaptureView::showHeaderMenu);

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
    delete m_extraColumns;
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
    strip->addSeparator();
    strip->addAction(m_compare);
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
    const QModelIndex index = m_proxy->mapFromSource(m_extraColumns->index(sourceRow, 0));
    if (!index.isValid())
        return false;
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
    return true;
}

CompareDialog *LiveCaptureView::compareDialog() const
{
    return m_compareDialog;
}

QVector<qint64> LiveCaptureView::selectedSeqs() const
{
    QVector<qint64> seqs;
    for (const QModelIndex &row : m_table->selectionModel()->selectedRows())
        seqs.append(m_proxy->seqAt(row.row()));
    std::sort(seqs.begin(), seqs.end());
    return seqs;
}

void LiveCaptureView::updateCompareAction()
{
    m_compare->setEnabled(m_table->selectionModel()->selectedRows().size() == 2);
}

void LiveCaptureView::compareSelected()
{
    const QVector<qint64> seqs = selectedSeqs();
    if (seqs.size() != 2)
        return;
    QString error;
    const std::optional<Delivery> left = m_session->load(seqs.at(0), &error);
    const std::optional<Delivery> right = left ? m_session->load(seqs.at(1), &error) : left;
    if (!left || !right) {
        warnPlain(this, QStringLiteral("Compare deliveries"), error);
        return;
    }
    if (!m_compareDialog)
        m_compareDialog = new CompareDialog(window());
    m_compareDialog->setDeliveries(*left, *right);
    m_compareDialog->show();
    m_compareDialog->raise();
    m_compareDialog->activateWindow();
}

void LiveCaptureView::addColumn(const QString &path)
{
    if (!m_extraColumns->addColumn(path))
        return; // there already
    const int column = m_proxy->columnCount() - 1;
    m_table->horizontalHeader()->showSection(column);
    m_table->scrollTo(m_table->currentIndex().isValid()
                          ? m_table->currentIndex().siblingAtColumn(column)
                          : m_proxy->index(0, column));
}

void LiveCaptureView::showHeaderMenu(const QPoint &position)
{
    const int column = m_table->horizontalHeader()->logicalIndexAt(position);
    const QString path = m_extraColumns->pathForColumn(column);
    if (path.isEmpty())
        return;
    QMenu menu(this);
    // The path comes from a payload; a QAction's text is plain, but & is a mnemonic.
    QAction *remove =
        menu.addAction(QStringLiteral("Remove column %1")
                           .arg(QString(path).replace(QLatin1Char('&'), QStringLiteral("&&"))));
    remove->setObjectName(QStringLiteral("removeColumnAction"));
    if (menu.exec(m_table->horizontalHeader()->mapToGlobal(position)) == remove)
        m_extraColumns->removeColumn(path);
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
    settings.setValue(kExtraColumnsKey, m_extraColumns->columnPaths());
}

void LiveCaptureView::restoreSettings()
{
    QSettings settings;
    if (!m_splitter->restoreState(settings.value(kSplitterKey).toByteArray()))
        m_splitter->setSizes({260, 380});
    // The added columns first: the header's state counts them.
    m_extraColumns->setColumnPaths(settings.value(kExtraColumnsKey).toStringList());
    m_table->horizontalHeader()->restoreState(settings.value(kColumnsKey).toByteArray());
}
