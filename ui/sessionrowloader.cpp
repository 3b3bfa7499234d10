#include "sessionrowloader.h"

#include "analysismodels.h"
#include "store/sessionstore.h"

#include <QPointer>
#include <QThread>

SessionRowLoader::SessionRowLoader(QObject *parent)
    : QObject(parent)
{}

SessionRowLoader::~SessionRowLoader()
{
    cancel();
}

void SessionRowLoader::cancel()
{
    ++m_generation; // pages already posted by the old thread are dropped
    if (!m_thread)
        return;
    m_cancelled->store(true);
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void SessionRowLoader::start(const QString &path)
{
    cancel();
    const quint64 generation = m_generation;
    auto cancelled = std::make_shared<std::atomic_bool>(false);
    m_cancelled = cancelled;
    QPointer<SessionRowLoader> self(this);
    m_thread = QThread::create([self, path, generation, cancelled] {
        // Posts to this object's thread; a call for an older generation is ignored there.
        const auto post = [&](auto call) {
            if (!cancelled->load() && self)
                QMetaObject::invokeMethod(self.data(), std::move(call), Qt::QueuedConnection);
        };
        SessionStore store;
        QString error;
        if (!store.open(path, &error)) {
            post([self, generation, error] {
                if (self && generation == self->m_generation)
                    self->onFinished(generation, error);
            });
            return;
        }
        qint64 after = 0;
        bool first = true;
        while (!cancelled->load()) {
            QVector<Delivery> page = store.loadAfter(after, kPageSize);
            const qsizetype loaded = page.size();
            if (!page.isEmpty())
                after = page.constLast().seq;
            for (Delivery &delivery : page)
                delivery = AnalysisModels::withoutPayload(std::move(delivery));
            if (!page.isEmpty() || first) {
                post([self, generation, page = std::move(page), first] {
                    if (self && generation == self->m_generation)
                        emit self->pageLoaded(page, first);
                });
            }
            first = false;
            if (loaded < kPageSize)
                break;
        }
        post([self, generation] {
            if (self && generation == self->m_generation)
                self->onFinished(generation, QString());
        });
    });
    m_thread->setObjectName(QStringLiteral("hookscope-session-loader"));
    m_thread->start();
}

void SessionRowLoader::onFinished(quint64 generation, const QString &error)
{
    if (generation != m_generation)
        return;
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    emit finished(error);
}
