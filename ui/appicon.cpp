#include "appicon.h"

#include <QImageReader>

// Q_INIT_RESOURCE must sit outside any namespace. Calling it also keeps the
// linker from dropping the resources of this static library.
static void initHookscopeResources()
{
    Q_INIT_RESOURCE(hookscope);
}

QIcon hookscopeIcon()
{
    static const QIcon icon = [] {
        initHookscopeResources();
        QIcon result;
        for (const int size : {16, 24, 32, 48, 64, 128, 256})
            result.addFile(QStringLiteral(":/hookscope/icons/hookscope-%1.png").arg(size),
                           QSize(size, size));
        if (QImageReader::supportedImageFormats().contains("svg"))
            result.addFile(QStringLiteral(":/hookscope/hookscope.svg"));
        return result;
    }();
    return icon;
}
