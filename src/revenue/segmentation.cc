#include "revenue/segmentation.h"

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
  std::vector<Code> codes;
  bool has_empty = false;
  for (Code c : *column) {
    if (c == kNullCode) has_empty = true; else codes.push_back(c);
  }
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  std::sort(codes.begin(), codes.end(),
            [&](Code a, Code b) { return data.dict.Get(a) < data.dict.Get(b); });
  for (Code c : codes) out.values.emplace_back(data.dict.Get(c));
  if (has_empty) out.values.emplace_back(kUnassignedSegment);
  out.of_account.resize(column->size());
  for (size_t a = 0; a < column->size(); ++a) {
    Code c = (*column)[a];
    if (c == kNullCode) {
      out.of_account[a] = static_cast<int32_t>(out.values.size() - 1);
    } else {
      auto it = std::lower_bound(codes.begin(), codes.end(), c, [&](Code x, Code y) {
        return data.dict.Get(x) < data.dict.Get(y);
      });
      out.of_account[a] = static_cast<int32_t>(it - codes.begin());
    }
  }
  return out;
}

}  // namespace flywheel
