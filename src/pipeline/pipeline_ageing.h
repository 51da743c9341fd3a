// Open-deal ageing by stage at the as-of date (docs/PIPELINE.md): per stage, the open deals, their amount in
// the base currency and the median and mean of as_of − created_at in days.
#pragma once

#include <string>

#include "base/status.h"
#include "output/report.h"
#include "pipeline/pipeline_passes.h"
#include "pipeline/pipeline_segments.h"

namespace flywheel {

struct PipelineAgeing {
  Report table;      // the "pipeline-ageing" block: one row per stage, by stage name
  std::string json;  // the same rows as the pipeline report's json_extra "ageing" array
};

// The ageing of the deals `filter` keeps, of group `group` (0: every deal) of `segments`. `base` gives as_of,
// currency and segment_by. Fails (kBadData) for a missing exchange rate.
Result<PipelineAgeing> ComputePipelineAgeing(const Dataset& data, const PipelineSegments& segments, int group,
                                             const DealFilter& filter, OpportunityAmounts& amounts, Day as_of,
                                             const Report& base);

}  // namespace flywheel
