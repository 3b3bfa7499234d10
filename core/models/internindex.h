#pragma once

#include <QtGlobal>

#include <vector>

// An open-addressing index from texts to the dense ids 1, 2, 3, ... their owner gives
// them in order (the owner keeps the texts; this keeps their hashes), so that a lookup
// costs one hash and, nearly always, one comparison: several times faster than a QHash
// keyed by the text, which compares keys along its probe sequence and allocates a node
// per entry. For interning the texts of a million rows, where each lookup is a few
// cache misses: a slot holds the id with part of its hash, so probing touches nothing else.
class InternIndex
{
public:
    // The id whose text `equals` accepts among those with this hash; 0 when none.
    template <typename Equals> quint32 find(size_t hash, const Equals &equals) const
    {
        if (m_slots.empty())
            return 0;
        const auto check = quint32(hash >> 32);
        for (size_t at = hash & m_mask;; at = (at + 1) & m_mask) {
            const Slot &slot = m_slots[at];
            if (slot.id == 0)
                return 0;
            if (slot.check == check && equals(slot.id))
                return slot.id;
        }
    }
    // Adds the next id (1 for the first, then 2, ...) with its text's hash.
    quint32 add(size_t hash);
    quint32 count() const { return quint32(m_hashes.size() - 1); }
    void clear();

private:
    struct Slot
    {
        quint32 id = 0; // 0: empty
        quint32 check = 0;
    };
    void place(quint32 id);

    std::vector<Slot> m_slots;
    std::vector<size_t> m_hashes{0}; // by id, to place them again when the slots grow
    size_t m_mask = 0;
};
