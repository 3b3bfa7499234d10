#pragma once

#include <QString>

// entityEventSequence: a string holding a non-negative integer of any length,
// compared as a number (so "10" > "9"), never as text.
class SequenceNumber
{
public:
    static SequenceNumber parse(const QString &text); // invalid unless all digits

    bool isValid() const { return !m_digits.isEmpty(); }
    const QString &digits() const { return m_digits; }
    // this - other when both fit in 64 bits, else saturated; only meaningful for valid numbers.
    qint64 minus(const SequenceNumber &other) const;
    int compare(const SequenceNumber &other) const;

private:
    QString m_digits; // without leading zeros ("0" for zero)
};
