// The segments of the pipeline report: which row group a deal, a lead or a spend line counts in. Built on the
// project's segmentation (segments/segmenter.h) and cut as docs/PIPELINE.md says: "all", then every value of
// the --segment-by attribute, sorted, then "unassigned" (always, even without an unassigned account). A
// lead's own `segment` overrides its account's when cutting by `segment`, so its values get groups too; spend
// is attributed by its `segment` value, and to "all" only when that is not a value of the attribute.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "model/dataset.h"
#include "segments/segmenter.h"

namespace flywheel {

struct PipelineSegments {
  Segmenter segmenter;                  // the attribute's values by account
  std::vector<std::string> names;       // by group number; group 0 is "all"
  std::vector<int> order;               // every group number, in output order
  int unassigned = -1;                  // the "unassigned" group; -1 when not segmenting
  bool lead_segment_overrides = false;  // cutting by `segment`: a lead's own value wins
  std::vector<int> group_of_value;      // by Segmenter::ValueNumber
  std::vector<int> group_of_code;       // by dictionary code of a value; -1 for other codes

  bool segmented() const { return unassigned >= 0; }
  // The group (other than "all") of an account (kNoAccount: "unassigned"); -1 when not segmenting.
  int OfAccount(AccountIndex a) const {
    if (!segmented()) return -1;
    return a == kNoAccount ? unassigned : group_of_value[segmenter.ValueNumber(a)];
  }
  // The group of a lead, by its own segment when that overrides its account's.
  int OfLead(Code lead_segment, AccountIndex account) const {
    if (lead_segment_overrides && lead_segment != kNullCode) return group_of_code[lead_segment];
    return OfAccount(account);
  }
  // The group of a spend line's segment value: -1 ("all" only) for shared spend and for a value the attribute
  // does not have.
  int OfSpend(Code segment) const {
    return segmented() && segment != kNullCode ? group_of_code[segment] : -1;
  }
};

// Groups `data` by `segment_by` ("" = the "all" group only). Fails as SegmentAccounts for an unknown
// attribute.
Result<PipelineSegments> MakePipelineSegments(const Dataset& data, const std::string& segment_by);

// The group numbers that get rows, in output order: every group, or only the one `segment` names. Fails
// (kUsage) when `segment` is set without `segment_by`, or names no group.
Result<std::vector<int>> ShownGroups(const PipelineSegments& segments, const std::string& segment_by,
                                     const std::string& segment);

}  // namespace flywheel
