#include "filter/deliveryfilter.h"

namespace {
struct FieldName
{
    const char *name;
    int field;
};

bool hasWildcard(const QString &value)
{
    return value.contains(QLatin1Char('*')) || value.contains(QLatin1Char('?'));
}

// '*' and '?' over the whole value; '/' is an ordinary character here (paths,
// fqdns), which Qt 6.4's wildcardToRegularExpression does not allow.
QRegularExpression wildcardRegex(const QString &value)
{
    QString pattern;
    for (const QChar c : value) {
        if (c == QLatin1Char('*'))
            pattern += QStringLiteral(".*");
        else if (c == QLatin1Char('?'))
            pattern += QLatin1Char('.');
        else
            pattern += QRegularExpression::escape(QString(c));
    }
    QRegularExpression regex(QRegularExpression::anchoredPattern(pattern),
                             QRegularExpression::CaseInsensitiveOption |
                                 QRegularExpression::DotMatchesEverythingOption);
    regex.optimize();
    return regex;
}

struct Token
{
    QString text;
    int start = 0;
    int length = 0;
};

// Splits on spaces, keeping "quoted values" (also after field:) whole.
QVector<Token> tokenize(const QString &text, QVector<DeliveryFilter::Error> *errors)
{
    QVector<Token> tokens;
    int i = 0;
    const int n = int(text.size());
    while (i < n) {
        while (i < n && text.at(i).isSpace())
            ++i;
        if (i >= n)
            break;
        Token token;
        token.start = i;
        bool quoted = false;
        while (i < n && (quoted || !text.at(i).isSpace())) {
            if (text.at(i) == QLatin1Char('"'))
                quoted = !quoted;
            else
                token.text += text.at(i);
            ++i;
        }
        token.length = i - token.start;
        if (quoted)
            errors->append({token.start, token.length, QStringLiteral("unclosed quote")});
        tokens.append(token);
    }
    return tokens;
}
} // namespace

QString DeliveryFilter::analysisValues(Field field)
{
    switch (field) {
    case Field::Duplicate:
        return QStringLiteral("yes, no, retry or redundant");
    case Field::Order:
        return QStringLiteral("bad or ok");
    default:
        return QStringLiteral("yes or no");
    }
}

bool DeliveryFilter::parseAnalysisValue(Term &term, const QString &value)
{
    if (term.field == Field::Duplicate && value == QLatin1String("retry")) {
        term.flagsAny = FlagDuplicateRetry;
        return true;
    }
    if (term.field == Field::Duplicate && value == QLatin1String("redundant")) {
        term.flagsAny = FlagDuplicate;
        term.flagsNone = FlagDuplicateRetry;
        return true;
    }
    quint32 flags = FlagDuplicate;
    if (term.field == Field::Order)
        flags = FlagOutOfOrder;
    else if (term.field == Field::Gap)
        flags = FlagSequenceGap;
    else if (term.field == Field::Retry)
        flags = FlagDuplicateRetry | FlagLateRetry;
    const bool order = term.field == Field::Order;
    if (value == QLatin1String(order ? "bad" : "yes")) {
        term.flagsAny = flags;
        return true;
    }
    if (value == QLatin1String(order ? "ok" : "no")) {
        term.flagsNone = flags;
        return true;
    }
    return false;
}

QStringList DeliveryFilter::fieldNames()
{
    return {QStringLiteral("type"),     QStringLiteral("instance"), QStringLiteral("entity"),
            QStringLiteral("identity"), QStringLiteral("sig"),      QStringLiteral("status"),
            QStringLiteral("method"),   QStringLiteral("path"),     QStringLiteral("key"),
            QStringLiteral("kind"),     QStringLiteral("dup"),      QStringLiteral("order"),
            QStringLiteral("gap"),      QStringLiteral("retry")};
}

DeliveryFilter DeliveryFilter::parse(const QString &text)
{
    static const Field fields[] = {
        Field::Type,      Field::Instance, Field::Entity, Field::Identity, Field::Signature,
        Field::Status,    Field::Method,   Field::Path,   Field::Key,      Field::Kind,
        Field::Duplicate, Field::Order,    Field::Gap,    Field::Retry};
    DeliveryFilter filter;
    const QStringList names = fieldNames();
    for (const Token &token : tokenize(text, &filter.m_errors)) {
        Term term;
        QString body = token.text;
        if (body.startsWith(QLatin1Char('-')) && body.size() > 1) {
            term.negated = true;
            body.remove(0, 1);
        }
        const qsizetype colon = body.indexOf(QLatin1Char(':'));
        QString value = body;
        if (colon > 0) {
            const QString name = body.left(colon).toLower();
            const qsizetype index = names.indexOf(name);
            if (index < 0) {
                filter.m_errors.append({token.start, token.length,
                                        QStringLiteral("unknown field \"%1\"; known: %2")
                                            .arg(name, names.join(QStringLiteral(", ")))});
                continue;
            }
            term.field = fields[index];
            value = body.mid(colon + 1);
            if (value.isEmpty()) {
                filter.m_errors.append(
                    {token.start, token.length, QStringLiteral("\"%1:\" needs a value").arg(name)});
                continue;
            }
        }
        if (term.field == Field::Signature) {
            const QString sig = value.toLower();
            if (sig == QLatin1String("none")) {
                term.sigNone = true;
            } else {
                for (const auto status :
                     {SignatureStatus::Valid, SignatureStatus::Invalid, SignatureStatus::Unverified,
                      SignatureStatus::Malformed}) {
                    if (sig == signatureStatusName(status))
                        term.signature = int(status);
                }
                if (term.signature < 0) {
                    filter.m_errors.append(
                        {token.start, token.length,
                         QStringLiteral(
                             "sig: takes valid, invalid, unverified, malformed or none")});
                    continue;
                }
            }
        } else if (term.field >= Field::Duplicate) {
            if (!parseAnalysisValue(term, value.toLower())) {
                filter.m_errors.append(
                    {token.start, token.length,
                     QStringLiteral("%1 takes %2")
                         .arg(body.left(colon + 1), analysisValues(term.field))});
                continue;
            }
        } else if (hasWildcard(value)) {
            term.regex = wildcardRegex(value);
        } else {
            term.text = value;
        }
        filter.m_terms.append(std::move(term));
    }
    return filter;
}

bool DeliveryFilter::textMatches(const Term &term, const QString &value) const
{
    if (!term.regex.pattern().isEmpty())
        return term.regex.match(value).hasMatch();
    return value.contains(term.text, Qt::CaseInsensitive);
}

bool DeliveryFilter::termMatches(const Term &term, const DeliveryRow &row) const
{
    switch (term.field) {
    case Field::Type:
        return textMatches(term, row.eventType);
    case Field::Instance:
        return textMatches(term, row.instanceId);
    case Field::Entity:
        return textMatches(term, row.entity);
    case Field::Identity:
        return textMatches(term, row.identity);
    case Field::Signature:
        if (term.sigNone)
            return row.signature == SignatureStatus::Malformed && row.bodyKind != BodyKind::Jwt &&
                   row.bodyKind != BodyKind::MalformedJwt;
        return int(row.signature) == term.signature;
    case Field::Status:
        return textMatches(term, QString::number(row.answerStatus));
    case Field::Method:
        return textMatches(term, row.method);
    case Field::Path:
        return textMatches(term, row.target);
    case Field::Key:
        return textMatches(term, row.keyName);
    case Field::Kind:
        return textMatches(term, bodyKindName(row.bodyKind));
    case Field::Duplicate:
    case Field::Order:
    case Field::Gap:
    case Field::Retry:
        return (term.flagsAny == 0 || (row.analysisFlags & term.flagsAny)) &&
               !(row.analysisFlags & term.flagsNone);
    case Field::Any:
        break;
    }
    for (const QString *field : {&row.eventType, &row.instanceId, &row.entity, &row.identity,
                                 &row.target, &row.method, &row.keyName, &row.reasonCode}) {
        if (textMatches(term, *field))
            return true;
    }
    return false;
}

bool DeliveryFilter::matches(const DeliveryRow &row) const
{
    for (const Term &term : m_terms) {
        if (termMatches(term, row) == term.negated)
            return false;
    }
    return true;
}
