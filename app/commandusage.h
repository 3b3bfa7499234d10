#pragma once

#include <QCommandLineParser>
#include <QStringList>

// Exit codes shared by every subcommand.
enum ExitCode { ExitOk = 0, ExitRejected = 1, ExitUsage = 2 };

// QCommandLineParser::process() exits with 1 on a bad option; Hookscope's
// contract is usage on stderr and exit 2. Returns -1 to go on, else the exit code.
int parseCommandLine(QCommandLineParser &parser, const QStringList &arguments);
int usageError(const QCommandLineParser &parser, const QString &message);
void printOut(const QString &text);
void printErr(const QString &text);
