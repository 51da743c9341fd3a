// AccountSegments: the value of one account attribute (segment, industry, country, region,
// source or attr_*) for every account, as the rows "per segment" of the pipeline reports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/dataset.h"

namespace flywheel {

// The name shown for records without a value of the attribute (no account, empty field).
inline constexpr std::string_view kUnassignedSegment = "unassigned";

// Returns the attribute's column (one Code per account, kNullCode when empty), or kUsage
// "--segment-by: unknown attribute 'x' (expected segment, industry, country, region, source
// or an attr_* column)" with a "did you mean" when close. The span borrows from `data`.
Result<const std::vector<Code>*> AccountAttributeColumn(const Dataset& data, std::string_view attribute);

}  // namespace flywheel
