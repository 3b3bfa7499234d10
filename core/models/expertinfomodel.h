#pragma once

#include "capture/delivery.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

// Every finding of the session, like Wireshark's expert info: severity (error,
// warning, note, most severe first) -> code (alphabetical, with its count) ->
// one row per finding, in arrival order. Colours are the view's business: the
// model reports the severity through SeverityRole and AccessibleDescriptionRole.
class ExpertInfoModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExpertInfoModel)

public:
    enum Column {
        SummaryColumn, // "Error", "dup.retry", or the finding's message
        SeqColumn,     // finding rows: the delivery's seq
        CountColumn,   // severity and code rows: how many findings
        ColumnCount
    };
    enum Role {
        SeverityRole = Qt::UserRole + 1, // int(Severity), on every row
        CodeRole,                        // code and finding rows
        SeqRole,                         // qint64, finding rows: the delivery with the finding
        RelatedSeqRole,                  // qint64, finding rows: the delivery it names (0: none)
        LevelRole,                       // int(Level)
        SortRole,
    };
    enum class Level { Severity, Code, Finding };

    explicit ExpertInfoModel(QObject *parent = nullptr);
    ~ExpertInfoModel() override;

    void appendDeliveries(const QVector<Delivery> &deliveries);
    void clear();

    int count(Severity severity) const; // for the status bar
    int totalCount() const;
    QString countsText() const; // "2 errors, 5 warnings, 1 note"; "no findings"
    QModelIndex indexForSeverity(Severity severity) const;
    QModelIndex indexForCode(Severity severity, const QString &code) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;

Q_SIGNALS:
    void countsChanged();

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node, int column = 0) const;
    Node *severityNode(Severity severity) const;
    Node *codeNode(const Node *severity, const QString &code) const;

    std::unique_ptr<Node> m_root;
};
