// Segmentation: which value of an account attribute (segment, industry, country, region,
// source or attr_*) each account has, so reports can cut every metric by segment.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/dataset.h"

namespace flywheel {

inline constexpr std::string_view kUnassignedSegment = "unassigned";

struct AccountSegments {
  std::string attribute;
  std::vector<std::string> values;   // distinct values, sorted; "unassigned" (empty) last
  std::vector<int32_t> of_account;   // per account: index into `values`
};

// The attribute names accounts can be cut by: the five built-in ones, then attr_* in file
// order.
std::vector<std::string> SegmentAttributes(const Dataset& data);

// Groups the accounts by `attribute`. An empty value is the segment "unassigned".
// Fails (kUsage) for an unknown attribute: "unknown segment attribute 'regoin', did you
// mean 'region'?".
Result<AccountSegments> SegmentAccounts(const Dataset& data, std::string_view attribute);

}  // namespace flywheel
