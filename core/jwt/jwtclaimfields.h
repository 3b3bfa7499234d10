#pragma once

#include <QByteArray>
#include <QtGlobal>

// A NumericDate claim (RFC 7519 §2: a JSON number of seconds) as the payload has it.
struct NumericDateClaim
{
    enum class State { Absent, Number, NotNumber };
    State state = State::Absent;
    qint64 seconds = 0; // floor of the value, when a Number

    bool isNumber() const { return state == State::Number; }
};

// The claims the verifier and the Wix decoder read, taken from the payload in the
// same pass that checks it is a JSON object.
struct JwtClaimFields
{
    enum class DataKind { Absent, String, Other };

    NumericDateClaim iat;
    NumericDateClaim exp;
    NumericDateClaim nbf;
    DataKind dataKind = DataKind::Absent;
    QByteArray data; // the "data" claim's text (UTF-8), when a string

    // A NumericDate from a JSON number; NotNumber for infinities and absurd magnitudes.
    static NumericDateClaim numericDate(double value);
};
