// Account segments: which value of an account attribute (segment, industry, country, region,
// source or attr_*) each account has, so reports can cut every metric by segment.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/dataset.h"

namespace flywheel {

inline constexpr std::string_view kUnassignedSegment = "unassigned";

struct AccountSegments {
  std::string attribute;
  std::vector<std::string> values;  // distinct values, sorted; "unassigned" (empty) last
  std::vector<int32_t> of_account;  // per account: index into `values`
  // The accounts of each value, ascending: accounts[value_start[v] .. value_start[v + 1]), so
  // that a slice of one value visits its own accounts only.
  std::vector<uint32_t> value_start;  // values.size() + 1 entries
  std::vector<AccountIndex> accounts;
  std::span<const AccountIndex> AccountsOf(size_t value) const {
    return {accounts.data() + value_start[value], accounts.data() + value_start[value + 1]};
  }
};

// The attribute names accounts can be cut by: the five built-in ones, then attr_* in file
// order.
std::vector<std::string> SegmentAttributes(const Dataset& data);

// The attribute's column (one Code per account, kNullCode when empty); the pointer borrows
// from `data`. Fails (kUsage) for an unknown attribute: "--segment-by: unknown attribute
// 'regoin' (expected segment, industry, country, region, source or an attr_* column), did
// you mean 'region'?".
Result<const std::vector<Code>*> AccountAttributeColumn(const Dataset& data, std::string_view attribute);

// Groups the accounts by `attribute`. An empty value is the segment "unassigned".
// Fails as AccountAttributeColumn for an unknown attribute.
Result<AccountSegments> SegmentAccounts(const Dataset& data, std::string_view attribute);

}  // namespace flywheel
