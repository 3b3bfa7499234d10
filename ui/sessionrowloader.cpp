#include "sessionrowloader.h"

#include "analysismodels.h"
#include "store/sessionrowreader.h"
#include "store/sessionstore.h"

#include <QPointer>
#include <QSemaphore>
#include <QThread>
#include <QTimer>

#include <limits>
#include <thread>
#include <vector>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {
constexpr int kPagesInFlight = 3;

void releaseFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
} // namespace

SessionRowLoader::SessionRowLoader(QObject *parent)
    : QObject(parent)
    , m_next(new QTimer(this))
    , m_window(AnalysisModels::kWindow)
{
    // One page per pass of the event loop: pages that arrived together would otherwise
    // be taken in one after the other, and the window would not answer meanwhile.
    m_next->setSingleShot(true);
    m_next->setInterval(0);
    connect(m_next, &QTimer::timeout, this, &SessionRowLoader::takeNextPage);
}

void SessionRowLoader::takeNextPage()
{
    if (m_pending.empty())
        return;
    const std::function<void()> take = std::move(m_pending.front());
    m_pending.pop_front();
    if (!m_pending.empty())
        m_next->start();
    take();
}

SessionRowLoader::~SessionRowLoader()
{
    cancel();
}

void SessionRowLoader::cancel()
{
    ++m_generation; // pages already posted by the old thread are dropped
    m_pending.clear();
    m_next->stop();
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
    auto inFlight = std::make_shared<QSemaphore>(kPagesInFlight);
    m_cancelled = cancelled;
    m_inFlight = inFlight;
    QPointer<SessionRowLoader> self(this);
    const int window = m_window;
    const int parallelRows = m_parallelRows;
    m_thread = QThread::create([self, path, generation, cancelled, inFlight, window, parallelRows] {
        // Posts to this object's thread once a page slot is free; a call for an older
        // generation is ignored there. False when cancelled meanwhile.
        const auto post = [&](auto call) {
            while (!inFlight->tryAcquire(1, 20)) {
                if (cancelled->load())
                    return false;
            }
            if (cancelled->load() || !self)
                return false;
            QMetaObject::invokeMethod(
                self.data(),
                [self, generation, inFlight, call = std::move(call)]() mutable {
                    if (!self || generation != self->m_generation)
                        return;
                    self->m_pending.push_back([self, inFlight, call = std::move(call)] {
                        call(self.data());
                        inFlight->release(); // taken in: the next page may come
                    });
                    self->m_next->start();
                },
                Qt::QueuedConnection);
            return true;
        };
        // Once the window's thread has taken in every page posted, the memory they and
        // this thread's reading took is free: hand it back to the system, as glibc does
        // not for a thread's own heap. A million rows leave some 60 MB behind otherwise.
        const auto releaseWhenTaken = [&] {
            while (!inFlight->tryAcquire(kPagesInFlight, 20)) {
                if (cancelled->load())
                    return false;
            }
            inFlight->release(kPagesInFlight);
            releaseFreedMemory();
            return true;
        };
        const auto finish = [&](const QString &error) {
            post([generation, error](SessionRowLoader *loader) {
                loader->onFinished(generation, error);
            });
        };
        SessionStore store;
        QString error;
        if (!store.open(path, &error)) {
            finish(error);
            return;
        }
        // The last seq as the number of rows to expect: COUNT(*) would read them all first.
        const auto total = int(qMin<qint64>(store.nextSeq() - 1, std::numeric_limits<int>::max()));
        // A large session's rows are read by two threads at once, a half each: reading is
        // memory-bound (a few cache misses per text looked up), so two cores take half
        // the time. The second half waits for the first before it is handed over.
        const qint64 last = store.nextSeq() - 1;
        const qint64 split = total >= parallelRows ? last / 2 : last;
        std::vector<DeliveryRowPage> laterPages;
        QString laterError;
        std::thread later;
        if (split < last) {
            later = std::thread([&laterPages, &laterError, path, split, cancelled] {
                SessionStore laterStore;
                if (!laterStore.open(path, &laterError))
                    return;
                SessionRowReader laterReader(laterStore);
                laterReader.setReaderId(1);
                for (qint64 from = split; !cancelled->load();) {
                    DeliveryRowPage page;
                    if (!laterReader.read(from, kRowPage, &page, &laterError))
                        return;
                    const qsizetype loaded = page.rows.size();
                    if (loaded > 0) {
                        from = page.rows.constLast().seq;
                        laterPages.push_back(std::move(page));
                    }
                    if (loaded < kRowPage)
                        break;
                }
            });
        }
        const struct Join
        {
            std::thread &thread;
            ~Join()
            {
                if (thread.joinable())
                    thread.join();
            }
        } join{later};
        SessionRowReader reader(store);
        qint64 after = 0;
        for (bool first = true;; first = false) {
            DeliveryRowPage page;
            const int limit = first ? kFirstRowPage : kRowPage;
            if (!reader.read(after, limit, &page, &error, split)) {
                finish(error);
                return;
            }
            page.totalHint = total;
            const qsizetype loaded = page.rows.size();
            if (loaded > 0)
                after = page.rows.constLast().seq;
            if (!post([page = std::move(page), first](SessionRowLoader *loader) {
                    emit loader->rowsLoaded(page, first);
                }))
                return;
            if (loaded < limit)
                break;
        }
        if (later.joinable()) {
            later.join();
            if (!laterError.isEmpty()) {
                finish(laterError);
                return;
            }
            for (DeliveryRowPage &page : laterPages) {
                if (!post([page = std::move(page)](SessionRowLoader *loader) {
                        emit loader->rowsLoaded(page, false);
                    }))
                    return;
            }
            laterPages.clear();
        }
        if (!post([](SessionRowLoader *loader) { emit loader->rowsFinished(); }) ||
            !releaseWhenTaken())
            return;
        after = 0;
        for (bool first = true;; first = false) {
            QVector<Delivery> page = store.loadFindingsAfter(after, kAnalysisPage);
            const qsizetype loaded = page.size();
            if (loaded > 0)
                after = page.constLast().seq;
            if ((loaded > 0 || first) &&
                !post([page = std::move(page), first](SessionRowLoader *loader) {
                    emit loader->findingsLoaded(page, first);
                }))
                return;
            if (loaded < kAnalysisPage)
                break;
        }
        after = store.seqBeforeLast(window);
        const int omitted = qMax(0, total - window);
        if (after > 0 &&
            !post([omitted](SessionRowLoader *loader) { emit loader->analysisWindow(omitted); }))
            return;
        for (;;) {
            QVector<Delivery> page = store.loadSummariesAfter(after, kAnalysisPage);
            const qsizetype loaded = page.size();
            if (loaded > 0)
                after = page.constLast().seq;
            if (loaded > 0 && !post([page = std::move(page)](SessionRowLoader *loader) {
                    emit loader->analysisLoaded(page);
                }))
                return;
            if (loaded < kAnalysisPage)
                break;
        }
        if (!releaseWhenTaken())
            return;
        finish(QString());
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
