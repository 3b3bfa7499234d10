#include "welcomepage.h"

#include "appicon.h"
#include "plainlabel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
QLabel *centredText(const QString &text, QWidget *parent)
{
    QLabel *label = plainLabel(QString(), parent);
    label->setText(text);
    label->setAlignment(Qt::AlignHCenter);
    label->setWordWrap(true);
    return label;
}
} // namespace

WelcomePage::WelcomePage(QAction *validateAction, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("welcomePage"));

    auto *icon = new QLabel(this);
    icon->setTextFormat(Qt::PlainText);
    icon->setPixmap(hookscopeIcon().pixmap(96, 96));
    icon->setAlignment(Qt::AlignHCenter);
    icon->setMinimumHeight(96);

    QLabel *title = centredText(QStringLiteral("Hookscope"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2);
    titleFont.setBold(true);
    title->setFont(titleFont);

    QLabel *tagline = centredText(QStringLiteral("An inspector for Wix webhooks"), this);

    QLabel *validate = centredText(
        QStringLiteral("Check a webhook token: Tools \u203A Validate JWT (Ctrl+J). Paste the token "
                       "your endpoint received and your app's public key to see whether the "
                       "signature holds, why not if it does not, and the event inside."),
        this);
    validate->setObjectName(QStringLiteral("welcomeValidateText"));

    auto *button = new QPushButton(QStringLiteral("Validate a JWT\u2026"), this);
    button->setObjectName(QStringLiteral("welcomeValidateButton"));
    button->setDefault(true);
    connect(button, &QPushButton::clicked, validateAction, &QAction::trigger);

    QLabel *later = centredText(
        QStringLiteral("Webhooks posted to the listening URL above appear in the list as they "
                       "arrive; select one to see it decoded, its token and its HTTP exchange. "
                       "Add your app's public key in Tools \u203A Keys (Ctrl+K) to verify them."),
        this);
    later->setObjectName(QStringLiteral("welcomeCaptureText"));
    QPalette muted = later->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    later->setPalette(muted);

    auto *column = new QWidget(this);
    column->setFixedWidth(520);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setSpacing(12);
    columnLayout->addWidget(icon);
    columnLayout->addWidget(title);
    columnLayout->addWidget(tagline);
    columnLayout->addSpacing(12);
    columnLayout->addWidget(validate);
    columnLayout->addWidget(button, 0, Qt::AlignHCenter);
    columnLayout->addSpacing(12);
    columnLayout->addWidget(later);

    auto *centered = new QHBoxLayout;
    centered->addStretch(1);
    centered->addWidget(column);
    centered->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addLayout(centered);
    layout->addStretch(2);
}
