#include "segments/account_segments.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/strings.h"

namespace flywheel {

std::vector<std::string> SegmentAttributes(const Dataset& data) {
  std::vector<std::string> names = {"segment", "industry", "country", "region", "source"};
  for (const auto& n : data.accounts.attribute_names) names.push_back(n);
  return names;
}

Result<const std::vector<Code>*> AccountAttributeColumn(const Dataset& data, std::string_view attribute) {
  const Accounts& acc = data.accounts;
  if (attribute == "segment") return &acc.segment;
  if (attribute == "industry") return &acc.industry;
  if (attribute == "country") return &acc.country;
  if (attribute == "region") return &acc.region;
  if (attribute == "source") return &acc.source;
  for (size_t i = 0; i < acc.attribute_names.size(); ++i) {
    if (acc.attribute_names[i] == attribute) return &acc.attributes[i];
  }
  return Status::Usage(fmt::format(
      "--segment-by: unknown attribute '{}' (expected segment, industry, country, region, source or an "
      "attr_* column){}",
      attribute, DidYouMeanSuffix(attribute, SegmentAttributes(data))));
}

Result<AccountSegments> SegmentAccounts(const Dataset& data, std::string_view attribute) {
  auto found = AccountAttributeColumn(data, attribute);
  if (!found.ok()) return found.status();
  const std::vector<Code>* column = *found;
  AccountSegments out;
  out.attribute = std::string(attribute);
  // Distinct codes through a table indexed by code (codes are dense dictionary numbers), so the
  // work is one pass over the accounts, not a sort of them.
  std::vector<int32_t> slot_of_code(data.dict.size(), -1);
  std::vector<Code> codes;
  bool has_empty = false;
  for (Code c : *column) {
    if (c == kNullCode) {
      has_empty = true;
    } else if (slot_of_code[static_cast<size_t>(c)] < 0) {
      slot_of_code[static_cast<size_t>(c)] = 0;
      codes.push_back(c);
    }
  }
  std::sort(codes.begin(), codes.end(), [&](Code a, Code b) { return data.dict.Get(a) < data.dict.Get(b); });
  for (size_t i = 0; i < codes.size(); ++i) {
    slot_of_code[static_cast<size_t>(codes[i])] = static_cast<int32_t>(i);
    out.values.emplace_back(data.dict.Get(codes[i]));
  }
  if (has_empty) out.values.emplace_back(kUnassignedSegment);
  out.of_account.resize(column->size());
  out.value_start.assign(out.values.size() + 1, 0);
  for (size_t a = 0; a < column->size(); ++a) {
    Code c = (*column)[a];
    out.of_account[a] =
        c == kNullCode ? static_cast<int32_t>(out.values.size() - 1) : slot_of_code[static_cast<size_t>(c)];
    ++out.value_start[static_cast<size_t>(out.of_account[a]) + 1];
  }
  // The accounts by value: a counting sort, so each value's accounts stay ascending.
  for (size_t v = 0; v < out.values.size(); ++v) out.value_start[v + 1] += out.value_start[v];
  out.accounts.resize(column->size());
  std::vector<uint32_t> next(out.value_start.begin(), out.value_start.end() - 1);
  for (size_t a = 0; a < column->size(); ++a) {
    out.accounts[next[static_cast<size_t>(out.of_account[a])]++] = static_cast<AccountIndex>(a);
  }
  return out;
}

}  // namespace flywheel
