// Measures of the scorecard in words: what the account page shows instead of raw keys such as
// "revenue_quality +4.5" ("Revenue quality (0.82) raises the score by 4.5 points").
#pragma once

#include <string>
#include <string_view>

namespace flywheel {

// The measure's name for people ("Annual recurring revenue"); an unknown name (a custom
// scorecard's) in words: "my_measure" → "My measure".
std::string MeasureLabel(std::string_view measure);

// One reason in a sentence: the label, the account's value of the measure (NaN: left out) in
// the measure's own terms ($120,000, 3 months, yes/no), and what it did to the score:
// "Annual recurring revenue ($12,000) raises the score by 4.5 points",
// "Tickets per $10k ARR (2.4) lowers the score by 1.2 points". `currency_symbol` prefixes
// money ("$"; "" writes the amount alone).
std::string ReasonInWords(std::string_view measure, double raw, double impact,
                          std::string_view currency_symbol);

}  // namespace flywheel
