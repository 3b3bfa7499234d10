#include "jwt/jwtclaimfields.h"

#include <cmath>

NumericDateClaim JwtClaimFields::numericDate(double value)
{
    NumericDateClaim claim;
    if (!std::isfinite(value) || std::fabs(value) > 1e15) {
        claim.state = NumericDateClaim::State::NotNumber;
        return claim;
    }
    claim.state = NumericDateClaim::State::Number;
    claim.seconds = static_cast<qint64>(std::floor(value));
    return claim;
}
