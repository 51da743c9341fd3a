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

Result<AccountSegments> SegmentAccounts(const Dataset& data, std::string_view attribute) {
  const Accounts& acc = data.accounts;
  const std::vector<Code>* column = nullptr;
  if (attribute == "segment") column = &acc.segment;
  else if (attribute == "industry") column = &acc.industry;
  else if (attribute == "country") column = &acc.country;
  else if (attribute == "region") column = &acc.region;
  else if (attribute == "source") column = &acc.source;
  for (size_t i = 0; column == nullptr && i < acc.attribute_names.size(); ++i) {
    if (acc.attribute_names[i] == attribute) column = &acc.attributes[i];
  }
  if (column == nullptr) {
    return Status::Usage(fmt::format("unknown segment attribute '{}'{}", attribute,
                                     DidYouMeanSuffix(attribute, SegmentAttributes(data))));
  }
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
