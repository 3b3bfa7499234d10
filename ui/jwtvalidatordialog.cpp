#include "jwtvalidatordialog.h"

#include "claimsview.h"
#include "decodedtreeview.h"
#include "filedroptextedit.h"
#include "jwtsegmenthighlighter.h"
#include "models/jsontreemodel.h"
#include "plainlabel.h"
#include "wix/tokeninspection.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

namespace {

QLabel *textLabel(const QString &text, QWidget *parent, const QString &objectName = QString())
{
    QLabel *label = plainLabel(objectName, parent);
    label->setText(text);
    return label;
}

QLabel *caption(const QString &text, QWidget *parent)
{
    QLabel *label = textLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QLabel *hint(const QString &text, QWidget *parent, const QString &objectName = QString())
{
    QLabel *label = textLabel(text, parent, objectName);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    label->setPalette(palette);
    return label;
}

void setTextColor(QLabel *label, const QColor &color)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, color);
    label->setPalette(palette);
}

FileDropTextEdit *monospaceEditor(const QString &objectName, const QString &placeholder,
                                  QWidget *parent)
{
    auto *editor = new FileDropTextEdit(parent);
    editor->setObjectName(objectName);
    editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    editor->setPlaceholderText(placeholder);
    editor->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    editor->setWordWrapMode(QTextOption::WrapAnywhere); // a token has no spaces to wrap at
    editor->setTabChangesFocus(true);
    return editor;
}

QHBoxLayout *captionRow(QWidget *first)
{
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(8);
    row->addWidget(first);
    return row;
}

QVBoxLayout *paneLayout(QWidget *pane)
{
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    return layout;
}

QString fileSize(qint64 bytes)
{
    return bytes < 2048 ? QStringLiteral("%1 bytes").arg(bytes)
                        : QStringLiteral("%1 KB").arg((bytes + 512) / 1024);
}
} // namespace

JwtValidatorDialog::JwtValidatorDialog(QWidget *parent)
    : QDialog(parent)
    , m_banner(new VerdictBanner(this))
    , m_model(new JsonTreeModel(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("jwtValidatorDialog"));
    setWindowTitle(QStringLiteral("Validate JWT \u2014 Hookscope"));
    setModal(false);
    setWindowFlag(Qt::WindowMaximizeButtonHint);
    setSizeGripEnabled(true);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &JwtValidatorDialog::revalidateNow);

    auto *inputs = new QWidget(this);
    QVBoxLayout *inputLayout = paneLayout(inputs);
    m_inputSplitter = new QSplitter(Qt::Vertical, inputs);
    m_inputSplitter->setObjectName(QStringLiteral("inputSplitter"));
    m_inputSplitter->setChildrenCollapsible(false);
    m_inputSplitter->addWidget(createTokenPane());
    m_inputSplitter->addWidget(createKeyPane());
    m_inputSplitter->setStretchFactor(0, 3);
    m_inputSplitter->setStretchFactor(1, 2);
    inputLayout->addWidget(m_inputSplitter, 1);
    inputLayout->addWidget(createOptionsRow());

    m_outputSplitter = new QSplitter(Qt::Vertical, this);
    m_outputSplitter->setObjectName(QStringLiteral("outputSplitter"));
    m_outputSplitter->setChildrenCollapsible(false);
    m_outputSplitter->addWidget(createTreePane());
    m_outputSplitter->addWidget(createClaimsPane());
    m_outputSplitter->setStretchFactor(0, 3);
    m_outputSplitter->setStretchFactor(1, 2);

    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->setChildrenCollapsible(false);
    m_mainSplitter->setHandleWidth(12);
    m_mainSplitter->addWidget(inputs);
    m_mainSplitter->addWidget(m_outputSplitter);
    m_mainSplitter->setStretchFactor(0, 4);
    m_mainSplitter->setStretchFactor(1, 5);
    m_inputSplitter->setHandleWidth(10);
    m_outputSplitter->setHandleWidth(10);

    m_statusLine = textLabel(QString(), this, QStringLiteral("statusLine"));
    m_statusLine->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_statusLine, 1);
    bottom->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 14, 14, 10);
    layout->setSpacing(10);
    layout->addWidget(m_banner);
    layout->addWidget(m_mainSplitter, 1);
    layout->addLayout(bottom);

    restoreSettings();
    m_tokenEdit->setFocus();
    revalidateNow();
}

JwtValidatorDialog::~JwtValidatorDialog() = default;

QWidget *JwtValidatorDialog::createTokenPane()
{
    auto *pane = new QWidget(this);
    QVBoxLayout *layout = paneLayout(pane);
    m_tokenEdit = monospaceEditor(
        QStringLiteral("tokenEdit"),
        QStringLiteral("Paste a webhook token here: the raw body Wix POSTed to your endpoint, "
                       "eyJhbGciOiJSUzI1NiIs\u2026\n\nOr drop a file here."),
        pane);
    new JwtSegmentHighlighter(m_tokenEdit->document());
    connect(m_tokenEdit, &QPlainTextEdit::textChanged, this,
            &JwtValidatorDialog::scheduleRevalidation);
    connect(m_tokenEdit, &FileDropTextEdit::fileLoaded, this, &JwtValidatorDialog::showFileLoaded);
    connect(m_tokenEdit, &FileDropTextEdit::fileRejected, this,
            &JwtValidatorDialog::showFileRejected);

    auto *load = new QPushButton(QStringLiteral("Load token\u2026"), pane);
    load->setObjectName(QStringLiteral("loadTokenButton"));
    load->setAutoDefault(false); // Enter in an editor must not open a file dialog
    load->setToolTip(QStringLiteral("Read the token from a file"));
    connect(load, &QPushButton::clicked, this, &JwtValidatorDialog::chooseTokenFile);

    QHBoxLayout *row = captionRow(caption(QStringLiteral("Token"), pane));
    auto *legend = new QWidget(pane);
    legend->setObjectName(QStringLiteral("segmentLegend"));
    auto *legendLayout = new QHBoxLayout(legend);
    legendLayout->setContentsMargins(8, 0, 0, 0);
    legendLayout->setSpacing(4);
    const std::pair<JwtSegmentHighlighter::Segment, const char *> segments[] = {
        {JwtSegmentHighlighter::Segment::Header, "header"},
        {JwtSegmentHighlighter::Segment::Payload, "payload"},
        {JwtSegmentHighlighter::Segment::Signature, "signature"}};
    for (const auto &[segment, name] : segments) {
        if (segment != JwtSegmentHighlighter::Segment::Header)
            legendLayout->addWidget(hint(QStringLiteral("."), legend));
        QLabel *label = textLabel(QLatin1String(name), legend);
        setTextColor(label, JwtSegmentHighlighter::segmentColor(segment));
        legendLayout->addWidget(label);
    }
    row->addWidget(legend);
    row->addStretch(1);
    row->addWidget(load);
    layout->addLayout(row);
    layout->addWidget(m_tokenEdit, 1);
    return pane;
}

QWidget *JwtValidatorDialog::createKeyPane()
{
    auto *pane = new QWidget(this);
    QVBoxLayout *layout = paneLayout(pane);
    layout->setContentsMargins(0, 4, 0, 0);
    m_keyEdit = monospaceEditor(QStringLiteral("keyEdit"),
                                QStringLiteral("-----BEGIN PUBLIC KEY-----\n"
                                               "The app's public key, from the Wix app dashboard\n"
                                               "-----END PUBLIC KEY-----\n\nOr drop a file here."),
                                pane);
    m_keyEdit->setLineWrapMode(QPlainTextEdit::NoWrap); // PEM lines read best unbroken
    connect(m_keyEdit, &QPlainTextEdit::textChanged, this,
            &JwtValidatorDialog::scheduleRevalidation);
    connect(m_keyEdit, &FileDropTextEdit::fileLoaded, this, &JwtValidatorDialog::showFileLoaded);
    connect(m_keyEdit, &FileDropTextEdit::fileRejected, this,
            &JwtValidatorDialog::showFileRejected);

    auto *load = new QPushButton(QStringLiteral("Load key\u2026"), pane);
    load->setObjectName(QStringLiteral("loadKeyButton"));
    load->setAutoDefault(false); // Enter in an editor must not open a file dialog
    load->setToolTip(QStringLiteral("Read the public key from a PEM file"));
    connect(load, &QPushButton::clicked, this, &JwtValidatorDialog::chooseKeyFile);

    QHBoxLayout *row = captionRow(caption(QStringLiteral("Public key"), pane));
    row->addStretch(1);
    row->addWidget(load);
    layout->addLayout(row);
    layout->addWidget(m_keyEdit, 1);
    m_keyStatus = textLabel(QString(), pane, QStringLiteral("keyStatus"));
    m_keyStatus->setWordWrap(true);
    m_keyStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_keyStatus);
    return pane;
}

QWidget *JwtValidatorDialog::createOptionsRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(8);
    m_skew = new QSpinBox(row);
    m_skew->setObjectName(QStringLiteral("skewSpin"));
    m_skew->setRange(0, 24 * 3600);
    m_skew->setSingleStep(30);
    m_skew->setValue(VerifyOptions().skewSeconds);
    m_skew->setSuffix(QStringLiteral(" s"));
    m_skew->setToolTip(QStringLiteral("Leeway for exp and nbf, and for an iat in the future"));
    QLabel *skewLabel = textLabel(QStringLiteral("Clock skew:"), row);
    skewLabel->setBuddy(m_skew);
    m_ignoreExpiry = new QCheckBox(QStringLiteral("Ignore expiry"), row);
    m_ignoreExpiry->setObjectName(QStringLiteral("ignoreExpiryCheck"));
    m_ignoreExpiry->setToolTip(
        QStringLiteral("Accept an expired token, with a warning: handy for replaying old ones"));
    connect(m_skew, &QSpinBox::valueChanged, this, &JwtValidatorDialog::scheduleRevalidation);
    connect(m_ignoreExpiry, &QCheckBox::toggled, this, &JwtValidatorDialog::scheduleRevalidation);
    layout->addWidget(skewLabel);
    layout->addWidget(m_skew);
    layout->addSpacing(16);
    layout->addWidget(m_ignoreExpiry);
    layout->addStretch(1);
    return row;
}

QWidget *JwtValidatorDialog::createTreePane()
{
    auto *pane = new QWidget(this);
    QVBoxLayout *layout = paneLayout(pane);
    m_tree = new DecodedTreeView(pane);
    m_tree->setObjectName(QStringLiteral("decodedTree"));
    m_tree->setModel(m_model);
    QHeaderView *header = m_tree->header();
    header->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    header->resizeSection(JsonTreeModel::KeyColumn, 210);
    header->resizeSection(
        JsonTreeModel::TypeColumn,
        fontMetrics().horizontalAdvance(QStringLiteral("object (string of JSON)")) + 16);

    QHBoxLayout *row = captionRow(caption(QStringLiteral("Decoded token"), pane));
    row->addWidget(hint(QStringLiteral("strings of JSON expanded; right-click a row to copy its "
                                       "value or path"),
                        pane));
    row->addStretch(1);
    layout->addLayout(row);
    layout->addWidget(m_tree, 1);
    return pane;
}

QWidget *JwtValidatorDialog::createClaimsPane()
{
    auto *pane = new QWidget(this);
    QVBoxLayout *layout = paneLayout(pane);
    layout->setContentsMargins(0, 4, 0, 0);
    m_claims = new ClaimsView(pane);
    m_claims->setObjectName(QStringLiteral("claimsView"));
    layout->addLayout(captionRow(caption(QStringLiteral("Header and claims"), pane)));
    layout->addWidget(m_claims, 1);
    return pane;
}

void JwtValidatorDialog::setTokenText(const QString &text)
{
    m_tokenEdit->setPlainText(text);
}

void JwtValidatorDialog::setKeyText(const QString &text)
{
    m_keyEdit->setPlainText(text);
}

bool JwtValidatorDialog::loadTokenFile(const QString &path, QString *error)
{
    return m_tokenEdit->loadFile(path, error);
}

bool JwtValidatorDialog::loadKeyFile(const QString &path, QString *error)
{
    return m_keyEdit->loadFile(path, error);
}

VerdictBanner::State JwtValidatorDialog::verdictState() const
{
    return m_banner->state();
}

QString JwtValidatorDialog::verdictText() const
{
    return m_banner->text();
}

void JwtValidatorDialog::chooseTokenFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, QStringLiteral("Load token"), QString(),
        QStringLiteral("Tokens (*.jwt *.jws *.txt *.token);;All files (*)"));
    if (!path.isEmpty())
        loadTokenFile(path);
}

void JwtValidatorDialog::chooseKeyFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, QStringLiteral("Load public key"), QString(),
        QStringLiteral("Keys (*.pem *.pub *.crt *.cer *.key *.txt);;All files (*)"));
    if (!path.isEmpty())
        loadKeyFile(path);
}

void JwtValidatorDialog::showFileLoaded(const QString &path)
{
    const QFileInfo info(path);
    setTextColor(m_statusLine, palette().color(QPalette::WindowText));
    m_statusLine->setText(
        QStringLiteral("Loaded %1 (%2).").arg(info.fileName(), fileSize(info.size())));
}

void JwtValidatorDialog::showFileRejected(const QString &message)
{
    setTextColor(m_statusLine, QColor(0xc9, 0x2a, 0x2a));
    m_statusLine->setText(message);
}

QString JwtValidatorDialog::keyName() const
{
    const QString file = m_keyEdit->sourceFile();
    return file.isEmpty() ? QStringLiteral("pasted key") : QFileInfo(file).fileName();
}

void JwtValidatorDialog::scheduleRevalidation()
{
    m_debounce->start();
}

void JwtValidatorDialog::revalidateNow()
{
    m_debounce->stop();
    const QByteArray token = m_tokenEdit->toPlainText().toUtf8();
    const QByteArray keyText = m_keyEdit->toPlainText().toUtf8();
    const bool tokenGiven = !token.trimmed().isEmpty();
    const bool keyGiven = !keyText.trimmed().isEmpty();

    Keyring keyring;
    PublicKeyLoadResult key;
    if (keyGiven)
        key = keyring.addFromText(keyName(), keyText);
    showKeyStatus(keyGiven, key);

    VerifyOptions options;
    options.skewSeconds = m_skew->value();
    options.ignoreExpiry = m_ignoreExpiry->isChecked();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    options.nowEpochSeconds = now;
    const TokenInspection inspection = inspectToken(token, JwtVerifier(keyring, options));
    showVerdict(inspection, tokenGiven, keyGiven, key);
    showDecoded(inspection, tokenGiven, now);
}

void JwtValidatorDialog::showKeyStatus(bool keyGiven, const PublicKeyLoadResult &key)
{
    if (!keyGiven) {
        setTextColor(m_keyStatus, palette().color(QPalette::PlaceholderText));
        m_keyStatus->setText(QStringLiteral("No key yet: without one the token is decoded but "
                                            "not verified."));
        m_keyStatus->setToolTip(QString());
    } else if (!key.ok()) {
        setTextColor(m_keyStatus, QColor(0xc9, 0x2a, 0x2a));
        m_keyStatus->setText(
            QStringLiteral("\u2717 %1: %2").arg(reasonCode(key.error), key.message));
        m_keyStatus->setToolTip(QString());
    } else {
        const QString fingerprint = key.key.sha256Fingerprint();
        setTextColor(m_keyStatus, QColor(0x2b, 0x8a, 0x3e));
        m_keyStatus->setText(QStringLiteral("\u2713 RSA %1-bit, %2, SHA-256 %3\u2026")
                                 .arg(QString::number(key.key.bits()), keyFormatName(key.format),
                                      fingerprint.left(23)));
        m_keyStatus->setToolTip(QStringLiteral("SHA-256 fingerprint of the key:\n") + fingerprint);
    }
}

void JwtValidatorDialog::showVerdict(const TokenInspection &inspection, bool tokenGiven,
                                     bool keyGiven, const PublicKeyLoadResult &key)
{
    const Verdict &verdict = inspection.verdict;
    QStringList warnings = verdict.warnings;
    if (key.ok())
        warnings += key.warnings;
    if (inspection.isJws())
        warnings += inspection.decoding.notes;

    if (!tokenGiven) {
        m_banner->setVerdict(VerdictBanner::State::Idle, QString(),
                             QStringLiteral("Paste a Wix webhook token on the left, or load or "
                                            "drop a file. The verdict follows as you type."),
                             warnings);
    } else if (isMalformed(verdict.reason)) {
        m_banner->setVerdict(VerdictBanner::State::Malformed, reasonCode(verdict.reason),
                             verdict.message, warnings);
    } else if (verdict.valid) {
        m_banner->setVerdict(VerdictBanner::State::Valid, reasonCode(verdict.reason),
                             verdict.message, warnings);
    } else if (verdict.reason == VerdictReason::NoKey && keyGiven) {
        // The key, not the token, is at fault: say so rather than "no key".
        m_banner->setVerdict(VerdictBanner::State::KeyError, reasonCode(key.error), key.message,
                             warnings);
    } else if (verdict.reason == VerdictReason::NoKey) {
        m_banner->setVerdict(VerdictBanner::State::Unverified, reasonCode(verdict.reason),
                             QStringLiteral("Paste the app's public key to check the signature. "
                                            "The token is decoded below anyway."),
                             warnings);
    } else {
        m_banner->setVerdict(VerdictBanner::State::Rejected, reasonCode(verdict.reason),
                             verdict.message, warnings);
    }
}

void JwtValidatorDialog::showDecoded(const TokenInspection &inspection, bool tokenGiven, qint64 now)
{
    const CompactJws &jws = inspection.parsed.jws;
    if (!tokenGiven || (!jws.headerIsObject && !jws.payloadIsObject)) {
        if (!m_shownTree.isEmpty() || m_model->rowCount() > 0) {
            m_model->clear();
            m_shownTree = QJsonObject();
        }
        m_claims->showNothing(tokenGiven ? QStringLiteral("Nothing could be decoded.")
                                         : QStringLiteral("The header and claims show here."));
        return;
    }
    m_claims->showInspection(inspection, now);

    QSet<QString> stringifiedPaths;
    const QJsonObject tree = inspection.decodedTree(&stringifiedPaths);
    if (tree == m_shownTree)
        return; // a new key or option: keep the reader's expanded rows and scroll position
    m_shownTree = tree;
    m_model->setJson(tree, stringifiedPaths);
    m_tree->expandBelow(m_model->indexForPath(QStringLiteral("header")), 1);
    m_tree->expandBelow(m_model->indexForPath(QStringLiteral("payload")),
                        DecodedTreeView::kPayloadLevelsExpanded);
}

void JwtValidatorDialog::hideEvent(QHideEvent *event)
{
    saveSettings();
    QDialog::hideEvent(event);
}

void JwtValidatorDialog::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("validator"));
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray()))
        resize(1100, 750);
    if (!m_mainSplitter->restoreState(settings.value(QStringLiteral("mainSplitter")).toByteArray()))
        m_mainSplitter->setSizes({480, 590});
    if (!m_inputSplitter->restoreState(
            settings.value(QStringLiteral("inputSplitter")).toByteArray()))
        m_inputSplitter->setSizes({360, 240});
    if (!m_outputSplitter->restoreState(
            settings.value(QStringLiteral("outputSplitter")).toByteArray()))
        m_outputSplitter->setSizes({380, 220});
}

void JwtValidatorDialog::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("validator"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainSplitter"), m_mainSplitter->saveState());
    settings.setValue(QStringLiteral("inputSplitter"), m_inputSplitter->saveState());
    settings.setValue(QStringLiteral("outputSplitter"), m_outputSplitter->saveState());
}
