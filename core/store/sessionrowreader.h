#pragma once

#include "models/deliveryrowpage.h"

#include <QString>

#include <limits>
#include <memory>

class SessionStore;

// The delivery list's rows of a session, read page after page from its columns (no
// body is read or decoded) with SQLite's own API, and packed as they are read: each
// distinct text is decoded once, its id reused for every row that repeats it. A page
// carries the texts first seen in it (DeliveryRowPage). Used in the store's thread.
class SessionRowReader
{
    Q_DISABLE_COPY_MOVE(SessionRowReader)

public:
    explicit SessionRowReader(const SessionStore &store);
    ~SessionRowReader();

    // Rows with afterSeq < seq <= lastSeq, in seq order, at most `limit`; false, with
    // `error`, when the session cannot be read. Each reader numbers its texts on its own:
    // its pages carry `readerId` (DeliveryRowPage::reader).
    bool read(qint64 afterSeq, int limit, DeliveryRowPage *page, QString *error = nullptr,
              qint64 lastSeq = std::numeric_limits<qint64>::max());
    void setReaderId(int id) { m_readerId = id; }

private:
    struct State;
    std::unique_ptr<State> m_state;
    int m_readerId = 0;
};
