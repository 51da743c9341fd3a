// Field labels: the words a person reads for a JSON field name ("mrr_growth_yoy" → "MRR growth
// YoY"), in the JSON "fields" object and wherever a report's fields are shown to people.
#pragma once

#include <string>
#include <string_view>

namespace flywheel {

// The label of `field`: from the table of known fields, else the name in words (underscores
// as spaces, known abbreviations in capitals, the first letter capital: "cost_per_sql" →
// "Cost per SQL").
std::string FieldLabel(std::string_view field);

}  // namespace flywheel
