#include "commandusage.h"
#include "decodecommand.h"
#include "diffcommand.h"
#include "exchangecommands.h"
#include "listencommand.h"
#include "reportcommand.h"
#include "sendcommands.h"
#include "showcommand.h"
#include "verifycommand.h"

#ifdef HOOKSCOPE_WITH_UI
#include "mainwindow.h"

#include <QApplication>
#endif
#include <QCoreApplication>

#include <functional>
#include <map>
#include <vector>

namespace {
using Command = std::function<int(const QStringList &)>;

const std::map<QString, std::pair<Command, const char *>> &commands()
{
    static const std::map<QString, std::pair<Command, const char *>> table = {
        {QStringLiteral("verify"),
         {runVerifyCommand, "Verify a token against public keys; print the verdict."}},
        {QStringLiteral("decode"),
         {runDecodeCommand, "Decode a token without verifying it; print the tree."}},
        {QStringLiteral("listen"),
         {runListenCommand, "Capture webhooks without a window; one line per delivery."}},
        {QStringLiteral("show"), {runShowCommand, "Print what a session holds."}},
        {QStringLiteral("report"),
         {runReportCommand, "Analyse a session: duplicates, order, gaps, retries."}},
        {QStringLiteral("diff"), {runDiffCommand, "Field-level diff of two deliveries."}},
        {QStringLiteral("export"),
         {runExportCommand, "Export deliveries: fixtures, HAR or JSON Lines."}},
        {QStringLiteral("import"),
         {runImportCommand, "Import fixtures, HAR or JSON Lines into a session."}},
        {QStringLiteral("replay"), {runReplayCommand, "Replay recorded deliveries to a URL."}},
        {QStringLiteral("curl"), {runCurlCommand, "Print one delivery as a curl command."}},
        {QStringLiteral("keygen"),
         {runKeygenCommand, "Write a key pair for signing test webhooks."}},
        {QStringLiteral("templates"), {runTemplatesCommand, "List the event templates."}},
        {QStringLiteral("send"),
         {runSendCommand, "Send Wix-signed test webhooks: duplicates, shuffles, retries."}},
        {QStringLiteral("sessions"), {runSessionsCommand, "List the stored sessions."}},
    };
    return table;
}

QString programUsage()
{
    QString text =
        QStringLiteral("Usage: hookscope [COMMAND] [OPTIONS]\n\n"
                       "Hookscope inspects Wix webhooks. Without a command it opens the window.\n\n"
                       "Commands:\n");
    for (const auto &[name, command] : commands())
        text += QStringLiteral("  %1  %2\n").arg(name, -10).arg(QLatin1String(command.second));
    text += QStringLiteral("\n  hookscope COMMAND --help   options of one command\n"
                           "  hookscope --version        print the version\n");
    return text;
}

int runGui(int argc, char **argv)
{
#ifndef HOOKSCOPE_WITH_UI
    Q_UNUSED(argc)
    Q_UNUSED(argv)
    printErr(QStringLiteral("hookscope: this build has no window (configured with "
                            "-DHOOKSCOPE_BUILD_UI=OFF). Use a command (hookscope --help).\n"));
    return ExitUsage;
#else
    const bool hasDisplay = !qEnvironmentVariableIsEmpty("DISPLAY") ||
                            !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
                            !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
    if (!hasDisplay) {
        printErr(QStringLiteral("hookscope: no display to open the window on. Use a command "
                                "(hookscope --help), or set QT_QPA_PLATFORM=offscreen.\n"));
        return ExitUsage;
    }
    QApplication app(argc, argv);
    MainWindow window;
    window.show();
    return app.exec();
#endif
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("Hookscope"));
    QCoreApplication::setApplicationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));
    if (argc < 2)
        return runGui(argc, argv);

    const QString first = QString::fromLocal8Bit(argv[1]);
    const auto command = commands().find(first);
    if (command != commands().end()) {
        // "hookscope verify --key k" runs as a program named "hookscope verify" with
        // "--key k", so every usage text names the command.
        QByteArray name = "hookscope " + first.toLocal8Bit();
        std::vector<char *> commandArgv{name.data()};
        for (int i = 2; i < argc; ++i)
            commandArgv.push_back(argv[i]);
        int commandArgc = int(commandArgv.size());
        commandArgv.push_back(nullptr);
        QCoreApplication app(commandArgc, commandArgv.data());
        return command->second.first(app.arguments());
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        printOut(QStringLiteral("hookscope %1\n").arg(QLatin1String(HOOKSCOPE_VERSION)));
        return ExitOk;
    }
    if (first == QLatin1String("--help") || first == QLatin1String("-h") ||
        first == QLatin1String("help")) {
        printOut(programUsage());
        return ExitOk;
    }
    printErr(QStringLiteral("hookscope: unknown %1 \"%2\"\n\n%3")
                 .arg(first.startsWith(QLatin1Char('-')) ? QStringLiteral("option")
                                                         : QStringLiteral("command"),
                      first, programUsage()));
    return ExitUsage;
}
