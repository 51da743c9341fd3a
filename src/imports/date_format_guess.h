// Guessing the date format of an export column whose values the mapping's formats do not
// read ("15/03/2024" with no format given): every common day/month/year layout is tried
// against all of the column's values. One layout that reads them all is used (and noted);
// several that read them all but disagree on a value (03/04/2024: 3 April or March 4?) are an
// ambiguity the user must settle by stating the format; a guess never picks between them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace flywheel {

struct DateFormatGuess {
  std::string format;   // the layout to use ("%d/%m/%Y"), "" when there is none
  std::string problem;  // the ambiguity, "" when there is none:
                        // dates like 03/04/2024 and 05/06/2024 could be day/month or month/day; ...
};

// `values`: the column's non-empty values; `known`: the formats the mapping gives for it.
// Nothing is guessed when every value is read by `known` or as ISO 8601.
DateFormatGuess GuessDateFormat(const std::vector<std::string_view>& values,
                                const std::vector<std::string>& known);

}  // namespace flywheel
