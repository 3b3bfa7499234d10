#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

// Text for standard output, written together at most every kIntervalMs (and when it holds
// kMaxBytes, and when destroyed): a command that prints a line per send made a write()
// system call per send, at thousands of sends a second.
class BatchedOutput final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchedOutput)

public:
    static constexpr int kIntervalMs = 50;
    static constexpr qsizetype kMaxBytes = 64 * 1024;

    explicit BatchedOutput(QObject *parent = nullptr);
    ~BatchedOutput() override;

    void print(const QString &text);
    void flush();

private:
    QString m_pending;
    QTimer m_timer;
};
