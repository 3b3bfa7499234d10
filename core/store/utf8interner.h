#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QVector>

#include <vector>

// Texts read as UTF-8 (from SQLite) turned into ids, each distinct text decoded and
// kept once; a repeat costs one hash and no allocation. Id 0 is the empty text.
// Reading a million rows, each lookup is a couple of cache misses: a slot of the
// open-addressing table holds where its text's bytes are, so a lookup touches the slot
// and the bytes only, and hashOf() with prefetch() lets a caller start both misses of
// the texts of a row before it needs the first one.
class Utf8Interner
{
public:
    Utf8Interner();

    static size_t hashOf(QByteArrayView utf8);
    void prefetch(size_t hash) const;
    quint32 intern(QByteArrayView utf8) { return intern(utf8, hashOf(utf8)); }
    quint32 intern(QByteArrayView utf8, size_t hash);
    const QString &at(quint32 id) const { return m_strings.at(id); }
    int size() const { return int(m_strings.size()); }
    // The texts interned since the last call, which have the ids *firstId, *firstId + 1, ...
    QStringList takeAdded(quint32 *firstId);

private:
    struct Slot
    {
        quint32 id = 0; // 0: empty
        quint32 check = 0;
        quint32 begin = 0; // its bytes in m_bytes
        quint32 length = 0;
    };
    void grow();

    std::vector<Slot> m_slots;
    std::vector<size_t> m_hashes{0}; // by id, to place them again when the slots grow
    size_t m_mask = 0;
    QByteArray m_bytes; // every text's UTF-8, one after another
    QVector<QString> m_strings;
    qsizetype m_taken = 1;
};
