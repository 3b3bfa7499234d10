#include "columnvalueloader.h"

#include "store/sessionstore.h"
#include "wix/deliverytree.h"
#include "json/jsonpathvalue.h"

ColumnValueLoader::ColumnValueLoader(std::shared_ptr<const std::atomic<quint64>> generation,
                                     QObject *parent)
    : QObject(parent)
    , m_generation(std::move(generation))
{}

ColumnValueLoader::~ColumnValueLoader() = default;

void ColumnValueLoader::load(const QString &sessionPath, quint64 generation,
                             const QStringList &paths, const QVector<qint64> &seqs)
{
    if (generation != m_generation->load())
        return;
    // A new generation may be a new file at the same path (a new session, or one
    // cleared): open it again rather than read through an old connection.
    if (!m_store || m_store->path() != sessionPath || generation != m_openedGeneration) {
        m_openedGeneration = generation;
        m_store = std::make_unique<SessionStore>();
        if (!m_store->open(sessionPath)) {
            m_store.reset();
            return;
        }
    }
    QVector<qint64> done;
    QVector<QVector<QJsonValue>> values;
    bool sent = false;
    for (const qint64 seq : seqs) {
        if (generation != m_generation->load())
            return;
        QVector<QJsonValue> row(paths.size(), QJsonValue(QJsonValue::Undefined));
        if (const std::optional<Delivery> delivery = m_store->load(seq)) {
            const QJsonObject tree = deliveryTree(*delivery);
            for (int i = 0; i < paths.size(); ++i) {
                if (const std::optional<QJsonValue> value = jsonValueAtPath(tree, paths.at(i)))
                    row[i] = *value;
            }
        }
        done.append(seq);
        values.append(std::move(row));
        // The first values come soon (the rows on screen); the rest in larger batches,
        // each one dataChanged() (and, when sorted on the column, one re-sort).
        if (done.size() == (sent ? kLaterChunk : kFirstChunk)) {
            sent = true;
            emit loaded(generation, done, values);
            done.clear();
            values.clear();
        }
    }
    if (!done.isEmpty())
        emit loaded(generation, done, values);
}
