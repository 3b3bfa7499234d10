#include "comparedialog.h"

#include "capture/delivery.h"
#include "models/deliverydiffmodel.h"
#include "wix/deliverydiff.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

CompareDialog::CompareDialog(QWidget *parent)
    : QDialog(parent)
    , m_model(new DeliveryDiffModel(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("compareDialog"));
    setWindowTitle(QStringLiteral("Compare deliveries"));
    m_summary->setObjectName(QStringLiteral("compareSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("compareTable"));
    m_table->setModel(m_model);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(DeliveryDiffModel::OpColumn, 70);
    m_table->setColumnWidth(DeliveryDiffModel::PathColumn, 300);
    m_table->setColumnWidth(DeliveryDiffModel::LeftColumn, 220);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy =
        buttons->addButton(QStringLiteral("Copy as text"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("compareCopyButton"));
    connect(copy, &QPushButton::clicked, this, &CompareDialog::copyAsText);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(900, 480);
}

void CompareDialog::setDeliveries(const Delivery &left, const Delivery &right)
{
    setBodies(left.seq, left.body, right.seq, right.body);
}

void CompareDialog::setBodies(qint64 leftSeq, const QByteArray &leftBody, qint64 rightSeq,
                              const QByteArray &rightBody)
{
    m_model->setChanges(diffDeliveryBodies(leftBody, rightBody));
    setWindowTitle(QStringLiteral("Compare #%1 and #%2").arg(leftSeq).arg(rightSeq));
    const int changes = changeCount();
    const QString ignored = QStringLiteral("(the JWT's iat, exp, nbf and signature ignored)");
    if (changes == 0)
        m_summary->setText(QStringLiteral("Left #%1 and right #%2 decode the same %3.")
                               .arg(leftSeq)
                               .arg(rightSeq)
                               .arg(ignored));
    else
        m_summary->setText(QStringLiteral("Left #%1 and right #%2 differ in %3 field%4 %5.")
                               .arg(leftSeq)
                               .arg(rightSeq)
                               .arg(changes)
                               .arg(changes == 1 ? QString() : QStringLiteral("s"), ignored));
}

int CompareDialog::changeCount() const
{
    return m_model->rowCount();
}

QString CompareDialog::summaryText() const
{
    return m_summary->text();
}

QString CompareDialog::diffText() const
{
    QStringList lines;
    for (const JsonChange &change : m_model->changes())
        lines << change.toText();
    return lines.join(QLatin1Char('\n'));
}

void CompareDialog::copyAsText()
{
    QApplication::clipboard()->setText(diffText());
}
