#include "pipeline/pipeline_segments.h"

#include <algorithm>

#include <fmt/core.h>

#include "base/strings.h"

namespace flywheel {
namespace {

// The group of `name`, added (after the others) when it has none yet.
int GroupNamed(SegmentNumbers& numbers, std::string_view name) {
  auto [it, added] =
      numbers.of_name.try_emplace(std::string(name), static_cast<uint32_t>(numbers.names.size()));
  if (added) numbers.names.emplace_back(name);
  return static_cast<int>(it->second);
}

}  // namespace

Result<PipelineSegments> MakePipelineSegments(const Dataset& data, const std::string& segment_by) {
  auto segmenter = Segmenter::Make(data, segment_by, "", "");
  if (!segmenter.ok()) return segmenter.status();
  PipelineSegments out{std::move(*segmenter)};
  SegmentNumbers numbers = out.segmenter.Numbers();  // "all", then the accounts' values
  if (!segment_by.empty()) {
    // The values by code, for leads and spend lines that carry a value of their own.
    out.group_of_code.assign(data.dict.size(), -1);
    for (size_t g = 1; g < numbers.names.size(); ++g) {
      auto code = data.dict.Find(numbers.names[g]);
      if (code && numbers.names[g] != kUnassignedSegment) out.group_of_code[*code] = static_cast<int>(g);
    }
    out.lead_segment_overrides = segment_by == "segment";
    if (out.lead_segment_overrides && data.Has(Table::kLeads)) {
      for (Code c : data.leads.segment) {
        if (c != kNullCode && out.group_of_code[c] < 0)
          out.group_of_code[c] = GroupNamed(numbers, data.dict.Get(c));
      }
    }
    out.unassigned = GroupNamed(numbers, kUnassignedSegment);
    out.group_of_value.resize(numbers.of_value.size());
    for (size_t v = 0; v < numbers.of_value.size(); ++v)
      out.group_of_value[v] = static_cast<int>(numbers.of_value[v].back());
  }
  out.names = std::move(numbers.names);
  // Output order: "all", the values by name, "unassigned".
  for (size_t g = 0; g < out.names.size(); ++g) {
    if (static_cast<int>(g) != out.unassigned) out.order.push_back(static_cast<int>(g));
  }
  std::sort(out.order.begin() + 1, out.order.end(), [&](int a, int b) {
    return out.names[static_cast<size_t>(a)] < out.names[static_cast<size_t>(b)];
  });
  if (out.segmented()) out.order.push_back(out.unassigned);
  return out;
}

Result<std::vector<int>> ShownGroups(const PipelineSegments& segments, const std::string& segment_by,
                                     const std::string& segment) {
  if (segment.empty()) return segments.order;
  if (!segments.segmented()) return Status::Usage("--segment needs --segment-by");
  std::vector<std::string> candidates;  // in output order, "all" left out
  for (size_t k = 1; k < segments.order.size(); ++k)
    candidates.push_back(segments.names[static_cast<size_t>(segments.order[k])]);
  auto it = std::find(candidates.begin(), candidates.end(), segment);
  if (it == candidates.end()) {
    return Status::Usage(fmt::format("--segment: no {} named '{}'{}", segment_by, segment,
                                     DidYouMeanSuffix(segment, candidates)));
  }
  return std::vector<int>{segments.order[static_cast<size_t>(it - candidates.begin()) + 1]};
}

}  // namespace flywheel
