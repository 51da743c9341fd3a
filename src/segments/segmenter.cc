#include "segments/segmenter.h"

namespace flywheel {

Result<Segmenter> Segmenter::Make(const Dataset& data, const std::string& attribute,
                                  const std::string& filter, const std::string& default_attribute) {
  Segmenter s;
  s.dict_ = &data.dict;
  s.attribute_ = attribute.empty() && !filter.empty() ? default_attribute : attribute;
  s.filter_ = filter;
  if (s.attribute_.empty()) return s;
  auto segments = SegmentAccounts(data, s.attribute_);
  if (!segments.ok()) return segments.status();
  s.segments_ = std::move(*segments);
  return s;
}

std::string Segmenter::ValueOf(AccountIndex a) const {
  if (attribute_.empty() || a == kNoAccount) return "";
  return segments_.values[segments_.of_account[a]];
}

std::vector<std::string> Segmenter::ForValue(const std::string& value) const {
  std::vector<std::string> out;
  if (filter_.empty()) out.emplace_back(kAllSegment);
  if (attribute_.empty()) return out;
  if (filter_.empty() || filter_ == value) out.push_back(value);
  return out;
}

std::vector<std::string> Segmenter::ForAccount(AccountIndex a) const { return ForValue(ValueOf(a)); }

std::vector<std::string> Segmenter::ForLead(Code lead_segment) const {
  if (attribute_ == "segment" && lead_segment != kNullCode)
    return ForValue(std::string(dict_->Get(lead_segment)));
  return ForValue(std::string(kUnassignedSegment));
}

std::vector<std::string> Segmenter::AllSegments() const {
  std::vector<std::string> out;
  if (filter_.empty()) out.emplace_back(kAllSegment);
  if (attribute_.empty()) return out;
  if (!filter_.empty()) {
    out.push_back(filter_);
    return out;
  }
  out.insert(out.end(), segments_.values.begin(), segments_.values.end());
  return out;
}

std::vector<uint32_t> SegmentNumbers::Of(const std::vector<std::string>& segments) const {
  std::vector<uint32_t> out;
  for (const std::string& name : segments) {
    auto it = of_name.find(name);
    if (it != of_name.end()) out.push_back(it->second);
  }
  return out;
}

SegmentNumbers Segmenter::Numbers() const {
  SegmentNumbers n;
  for (std::string& name : AllSegments()) {
    if (n.of_name.try_emplace(name, static_cast<uint32_t>(n.names.size())).second)
      n.names.push_back(std::move(name));
  }
  n.of_value.resize(value_count());
  for (uint32_t v = 0; v < n.of_value.size(); ++v) n.of_value[v] = n.Of(ForValue(ValueName(v)));
  return n;
}

}  // namespace flywheel
