// The baseline of the ingest benchmark: a bare QHttpServer 6.4 that answers 200
// to everything and does nothing else.
#include <QCoreApplication>
#include <QHttpServer>
#include <QHttpServerResponder>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QHttpServer server;
    server.setMissingHandler([](const QHttpServerRequest &, QHttpServerResponder &&responder) {
        responder.write(QHttpServerResponder::StatusCode::Ok);
    });
    const quint16 port =
        server.listen(QHostAddress::LocalHost, quint16(argc > 1 ? atoi(argv[1]) : 0));
    if (port == 0)
        return 1;
    std::printf("http://127.0.0.1:%u/\n", port);
    std::fflush(stdout);
    return app.exec();
}
