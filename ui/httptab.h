#pragma once

#include <QPlainTextEdit>

struct Delivery;

// The HTTP tab: the request line, the headers in order, the raw body, what
// Hookscope answered and, in forward mode, what the developer's app answered.
// Plain text throughout; a body that is not text shows as a hex dump.
class HttpTab final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpTab)

public:
    static constexpr qsizetype kMaxBodyShown = 256 * 1024;
    static constexpr qsizetype kMaxHexShown = 4096;

    explicit HttpTab(QWidget *parent = nullptr);

    void showDelivery(const Delivery &delivery);
    void showNothing();

    static QString describe(const Delivery &delivery);
};
