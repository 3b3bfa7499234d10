#include "models/internindex.h"

quint32 InternIndex::add(size_t hash)
{
    const auto id = quint32(m_hashes.size());
    m_hashes.push_back(hash);
    if (m_hashes.size() * 2 > m_slots.size()) {
        // At most half full: probe sequences stay short.
        m_slots.assign(qMax<size_t>(1024, m_slots.size() * 2), Slot());
        m_mask = m_slots.size() - 1;
        for (quint32 old = 1; old < id; ++old)
            place(old);
    }
    place(id);
    return id;
}

void InternIndex::place(quint32 id)
{
    const size_t hash = m_hashes[id];
    size_t at = hash & m_mask;
    while (m_slots[at].id != 0)
        at = (at + 1) & m_mask;
    m_slots[at] = {id, quint32(hash >> 32)};
}

void InternIndex::clear()
{
    m_slots.clear();
    m_hashes.assign(1, 0);
    m_mask = 0;
}
