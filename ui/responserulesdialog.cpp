#include "responserulesdialog.h"

#include "responseruledialog.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

ResponseRulesDialog::ResponseRulesDialog(ResponsePolicy *policy, QWidget *parent)
    : QDialog(parent)
    , m_policy(policy)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_add(new QPushButton(QStringLiteral("&Add\u2026"), this))
    , m_edit(new QPushButton(QStringLiteral("&Edit\u2026"), this))
    , m_remove(new QPushButton(QStringLiteral("&Remove"), this))
{
    setObjectName(QStringLiteral("responseRulesDialog"));
    setWindowTitle(QStringLiteral("Per-path answers"));
    m_table->setObjectName(QStringLiteral("responseRules"));
    m_table->setHorizontalHeaderLabels({QStringLiteral("Path"), QStringLiteral("Status"),
                                        QStringLiteral("Delay"), QStringLiteral("Body")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(PathColumn, 220);
    m_add->setObjectName(QStringLiteral("addRuleButton"));
    m_edit->setObjectName(QStringLiteral("editRuleButton"));
    m_remove->setObjectName(QStringLiteral("removeRuleButton"));

    auto *hint = new QLabel(QStringLiteral("Requests to these paths get these answers; every "
                                           "other path gets the Response menu's answer."),
                            this);
    hint->setTextFormat(Qt::PlainText);
    hint->setWordWrap(true);
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *row = new QHBoxLayout;
    row->addWidget(m_table, 1);
    row->addLayout(buttons);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addLayout(row, 1);
    layout->addWidget(close);

    connect(m_add, &QPushButton::clicked, this, &ResponseRulesDialog::addRule);
    connect(m_edit, &QPushButton::clicked, this, &ResponseRulesDialog::editCurrent);
    connect(m_remove, &QPushButton::clicked, this, &ResponseRulesDialog::removeCurrent);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            &ResponseRulesDialog::updateButtons);
    connect(m_table, &QTableWidget::itemDoubleClicked, this, &ResponseRulesDialog::editCurrent);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    refresh();
    resize(620, 360);
}

ResponseRuleDialog *ResponseRulesDialog::editor() const
{
    return m_editor;
}

void ResponseRulesDialog::refresh()
{
    const QString selected = currentPath();
    const QHash<QString, ResponsePlan> plans = m_policy->pathPlans();
    QStringList paths = plans.keys();
    std::sort(paths.begin(), paths.end());
    m_table->setRowCount(int(paths.size()));
    for (int row = 0; row < paths.size(); ++row) {
        const ResponsePlan plan = plans.value(paths.at(row));
        const QString body = QString::fromUtf8(plan.body);
        // QTableWidgetItem text is plain: a body may hold anything.
        const QStringList cells = {
            paths.at(row), QString::number(plan.status),
            plan.delayMs > 0 ? QStringLiteral("%1 ms").arg(plan.delayMs) : QStringLiteral("none"),
            body.isEmpty() ? QStringLiteral("(empty)")
                           : body.left(200).replace(QLatin1Char('\n'), QLatin1Char(' '))};
        for (int column = 0; column < ColumnCount; ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
        if (paths.at(row) == selected)
            m_table->selectRow(row);
    }
    updateButtons();
}

QString ResponseRulesDialog::currentPath() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty())
        return QString();
    const QTableWidgetItem *item = m_table->item(selected.first()->row(), PathColumn);
    return item ? item->text() : QString();
}

void ResponseRulesDialog::updateButtons()
{
    const bool any = !currentPath().isEmpty();
    m_edit->setEnabled(any);
    m_remove->setEnabled(any);
}

void ResponseRulesDialog::setRule(const QString &path, const ResponsePlan &plan,
                                  const QString &replacing)
{
    if (!replacing.isEmpty() && replacing != path)
        m_policy->clearForPath(replacing);
    m_policy->setForPath(path, plan);
    refresh();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, PathColumn)->text() == path)
            m_table->selectRow(row);
    }
    emit changed();
}

void ResponseRulesDialog::removeRule(const QString &path)
{
    m_policy->clearForPath(path);
    refresh();
    emit changed();
}

void ResponseRulesDialog::addRule()
{
    ResponsePlan plan;
    plan.status = 500;
    openEditor(QString(), plan);
}

void ResponseRulesDialog::editCurrent()
{
    const QString path = currentPath();
    if (!path.isEmpty())
        openEditor(path, m_policy->pathPlans().value(path));
}

void ResponseRulesDialog::removeCurrent()
{
    const QString path = currentPath();
    if (!path.isEmpty())
        removeRule(path);
}

void ResponseRulesDialog::openEditor(const QString &path, const ResponsePlan &plan)
{
    if (m_editor)
        m_editor->close();
    auto *editor = new ResponseRuleDialog(this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setWindowTitle(path.isEmpty() ? QStringLiteral("New answer rule")
                                          : QStringLiteral("Answer rule for %1").arg(path));
    editor->setRule(path, plan);
    connect(editor, &QDialog::accepted, this,
            [this, editor, path] { setRule(editor->path(), editor->plan(), path); });
    m_editor = editor;
    editor->open();
}
