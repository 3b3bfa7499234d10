#include <QtTest>

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
