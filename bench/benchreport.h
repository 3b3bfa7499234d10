#pragma once

// What a benchmark reports: its rows of the table and the figures it reads from the process.

#include <QString>

// One row of scripts/bench's table, without its outer bars (the script adds them):
// "figure | measured | target | PASS" on standard output.
void printBenchRow(const QString &figure, const QString &measured, const QString &target,
                   bool pass);

// The process's peak resident set (VmHWM), in MB (10^6 bytes); -1 when it cannot be read.
double peakResidentMB();
