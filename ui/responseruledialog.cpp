#include "responseruledialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

ResponseRuleDialog::ResponseRuleDialog(QWidget *parent)
    : QDialog(parent)
    , m_path(new QLineEdit(this))
    , m_status(new QSpinBox(this))
    , m_delay(new QSpinBox(this))
    , m_body(new QPlainTextEdit(this))
    , m_hint(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("responseRuleDialog"));
    setWindowTitle(QStringLiteral("Answer rule"));
    m_path->setObjectName(QStringLiteral("rulePath"));
    m_path->setPlaceholderText(QStringLiteral("/webhooks/wix"));
    m_status->setObjectName(QStringLiteral("ruleStatus"));
    m_status->setRange(100, 599);
    m_status->setValue(200);
    m_delay->setObjectName(QStringLiteral("ruleDelay"));
    m_delay->setRange(0, 600000);
    m_delay->setSingleStep(100);
    m_delay->setSuffix(QStringLiteral(" ms"));
    m_delay->setToolTip(QStringLiteral("Wix gives up after %1 ms and retries later")
                            .arg(ResponsePolicy::kWixTimeoutMs));
    m_body->setObjectName(QStringLiteral("ruleBody"));
    m_body->setPlaceholderText(QStringLiteral("empty"));
    m_body->setTabChangesFocus(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_hint->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(QStringLiteral("&Path:"), m_path);
    form->addRow(QStringLiteral("&Status:"), m_status);
    form->addRow(QStringLiteral("&Delay:"), m_delay);
    form->addRow(QStringLiteral("&Body:"), m_body);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this, &ResponseRuleDialog::validate);
    validate();
}

void ResponseRuleDialog::setRule(const QString &path, const ResponsePlan &plan)
{
    m_path->setText(path);
    m_status->setValue(plan.status);
    m_delay->setValue(plan.delayMs);
    m_body->setPlainText(QString::fromUtf8(plan.body));
}

QString ResponseRuleDialog::path() const
{
    return m_path->text().trimmed();
}

ResponsePlan ResponseRuleDialog::plan() const
{
    ResponsePlan plan;
    plan.status = m_status->value();
    plan.delayMs = m_delay->value();
    plan.body = m_body->toPlainText().toUtf8();
    return plan;
}

void ResponseRuleDialog::validate()
{
    const QString text = path();
    QString problem;
    if (text.isEmpty())
        problem = QStringLiteral("The path the rule answers, e.g. /webhooks/wix.");
    else if (!text.startsWith(QLatin1Char('/')))
        problem = QStringLiteral("A path starts with /.");
    else if (text.contains(QLatin1Char('?')))
        problem = QStringLiteral("The path only: rules match without the query.");
    m_hint->setText(problem.isEmpty()
                        ? QStringLiteral("Requests to exactly this path get this answer.")
                        : problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}
