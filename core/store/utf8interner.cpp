#include "store/utf8interner.h"

#include <QHash>

#include <cstring>

Utf8Interner::Utf8Interner()
    : m_strings{QString()}
{}

size_t Utf8Interner::hashOf(QByteArrayView utf8)
{
    return qHashBits(utf8.data(), size_t(utf8.size()), 0);
}

void Utf8Interner::prefetch(size_t hash) const
{
    if (!m_slots.empty())
        __builtin_prefetch(&m_slots[hash & m_mask]);
}

quint32 Utf8Interner::intern(QByteArrayView utf8, size_t hash)
{
    if (utf8.isEmpty())
        return 0;
    if (m_hashes.size() * 2 >= m_slots.size())
        grow(); // at most half full: probe sequences stay short
    const auto check = quint32(hash >> 32);
    size_t at = hash & m_mask;
    for (;; at = (at + 1) & m_mask) {
        const Slot &slot = m_slots[at];
        if (slot.id == 0)
            break;
        if (slot.check == check && slot.length == quint32(utf8.size()) &&
            std::memcmp(m_bytes.constData() + slot.begin, utf8.data(), size_t(utf8.size())) == 0)
            return slot.id;
    }
    const auto id = quint32(m_hashes.size());
    m_slots[at] = {id, check, quint32(m_bytes.size()), quint32(utf8.size())};
    m_hashes.push_back(hash);
    m_bytes.append(utf8.data(), utf8.size());
    m_strings.append(QString::fromUtf8(utf8));
    return id;
}

void Utf8Interner::grow()
{
    std::vector<Slot> old(qMax<size_t>(1024, m_slots.size() * 2));
    old.swap(m_slots);
    m_mask = m_slots.size() - 1;
    for (const Slot &slot : old) {
        if (slot.id == 0)
            continue;
        size_t at = m_hashes[slot.id] & m_mask;
        while (m_slots[at].id != 0)
            at = (at + 1) & m_mask;
        m_slots[at] = slot;
    }
}

QStringList Utf8Interner::takeAdded(quint32 *firstId)
{
    *firstId = quint32(m_taken);
    QStringList added(m_strings.cbegin() + m_taken, m_strings.cend());
    m_taken = m_strings.size();
    return added;
}
