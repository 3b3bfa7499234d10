#pragma once

#include <QString>

#include <functional>
#include <memory>

// Writes a session of realistic deliveries straight through SessionStore::append
// in large transactions, for the benchmarks that open big sessions. Each delivery is
// a Wix token as Wix sends it (header, the envelope of one of the event templates with
// its own event id, entity, sequence and time, a signature-sized last segment), with
// the columns the inspector stores for it and the analysis of the whole stream in
// arrival order: entities created, updated and deleted, Wix's redundant copies and
// retries after a failed answer, out-of-order updates, app-management and legacy
// events, and a few bodies that are not JWTs or carry a bad signature. The signatures
// are not real RSA (signing a million tokens takes minutes); the stored verdicts say
// valid, as for a session captured with the app's key.
class SessionGenerator
{
public:
    explicit SessionGenerator(quint64 seed = 7);
    ~SessionGenerator();

    // Writes `count` deliveries into a new session at `path` (replacing a file there).
    bool write(const QString &path, int count, QString *error);

    // Leaves `path` alone when it already holds `count` deliveries, else writes it
    // through a temporary file, so that an interrupted run never leaves a short cache.
    static bool ensure(const QString &path, int count, QString *error);

private:
    struct State;
    std::unique_ptr<State> m_state;
};
