#include "models/jsontreemodel.h"

#include "json/jsonpath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

namespace {
// Beyond this the Value column shows the start of a string; RawValueRole has it all.
constexpr qsizetype kMaxDisplayedChars = 1000;

int containerSize(const QJsonValue &value)
{
    qsizetype size = 0;
    if (value.isObject())
        size = value.toObject().size();
    else if (value.isArray())
        size = value.toArray().size();
    return static_cast<int>(qMin<qsizetype>(size, std::numeric_limits<int>::max()));
}

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::Bool:
        return QStringLiteral("bool");
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

QString compactJson(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    // QJsonDocument writes scalars only inside a container: "[1603028458]" -> "1603028458".
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QString countText(int count, const char *singular, const char *plural)
{
    return QStringLiteral("%1 %2").arg(count).arg(QLatin1String(count == 1 ? singular : plural));
}

QString summary(const QJsonValue &value)
{
    const int size = containerSize(value);
    if (value.isObject())
        return size == 0 ? QStringLiteral("{}")
                         : QLatin1Char('{') + countText(size, "key", "keys") + QLatin1Char('}');
    if (value.isArray())
        return size == 0 ? QStringLiteral("[]")
                         : QLatin1Char('[') + countText(size, "item", "items") + QLatin1Char(']');
    return {};
}

// One line per cell: control characters are shown as escapes, long text is cut.
QString displayText(const QString &text)
{
    QString shown;
    const qsizetype length = qMin(text.size(), kMaxDisplayedChars);
    shown.reserve(length + 1);
    for (qsizetype i = 0; i < length; ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\n'))
            shown += QLatin1String("\\n");
        else if (c == QLatin1Char('\r'))
            shown += QLatin1String("\\r");
        else if (c == QLatin1Char('\t'))
            shown += QLatin1String("\\t");
        else if (c.category() == QChar::Other_Control)
            shown += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            shown += c;
    }
    if (length < text.size())
        shown += QChar(0x2026); // ellipsis
    return shown;
}
} // namespace

struct JsonTreeModel::Node
{
    Node *parent = nullptr;
    int row = 0;
    QString key;              // the member's name; empty for array elements
    bool isMember = false;    // an object's member (else an array element or the root's row)
    bool wrapsScalar = false; // the invisible root of a scalar: one row, the scalar itself
    QJsonValue value;
    QString path;
    bool childrenSized = false;
    std::vector<std::unique_ptr<Node>> children; // sized on first access, filled row by row

    int childCount() const { return wrapsScalar ? 1 : containerSize(value); }
};

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    clear();
}

JsonTreeModel::~JsonTreeModel() = default;

void JsonTreeModel::setJson(const QJsonValue &value, const QSet<QString> &stringifiedPaths)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_root->value = value;
    m_root->wrapsScalar = !value.isObject() && !value.isArray() && !value.isUndefined();
    m_builtNodes = 1;
    m_stringifiedPaths = stringifiedPaths;
    endResetModel();
}

void JsonTreeModel::clear()
{
    setJson(QJsonValue(QJsonValue::Undefined));
}

const QJsonValue &JsonTreeModel::json() const
{
    return m_root->value;
}

JsonTreeModel::Node *JsonTreeModel::childOf(Node *node, int row) const
{
    if (!node->childrenSized) {
        node->children.resize(static_cast<size_t>(node->childCount()));
        node->childrenSized = true;
    }
    if (row < 0 || static_cast<size_t>(row) >= node->children.size())
        return nullptr;
    std::unique_ptr<Node> &slot = node->children[static_cast<size_t>(row)];
    if (slot)
        return slot.get();

    auto child = std::make_unique<Node>();
    child->parent = node;
    child->row = row;
    if (node->wrapsScalar) {
        child->value = node->value;
        child->path = node->path;
    } else if (node->value.isObject()) {
        const QJsonObject object = node->value.toObject();
        const auto it = object.constBegin() + row;
        child->key = it.key();
        child->isMember = true;
        child->value = it.value();
        child->path = jsonPathAppendKey(node->path, child->key);
    } else {
        child->value = node->value.toArray().at(row);
        child->path = jsonPathAppendIndex(node->path, row);
    }
    slot = std::move(child);
    ++m_builtNodes;
    return slot.get();
}

JsonTreeModel::Node *JsonTreeModel::nodeFor(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root.get();
    return static_cast<Node *>(index.internalPointer());
}

QModelIndex JsonTreeModel::indexOf(const Node *node) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, KeyColumn, node);
}

QModelIndex JsonTreeModel::indexForPath(const QString &path) const
{
    Node *node = m_root.get();
    if (node->wrapsScalar)
        return path.isEmpty() ? indexOf(childOf(node, 0)) : QModelIndex();
    // Walk down: at each level the child whose path is a prefix of `path`, ending
    // where the path does or at a "." or "[" that starts the next step.
    while (node->path.size() < path.size()) {
        int row = -1;
        if (node->value.isArray()) {
            const qsizetype open = node->path.size();
            const qsizetype close = path.indexOf(QLatin1Char(']'), open);
            if (path.at(open) != QLatin1Char('[') || close < 0)
                return {};
            bool ok = false;
            row = QStringView(path).mid(open + 1, close - open - 1).toInt(&ok);
            if (!ok || row < 0 || row >= node->childCount())
                return {};
        } else if (node->value.isObject()) {
            const QJsonObject object = node->value.toObject();
            int i = 0;
            for (auto it = object.constBegin(); it != object.constEnd(); ++it, ++i) {
                const QString childPath = jsonPathAppendKey(node->path, it.key());
                if (!path.startsWith(childPath))
                    continue;
                if (path.size() == childPath.size() ||
                    path.at(childPath.size()) == QLatin1Char('.') ||
                    path.at(childPath.size()) == QLatin1Char('[')) {
                    row = i;
                    break;
                }
            }
        }
        Node *child = row < 0 ? nullptr : childOf(node, row);
        if (!child || !path.startsWith(child->path))
            return {};
        node = child;
    }
    return node->path == path ? indexOf(node) : QModelIndex();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    Node *child = childOf(nodeFor(parent), row);
    return child ? createIndex(row, column, child) : QModelIndex();
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeFor(child)->parent);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return nodeFor(parent)->childCount();
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    const Node *node = nodeFor(index);
    const bool stringified = m_stringifiedPaths.contains(node->path);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn:
            if (node->isMember)
                return displayText(node->key);
            return node->parent->wrapsScalar ? QStringLiteral("(value)")
                                             : QStringLiteral("[%1]").arg(node->row);
        case ValueColumn:
            if (node->value.isObject() || node->value.isArray())
                return summary(node->value);
            return displayText(compactJson(node->value));
        case TypeColumn:
            return stringified ? typeName(node->value) + QStringLiteral(" (string of JSON)")
                               : typeName(node->value);
        default:
            return {};
        }
    case PathRole:
        return node->path;
    case RawValueRole:
        return compactJson(node->value);
    case StringifiedRole:
        return stringified;
    case JsonTypeRole:
        return typeName(node->value);
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return QStringLiteral("Key");
    case ValueColumn:
        return QStringLiteral("Value");
    case TypeColumn:
        return QStringLiteral("Type");
    default:
        return {};
    }
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid));
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (nodeFor(index)->childCount() == 0)
        result |= Qt::ItemNeverHasChildren;
    return result;
}
