// The pipeline report (metrics.md §2, the left wing): per period × segment, qualified leads
// and LVR, pipeline generated, win rates, sales and expansion cycles, sales velocity, cost
// per pipeline dollar and per SQL, pipeline coverage; plus open-deal ageing by stage.
// docs/PIPELINE.md gives every definition as implemented and the variants.
#pragma once

#include <string>

#include "base/date.h"
#include "base/status.h"
#include "model/dataset.h"
#include "output/report.h"
#include "settings/settings.h"

namespace flywheel {

// Which opportunities multiply sales velocity: created in the period (default) or open at
// the end of the period.
enum class VelocityOpportunities { kCreated, kOpen };
// Which closed deals the cycle statistics use: won (default) or won and lost.
enum class CycleOver { kWon, kClosed };

struct PipelineOptions {
  Day as_of = kNullDay;  // REQUIRES: set
  Granularity granularity = Granularity::kMonth;
  std::string segment_by;  // "" = the "all" rows only
  std::string segment;     // "" = every segment; else only this value
  VelocityOpportunities velocity_opportunities = VelocityOpportunities::kCreated;
  CycleOver cycle_over = CycleOver::kWon;
  std::string owner;  // "" = every deal; else only this owner's deals (rep roll-up)
};

struct PipelineReport {
  Report report;  // rows per period × segment; json_extra "ageing"
  Report ageing;  // open-deal ageing by stage, the second block of the table output
};

// Computes the report from `data` as of options.as_of (events after it are ignored).
// Errors: kBadData "pipeline needs opportunities.csv" when the table is absent; kBadData
// naming a currency and month without an exchange rate; kUsage for an unknown
// --segment-by attribute, --segment value or --owner.
Result<PipelineReport> ComputePipeline(const Dataset& data, const Settings& settings,
                                       const PipelineOptions& options);

}  // namespace flywheel
