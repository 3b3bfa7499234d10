#include "curlclipboard.h"

#include "export/deliveryexporter.h"

#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QTemporaryFile>

QString CurlClipboard::command(const Delivery &delivery, const QString &baseUrl, QString *bodyFile,
                               QString *error)
{
    if (delivery.body.size() <= kInlineLimit)
        return curlCommand(delivery, baseUrl, QString(), kInlineLimit);
    QTemporaryFile file(
        QDir(QDir::tempPath())
            .filePath(QStringLiteral("hookscope-%1-XXXXXX.body").arg(delivery.seq)));
    // The command is pasted and run later: the file must outlive this call.
    file.setAutoRemove(false);
    if (!file.open() || file.write(delivery.body) != delivery.body.size() || !file.flush()) {
        if (error)
            *error = QStringLiteral("cannot write the body to a temporary file: %1")
                         .arg(file.errorString());
        file.remove();
        return QString();
    }
    const QString path = file.fileName();
    if (bodyFile)
        *bodyFile = path;
    return curlCommand(delivery, baseUrl, path, kInlineLimit);
}

bool CurlClipboard::copy(const Delivery &delivery, const QString &baseUrl, QString *error)
{
    const QString text = command(delivery, baseUrl, nullptr, error);
    if (text.isEmpty())
        return false;
    QGuiApplication::clipboard()->setText(text);
    return true;
}
