#pragma once

#include "analysis/deliveryanalysis.h"
#include "models/deliveryrow.h"

#include <QRegularExpression>
#include <QString>
#include <QVector>

// The filter bar's language: free words and field:value terms, all ANDed.
//   type:contact_created  instance:a6d1*  entity:wix.contacts*  identity:MEMBER
//   sig:valid|invalid|unverified|malformed|none  status:5*  method:POST  path:/webhooks*
//   key:shop  kind:json  -type:AppInstalled (a leading '-' negates)  "two words"
//   dup:yes|no|retry|redundant  order:bad|ok  gap:yes|no  retry:yes|no (the analysis)
// A value without wildcards matches as a case-insensitive substring; with * or ?
// it must match the whole field. Free words match any text field.
class DeliveryFilter
{
public:
    struct Error
    {
        int start = 0; // position of the bad term in the text
        int length = 0;
        QString message;
    };

    static DeliveryFilter parse(const QString &text);
    static QStringList fieldNames();

    bool isEmpty() const { return m_terms.isEmpty(); }
    bool isValid() const { return m_errors.isEmpty(); }
    const QVector<Error> &errors() const { return m_errors; }
    bool matches(const DeliveryRow &row) const;

private:
    friend class PackedRowFilter; // judges the same terms on packed rows

    enum class Field {
        Any,
        Type,
        Instance,
        Entity,
        Identity,
        Signature,
        Status,
        Method,
        Path,
        Key,
        Kind,
        Duplicate,
        Order,
        Gap,
        Retry
    };
    struct Term
    {
        Field field = Field::Any;
        bool negated = false;
        QString text;             // substring form
        QRegularExpression regex; // wildcard form (valid when the value had * or ?)
        int signature = -1;       // sig: values
        bool sigNone = false;     // sig:none — not a JWT at all
        quint32 flagsAny = 0;     // analysis terms: any of these flags set...
        quint32 flagsNone = 0;    // ...and none of these
    };

    bool termMatches(const Term &term, const DeliveryRow &row) const;
    static bool parseAnalysisValue(Term &term, const QString &value);
    static QString analysisValues(Field field);
    bool textMatches(const Term &term, const QString &value) const;

    QVector<Term> m_terms;
    QVector<Error> m_errors;
};
