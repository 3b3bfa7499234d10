#include "analysis/sequencenumber.h"

#include <limits>

SequenceNumber SequenceNumber::parse(const QString &text)
{
    SequenceNumber number;
    if (text.isEmpty())
        return number;
    for (const QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return number;
    }
    qsizetype first = 0;
    while (first < text.size() - 1 && text.at(first) == QLatin1Char('0'))
        ++first;
    number.m_digits = text.mid(first);
    return number;
}

int SequenceNumber::compare(const SequenceNumber &other) const
{
    if (m_digits.size() != other.m_digits.size())
        return m_digits.size() < other.m_digits.size() ? -1 : 1;
    return m_digits.compare(other.m_digits);
}

qint64 SequenceNumber::minus(const SequenceNumber &other) const
{
    constexpr qint64 max = std::numeric_limits<qint64>::max();
    bool okA = false;
    bool okB = false;
    const qint64 a = m_digits.toLongLong(&okA);
    const qint64 b = other.m_digits.toLongLong(&okB);
    if (okA && okB)
        return a - b; // both non-negative: cannot overflow
    return compare(other) >= 0 ? max : -max;
}
