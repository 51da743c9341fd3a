#include "base/iso_currency.h"

#include <unicode/ucurr.h>

namespace flywheel {

bool IsIsoCurrency(std::string_view code) {
  if (code.size() != 3) return false;
  UChar iso[4];
  for (int i = 0; i < 3; ++i) {
    if (code[i] < 'A' || code[i] > 'Z') return false;
    iso[i] = static_cast<UChar>(code[i]);
  }
  iso[3] = 0;
  UErrorCode error = U_ZERO_ERROR;
  const UBool available = ucurr_isAvailable(iso, U_DATE_MIN, U_DATE_MAX, &error);
  return U_SUCCESS(error) && available;
}

}  // namespace flywheel
