#include "models/expertinfomodel.h"

#include <QMap>

#include <algorithm>

struct ExpertInfoModel::Node
{
    Level level = Level::Severity;
    Node *parent = nullptr;
    int row = 0;
    Severity severity = Severity::Note;
    QString code;
    qint64 seq = 0;
    qint64 relatedSeq = 0;
    QString message;
    int count = 0; // findings below
    std::vector<std::unique_ptr<Node>> children;
};

namespace {
// Most severe first.
int severityRank(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return 0;
    case Severity::Warning:
        return 1;
    case Severity::Note:
        break;
    }
    return 2;
}

QString severityTitle(Severity severity)
{
    QString name = severityName(severity);
    name[0] = name.at(0).toUpper();
    return name;
}

struct FindingRow
{
    qint64 seq;
    Finding finding;
};
} // namespace

ExpertInfoModel::ExpertInfoModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

ExpertInfoModel::~ExpertInfoModel() = default;

ExpertInfoModel::Node *ExpertInfoModel::severityNode(Severity severity) const
{
    for (const auto &child : m_root->children) {
        if (child->severity == severity)
            return child.get();
    }
    return nullptr;
}

ExpertInfoModel::Node *ExpertInfoModel::codeNode(const Node *severity, const QString &code) const
{
    if (!severity)
        return nullptr;
    const auto it = std::lower_bound(
        severity->children.cbegin(), severity->children.cend(), code,
        [](const std::unique_ptr<Node> &node, const QString &c) { return node->code < c; });
    return it != severity->children.cend() && (*it)->code == code ? it->get() : nullptr;
}

void ExpertInfoModel::appendDeliveries(const QVector<Delivery> &deliveries)
{
    // Collect the batch per (severity, code) first: then every parent gets one insert.
    QMap<int, QMap<QString, QVector<FindingRow>>> batch; // rank -> code -> findings
    for (const Delivery &delivery : deliveries) {
        for (const Finding &finding : delivery.analysis.findings)
            batch[severityRank(finding.severity)][finding.code].append({delivery.seq, finding});
    }
    if (batch.isEmpty())
        return;

    const auto makeFinding = [](Node *parent, const FindingRow &row) {
        auto node = std::make_unique<Node>();
        node->level = Level::Finding;
        node->parent = parent;
        node->row = int(parent->children.size());
        node->severity = row.finding.severity;
        node->code = row.finding.code;
        node->seq = row.seq;
        node->relatedSeq = row.finding.relatedSeq;
        node->message = row.finding.message;
        parent->children.push_back(std::move(node));
    };
    const auto makeCode = [&](Node *parent, int row, const QString &code,
                              const QVector<FindingRow> &findings) {
        auto node = std::make_unique<Node>();
        node->level = Level::Code;
        node->parent = parent;
        node->severity = parent->severity;
        node->code = code;
        node->count = int(findings.size());
        for (const FindingRow &finding : findings)
            makeFinding(node.get(), finding);
        parent->children.insert(parent->children.begin() + row, std::move(node));
        for (int i = row; i < int(parent->children.size()); ++i)
            parent->children[std::size_t(i)]->row = i;
    };

    for (auto bySeverity = batch.cbegin(); bySeverity != batch.cend(); ++bySeverity) {
        const Severity severity = bySeverity->first().first().finding.severity;
        Node *parent = severityNode(severity);
        if (!parent) {
            // A new severity arrives whole: one insert with its codes and findings.
            int row = 0;
            while (row < int(m_root->children.size()) &&
                   severityRank(m_root->children[std::size_t(row)]->severity) <
                       severityRank(severity))
                ++row;
            beginInsertRows({}, row, row);
            auto node = std::make_unique<Node>();
            node->level = Level::Severity;
            node->parent = m_root.get();
            node->severity = severity;
            Node *raw = node.get();
            m_root->children.insert(m_root->children.begin() + row, std::move(node));
            for (int i = row; i < int(m_root->children.size()); ++i)
                m_root->children[std::size_t(i)]->row = i;
            for (auto byCode = bySeverity->cbegin(); byCode != bySeverity->cend(); ++byCode) {
                makeCode(raw, int(raw->children.size()), byCode.key(), byCode.value());
                raw->count += int(byCode.value().size());
            }
            endInsertRows();
            continue;
        }
        for (auto byCode = bySeverity->cbegin(); byCode != bySeverity->cend(); ++byCode) {
            const QVector<FindingRow> &findings = byCode.value();
            Node *code = codeNode(parent, byCode.key());
            if (code) {
                const int first = int(code->children.size());
                beginInsertRows(indexOf(code), first, first + int(findings.size()) - 1);
                for (const FindingRow &finding : findings)
                    makeFinding(code, finding);
                code->count += int(findings.size());
                endInsertRows();
                Q_EMIT dataChanged(indexOf(code, CountColumn), indexOf(code, CountColumn));
            } else {
                const auto it = std::lower_bound(parent->children.cbegin(), parent->children.cend(),
                                                 byCode.key(),
                                                 [](const std::unique_ptr<Node> &node,
                                                    const QString &c) { return node->code < c; });
                const int row = int(it - parent->children.cbegin());
                beginInsertRows(indexOf(parent), row, row);
                makeCode(parent, row, byCode.key(), findings);
                endInsertRows();
            }
            parent->count += int(findings.size());
        }
        Q_EMIT dataChanged(indexOf(parent, CountColumn), indexOf(parent, CountColumn));
    }
    Q_EMIT countsChanged();
}

void ExpertInfoModel::clear()
{
    if (m_root->children.empty())
        return;
    beginResetModel();
    m_root->children.clear();
    endResetModel();
    Q_EMIT countsChanged();
}

int ExpertInfoModel::count(Severity severity) const
{
    const Node *node = severityNode(severity);
    return node ? node->count : 0;
}

int ExpertInfoModel::totalCount() const
{
    int total = 0;
    for (const auto &child : m_root->children)
        total += child->count;
    return total;
}

QString ExpertInfoModel::countsText() const
{
    QStringList parts;
    for (const Severity severity : {Severity::Error, Severity::Warning, Severity::Note}) {
        const int n = count(severity);
        if (n > 0)
            parts << QStringLiteral("%1 %2%3").arg(n).arg(severityName(severity),
                                                          n == 1 ? QString() : QStringLiteral("s"));
    }
    return parts.isEmpty() ? QStringLiteral("no findings") : parts.join(QStringLiteral(", "));
}

QModelIndex ExpertInfoModel::indexForSeverity(Severity severity) const
{
    const Node *node = severityNode(severity);
    return node ? indexOf(node) : QModelIndex();
}

QModelIndex ExpertInfoModel::indexForCode(Severity severity, const QString &code) const
{
    const Node *node = codeNode(severityNode(severity), code);
    return node ? indexOf(node) : QModelIndex();
}

ExpertInfoModel::Node *ExpertInfoModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex ExpertInfoModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

QModelIndex ExpertInfoModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    if (parent.isValid() && parent.column() != 0)
        return {};
    const Node *node = nodeFor(parent);
    if (row >= int(node->children.size()))
        return {};
    return createIndex(row, column, node->children[std::size_t(row)].get());
}

QModelIndex ExpertInfoModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeFor(child)->parent);
}

int ExpertInfoModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int ExpertInfoModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool ExpertInfoModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

Qt::ItemFlags ExpertInfoModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (nodeFor(index)->level == Level::Finding)
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QVariant ExpertInfoModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeFor(index);
    const bool finding = node->level == Level::Finding;
    switch (role) {
    case SeverityRole:
        return int(node->severity);
    case Qt::AccessibleDescriptionRole:
        return severityName(node->severity);
    case LevelRole:
        return int(node->level);
    case CodeRole:
        return node->level == Level::Severity ? QVariant() : QVariant(node->code);
    case SeqRole:
        return finding ? QVariant(node->seq) : QVariant();
    case RelatedSeqRole:
        return finding ? QVariant(node->relatedSeq) : QVariant();
    case SortRole:
        if (index.column() == SeqColumn && finding)
            return node->seq;
        if (index.column() == CountColumn && !finding)
            return node->count;
        if (node->level == Level::Severity)
            return severityRank(node->severity);
        return data(index, Qt::DisplayRole);
    case Qt::TextAlignmentRole:
        return index.column() == SummaryColumn ? QVariant()
                                               : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case Qt::DisplayRole:
        switch (index.column()) {
        case SummaryColumn:
            switch (node->level) {
            case Level::Severity:
                return severityTitle(node->severity);
            case Level::Code:
                return node->code;
            case Level::Finding:
                return node->message;
            }
            return {};
        case SeqColumn:
            return finding ? QVariant(node->seq) : QVariant();
        case CountColumn:
            return finding ? QVariant() : QVariant(node->count);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant ExpertInfoModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case SummaryColumn:
        return QStringLiteral("Summary");
    case SeqColumn:
        return QStringLiteral("Delivery");
    case CountColumn:
        return QStringLiteral("Count");
    default:
        return {};
    }
}
