#include "pipeline/pipeline_ageing.h"

#include <fmt/core.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "base/distribution.h"

namespace flywheel {
namespace {

Cell NumberCell(double v) { return std::isnan(v) ? Cell{} : Cell{v}; }

// Per stage name: Σ amount and the ages in days of the open deals.
using DealsByStage = std::map<std::string, std::pair<double, std::vector<double>>>;

DealsByStage OpenDealsByStage(const Dataset& data, const PipelineSegments& segments, int group,
                              const DealFilter& filter, OpportunityAmounts& amounts, Day as_of) {
  const Opportunities& opp = data.opportunities;
  DealsByStage by_stage;
  for (size_t i = 0; i < opp.size(); ++i) {
    if (opp.created_at[i] == kNullDay || opp.created_at[i] > as_of) continue;
    if (ClosedByAsOf(opp, i, as_of) || filter.Skips(opp, i)) continue;
    if (group > 0 && segments.OfAccount(opp.account[i]) != group) continue;
    std::string stage = opp.stage[i] == kNullCode ? "(no stage)" : std::string(data.dict.Get(opp.stage[i]));
    auto& [amount, ages] = by_stage[stage];
    const double a = amounts.At(i, as_of);
    if (!std::isnan(a)) amount += a;
    ages.push_back(static_cast<double>(as_of - opp.created_at[i]));
  }
  return by_stage;
}

}  // namespace

Result<PipelineAgeing> ComputePipelineAgeing(const Dataset& data, const PipelineSegments& segments, int group,
                                             const DealFilter& filter, OpportunityAmounts& amounts, Day as_of,
                                             const Report& base) {
  const DealsByStage by_stage = OpenDealsByStage(data, segments, group, filter, amounts, as_of);
  if (!amounts.error().ok()) return amounts.error();
  PipelineAgeing out;
  Report& ag = out.table;
  ag.name = "pipeline-ageing";
  ag.as_of = base.as_of;
  ag.currency = base.currency;
  ag.segment_by = base.segment_by;
  using K = ColumnKind;
  ag.columns = {{"stage", K::kText},
                {"deals", K::kInteger},
                {"amount", K::kMoney},
                {"age_median_days", K::kDays},
                {"age_mean_days", K::kDays}};
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& [stage, v] : by_stage) {
    DistributionSummary s = Summarize(v.second);
    ag.rows.push_back(
        {stage, static_cast<int64_t>(v.second.size()), v.first, NumberCell(s.median), NumberCell(s.mean)});
    rows.push_back({{"stage", stage},
                    {"deals", v.second.size()},
                    {"amount", v.first},
                    {"age_median_days", s.median},
                    {"age_mean_days", s.mean}});
  }
  out.json = rows.dump();
  ag.notes.push_back(
      fmt::format("open-deal ageing: {} − created_at for deals open on that date, by stage{}", base.as_of,
                  group > 0 ? " (segment " + segments.names[static_cast<size_t>(group)] + ")" : ""));
  return out;
}

}  // namespace flywheel
