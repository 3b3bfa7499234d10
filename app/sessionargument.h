#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>

class SessionStore;

// --session FILE, as every command that reads a session takes it.
QCommandLineOption sessionOption();

// The session the command line names with --session, else the default session.
QString sessionPath(const QCommandLineParser &parser);

// Opens the existing session the command line names into `store`. -1 to go on; else it said
// why on stderr and this is the exit code.
int openSessionArgument(const QCommandLineParser &parser, SessionStore &store);
