#include "benchreport.h"

#include <QFile>
#include <QRegularExpression>

#include <cstdio>

void printBenchRow(const QString &figure, const QString &measured, const QString &target, bool pass)
{
    std::printf("%s | %s | %s | %s\n", qPrintable(figure), qPrintable(measured), qPrintable(target),
                pass ? "PASS" : "FAIL");
    std::fflush(stdout);
}

double peakResidentMB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    static const QRegularExpression line(QStringLiteral("^VmHWM:\\s+(\\d+) kB"),
                                         QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = line.match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toDouble() * 1024 / 1e6 : -1;
}
