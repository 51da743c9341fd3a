#include "pipeline/account_segments.h"

#include <fmt/core.h>

#include "base/strings.h"

namespace flywheel {

Result<const std::vector<Code>*> AccountAttributeColumn(const Dataset& data, std::string_view attribute) {
  const Accounts& a = data.accounts;
  if (attribute == "segment") return &a.segment;
  if (attribute == "industry") return &a.industry;
  if (attribute == "country") return &a.country;
  if (attribute == "region") return &a.region;
  if (attribute == "source") return &a.source;
  std::vector<std::string> names = {"segment", "industry", "country", "region", "source"};
  for (size_t i = 0; i < a.attribute_names.size(); ++i) {
    if (a.attribute_names[i] == attribute) return &a.attributes[i];
    names.push_back(a.attribute_names[i]);
  }
  return Status::Usage(fmt::format(
      "--segment-by: unknown attribute '{}' (expected segment, industry, country, region, source or an attr_* column){}",
      attribute, DidYouMeanSuffix(attribute, names)));
}

}  // namespace flywheel
