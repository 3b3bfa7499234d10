#include "responsemenu.h"

#include "capture/responsepolicy.h"
#include "responserulesdialog.h"

#include <QActionGroup>
#include <QInputDialog>

ResponseMenu::ResponseMenu(ResponsePolicy *policy, QWidget *parent)
    : QMenu(QStringLiteral("&Response"), parent)
    , m_policy(policy)
{
    setObjectName(QStringLiteral("responseMenu"));
    m_normal = addAction(QStringLiteral("Answer &normally (200 at once)"));
    m_normal->setObjectName(QStringLiteral("answerNormallyAction"));
    m_late = addAction(QStringLiteral("Answer after %1 ms (Wix times out at %2 ms)")
                           .arg(ResponsePolicy::kBeyondWixTimeoutMs)
                           .arg(ResponsePolicy::kWixTimeoutMs));
    m_late->setObjectName(QStringLiteral("answerLateAction"));
    addSeparator();
    m_failNext = addAction(QStringLiteral("&Fail next N with %1\u2026").arg(kFailureStatus));
    m_failNext->setObjectName(QStringLiteral("failNextAction"));
    addSeparator();
    m_pathRules = addAction(QStringLiteral("Per-&path answers\u2026"));
    m_pathRules->setObjectName(QStringLiteral("pathRulesAction"));
    m_pathRules->setStatusTip(
        QStringLiteral("Answer chosen paths with their own status, body and delay"));

    auto *modes = new QActionGroup(this);
    for (QAction *action : {m_normal, m_late}) {
        action->setCheckable(true);
        modes->addAction(action);
    }
    connect(m_normal, &QAction::triggered, this, &ResponseMenu::answerNormally);
    connect(m_late, &QAction::triggered, this, &ResponseMenu::answerLate);
    connect(m_failNext, &QAction::triggered, this, &ResponseMenu::askFailNext);
    connect(m_pathRules, &QAction::triggered, this, &ResponseMenu::openPathRules);
    connect(this, &QMenu::aboutToShow, this, &ResponseMenu::refresh);
    refresh();
}

QString ResponseMenu::summary() const
{
    QStringList parts;
    const int failures = m_policy->pendingFailures();
    if (failures > 0)
        parts << QStringLiteral("failing the next %1 with %2").arg(failures).arg(kFailureStatus);
    const ResponsePlan plan = m_policy->defaultPlan();
    if (plan.status != 200)
        parts << QStringLiteral("answering %1").arg(plan.status);
    if (plan.delayMs > 0)
        parts << QStringLiteral("answering after %1 ms").arg(plan.delayMs);
    if (const qsizetype rules = m_policy->pathPlans().size(); rules > 0)
        parts << (rules == 1 ? QStringLiteral("1 path with its own answer")
                             : QStringLiteral("%1 paths with their own answers").arg(rules));
    if (parts.isEmpty())
        return QString();
    QString text = parts.join(QStringLiteral(", "));
    text[0] = text.at(0).toUpper();
    return text;
}

void ResponseMenu::refresh()
{
    const ResponsePlan plan = m_policy->defaultPlan();
    m_late->setChecked(plan.delayMs >= ResponsePolicy::kBeyondWixTimeoutMs);
    m_normal->setChecked(plan.delayMs == 0 && plan.status == 200);
    const qsizetype rules = m_policy->pathPlans().size();
    m_pathRules->setText(rules > 0 ? QStringLiteral("Per-&path answers\u2026 (%1)").arg(rules)
                                   : QStringLiteral("Per-&path answers\u2026"));
    const int failures = m_policy->pendingFailures();
    m_failNext->setText(failures > 0
                            ? QStringLiteral("&Fail next N with %1\u2026 (%2 to go)")
                                  .arg(kFailureStatus)
                                  .arg(failures)
                            : QStringLiteral("&Fail next N with %1\u2026").arg(kFailureStatus));
}

void ResponseMenu::answerNormally()
{
    m_policy->setDefault(ResponsePlan());
    m_policy->failNext(0);
    refresh();
    emit changed();
}

void ResponseMenu::answerLate()
{
    m_policy->answerLate();
    refresh();
    emit changed();
}

void ResponseMenu::failNext(int count)
{
    m_policy->failNext(count, kFailureStatus);
    refresh();
    emit changed();
}

void ResponseMenu::askFailNext()
{
    bool ok = false;
    const int count = QInputDialog::getInt(
        parentWidget(), QStringLiteral("Fail next deliveries"),
        QStringLiteral("Answer the next N deliveries with %1 (Wix retries them):")
            .arg(kFailureStatus),
        qMax(1, m_policy->pendingFailures()), 1, 1000, 1, &ok);
    if (ok)
        failNext(count);
}

ResponseRulesDialog *ResponseMenu::rulesDialog() const
{
    return m_rulesDialog;
}

void ResponseMenu::openPathRules()
{
    if (!m_rulesDialog) {
        m_rulesDialog = new ResponseRulesDialog(m_policy, parentWidget());
        connect(m_rulesDialog, &ResponseRulesDialog::changed, this, [this] {
            refresh();
            emit changed();
        });
    }
    m_rulesDialog->refresh();
    m_rulesDialog->show();
    m_rulesDialog->raise();
    m_rulesDialog->activateWindow();
}
