#pragma once

#include "capture/delivery.h"
#include "models/deliveryrowpage.h"

#include <QObject>
#include <QVector>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>

class QSemaphore;
class QThread;
class QTimer;

// Reads a session on a thread of its own, in passes over its columns (no body is read or
// decoded): first the list's rows (rowsLoaded, packed; the first page replaces what the
// list shows, then rowsFinished), then the findings of every delivery for the expert
// info (findingsLoaded), then the latest AnalysisModels::kWindow deliveries without
// their payloads, each with the analysis stored with it, for the other analysis views
// (analysisWindow first when it leaves deliveries out, then analysisLoaded). A few
// pages at most are on their way at a time, so a large session never piles up in the
// event queue, and each page is small enough for the window's thread to take in at once;
// it takes one per pass of its event loop.
class SessionRowLoader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionRowLoader)

public:
    static constexpr int kFirstRowPage = 2000; // on screen at once
    static constexpr int kRowPage = 50000;
    static constexpr int kAnalysisPage = 1000;
    static constexpr int kParallelRows = 200000; // from this size on, two threads read rows

    explicit SessionRowLoader(QObject *parent = nullptr);
    ~SessionRowLoader() override;

    // How many of the latest deliveries analysisLoaded gives (AnalysisModels::kWindow).
    void setAnalysisWindow(int deliveries) { m_window = deliveries; }
    // From how many rows on two threads read them, a half each (kParallelRows).
    void setParallelRows(int rows) { m_parallelRows = rows; }
    // Cancels a load under way and starts reading `path`.
    void start(const QString &path);
    // Stops the load under way and waits for its thread; no signal follows.
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }

signals:
    void rowsLoaded(const DeliveryRowPage &page, bool first);
    void rowsFinished();
    void findingsLoaded(const QVector<Delivery> &deliveries, bool first);
    void analysisWindow(int omitted);
    void analysisLoaded(const QVector<Delivery> &deliveries);
    void finished(const QString &error); // error empty when all was read

private:
    void onFinished(quint64 generation, const QString &error);
    void takeNextPage();

    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic_bool> m_cancelled;
    std::shared_ptr<QSemaphore> m_inFlight;
    quint64 m_generation = 0;
    std::deque<std::function<void()>> m_pending; // arrived, taken in one per pass
    QTimer *m_next;
    int m_window;
    int m_parallelRows = kParallelRows;
};
