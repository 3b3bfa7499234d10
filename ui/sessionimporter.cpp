#include "sessionimporter.h"

#include "backgroundtask.h"
#include "store/sessionwriter.h"

namespace {
struct Written
{
    QVector<Delivery> deliveries;
    QString error;
};
} // namespace

SessionImporter::SessionImporter(QObject *parent)
    : QObject(parent)
{}

SessionImporter::~SessionImporter()
{
    wait();
}

void SessionImporter::wait()
{
    waitForBackground(m_thread);
}

bool SessionImporter::start(const QString &sessionPath, QVector<Delivery> deliveries,
                            const JwtVerifier &verifier)
{
    if (m_running)
        return false;
    m_running = true;
    m_thread = runInBackground(
        this,
        [sessionPath, deliveries = std::move(deliveries), verifier]() mutable {
            Written written;
            SessionWriter writer;
            if (!writer.open(sessionPath, &written.error) ||
                !writer.write(deliveries, verifier, &written.error))
                return written;
            written.deliveries = std::move(deliveries);
            return written;
        },
        [this](Written written) {
            m_running = false;
            emit finished(written.deliveries, written.error);
        });
    return true;
}
