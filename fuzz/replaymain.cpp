// Runs a fuzz target's entry point once on every file of the folders (or the
// files) it is given, as libFuzzer does with -runs=0, so the seed corpora stay
// regression inputs in the normal build without clang. Exit 1 when nothing was
// read; a failing input aborts, as it would under the fuzzer.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {
bool replay(const QString &path, QTextStream &out)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out << "cannot read " << path << ": " << file.errorString() << '\n';
        return false;
    }
    const QByteArray bytes = file.readAll();
    out << "replaying " << path << " (" << bytes.size() << " bytes)\n";
    out.flush();
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.constData()),
                           size_t(bytes.size()));
    return true;
}
} // namespace

int main(int argc, char **argv)
{
    QTextStream out(stdout);
    int replayed = 0;
    int failed = 0;
    for (int i = 1; i < argc; ++i) {
        const QString path = QString::fromLocal8Bit(argv[i]);
        QStringList files;
        if (QFileInfo(path).isDir()) {
            const QDir dir(path);
            for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
                files << dir.filePath(name);
        } else {
            files << path;
        }
        for (const QString &file : std::as_const(files))
            (replay(file, out) ? replayed : failed) += 1;
    }
    out << replayed << " inputs replayed, " << failed << " unreadable\n";
    return replayed > 0 && failed == 0 ? 0 : 1;
}
