#pragma once

#include <QAbstractItemModel>
#include <QJsonValue>
#include <QSet>

#include <memory>
#include <vector>

// A read-only tree over a JSON value: columns Key, Value, Type. Children are
// built lazily, so a huge array costs nothing until it is expanded.
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JsonTreeModel)

public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // JavaScript-notation path (json/jsonpath.h)
        RawValueRole,                // the value as compact JSON text (strings unquoted)
        StringifiedRole,             // bool: this node was a string of JSON, expanded
        JsonTypeRole,                // "object", "array", "string", "number", "bool", "null"
    };

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    // Shows `value` (typically expandJsonStrings()' output); stringifiedPaths marks
    // the nodes that were strings of JSON on the wire. An object or array shows its
    // members as top-level rows; a scalar shows as one row with the path "".
    void setJson(const QJsonValue &value, const QSet<QString> &stringifiedPaths = {});
    void clear();
    const QJsonValue &json() const;
    QModelIndex indexForPath(const QString &path) const;
    // How many nodes exist so far: lets tests check that the tree stays lazy.
    qsizetype builtNodeCount() const { return m_builtNodes; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;

private:
    struct Node;
    Node *nodeFor(const QModelIndex &index) const;
    Node *childOf(Node *node, int row) const;
    QModelIndex indexOf(const Node *node) const;

    std::unique_ptr<Node> m_root;
    QSet<QString> m_stringifiedPaths;
    mutable qsizetype m_builtNodes = 0;
};
