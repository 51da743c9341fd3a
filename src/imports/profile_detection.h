// Which shipped profile an export is (`flywheel import --from auto FILE`), and a mapping
// file skeleton for an export that none fits (`--write-mapping F`).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "imports/delimited_text.h"
#include "imports/mapping.h"

namespace flywheel {

struct ProfileMatch {
  std::string name;
  int present = 0;                   // of the columns the profile reads, those in the header
  int total = 0;                     // the columns the profile reads
  std::vector<std::string> missing;  // columns it needs that the header lacks: "'Deal Stage'"
};

// The columns `mapping` needs that `header` lacks (a rule's alternatives as "'A' or 'B'").
std::vector<std::string> MissingColumns(const Mapping& mapping, const std::vector<std::string>& header);

// Every shipped profile against `header`, best first: those that fit (nothing missing) by the
// number of their columns present, then the others by the share of their columns present.
std::vector<ProfileMatch> MatchProfiles(const std::vector<std::string>& header);

// The profile that fits `header` best. When none fits, kBadData naming the closest:
//   deals.csv: no shipped profile fits its columns; the closest are:
//     pipedrive-deals (5 of 14 columns): missing 'Deal - Status'
//   write a mapping file for it: flywheel import --from auto deals.csv --write-mapping deals.toml
Result<ProfileMatch> DetectProfile(const std::vector<std::string>& header, std::string_view file);

// A mapping file for `text` (the export `file`): its format, a target table guessed from the
// header, per canonical column the export column guessed for it (from the names the shipped
// profiles read and the canonical names), a value map for status columns guessed from the
// values, and every export column listed with its first value. Parses with ParseMapping.
std::string MappingSkeleton(const DelimitedText& text, std::string_view file);

}  // namespace flywheel
