#pragma once

#include <QStyledItemDelegate>

enum class Severity;

// A coloured severity dot before the first column's text, from a severity role
// (ExpertInfoModel::SeverityRole by default): the model never picks colours.
class SeverityDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SeverityDelegate)

public:
    explicit SeverityDelegate(int severityRole, QObject *parent = nullptr);

    static QColor severityColor(Severity severity);
    static QIcon severityIcon(Severity severity);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_role;
};
