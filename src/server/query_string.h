// Decoding an HTTP query string ("period=quarter&segment_by=segment") into report
// parameters. Percent-escapes and '+' are decoded; the decoder is fuzzed.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "reports/report_params.h"

namespace flywheel {

// Parses `query` (the part after '?', without it). Fails (kUsage) on a bad escape
// ("bad query string: '%zz' is not a valid escape"), an empty or repeated name, a name
// that is not [a-z0-9_], or a value with a control character or bytes that are not UTF-8.
Result<ReportParams> ParseQueryString(std::string_view query);

// Decodes %XX escapes and '+' (as a space); nullopt-like failure as Status.
Result<std::string> PercentDecode(std::string_view text);

}  // namespace flywheel
