// The pipeline waterfall (metrics.md §3): how the open pipeline moved between two dates,
// replayed from opportunity_history.csv. See docs/PIPELINE.md for the exact rules.
//
// Open pipeline of the window [from, to] on day D = Σ amount of deals that, as of D, exist
// (created_at ≤ D), are open, and are expected to close by `to` (or have no expected close).
// Start = as of from − 1, end = as of to. Every deal that changed gets exactly one reason,
// the first that applies in this ranking: won > lost > pushed out > pulled in > created >
// reopened > amount change; its bar receives (end amount − start amount) of that deal, so
// start + Σ bars = end exactly.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "model/dataset.h"
#include "output/report.h"
#include "settings/settings.h"

namespace flywheel {

enum class WaterfallBar : int {
  kStart,
  kCreated,
  kPulledIn,
  kPushedOut,
  kAmountChange,
  kReopened,
  kWon,
  kLost,
  kEnd
};
inline constexpr int kWaterfallBarCount = 9;
std::string_view WaterfallBarName(WaterfallBar b);  // "open_pipeline_start", "created", ...

struct DealState {
  bool exists = false;
  OpportunityStatus status = OpportunityStatus::kOpen;
  Code stage = kNullCode;
  double amount = 0;  // base currency; NaN counts as 0
  Day expected_close = kNullDay;
};

// The state of opportunity `row` as of the end of day `d`: for each field, the latest
// history row with changed_at ≤ d that sets it; else the opportunity row's value (status:
// won/lost only when closed_at ≤ d, else open; a stage mapped by settings.crm_stages gives
// the status of history rows without one). `rate` converts the amount to the base currency.
DealState DealStateAt(const Dataset& data, const Settings& settings, int32_t row, Day d, double rate);

// The same from the history rows of that one deal (indices into opportunity_history, in file
// order), so that a pass over every deal reads each history row once, not once per deal.
DealState DealStateAt(const Dataset& data, const Settings& settings, int32_t row, Day d, double rate,
                      std::span<const uint32_t> history_rows);

// The states at the end of two days, d0 < d1, from one pass over the deal's history rows:
// the same as DealStateAt at d0 and at d1 (the waterfall compares every deal's start and end).
void DealStatesAt(const Dataset& data, const Settings& settings, int32_t row, Day d0, Day d1, double rate,
                  std::span<const uint32_t> history_rows, DealState* s0, DealState* s1);

// The history rows of every deal: rows of deal r are rows[offsets[r] .. offsets[r + 1]), in
// file order.
struct DealHistoryIndex {
  std::vector<uint32_t> offsets;
  std::vector<uint32_t> rows;
  std::span<const uint32_t> Of(int32_t deal) const {
    return {rows.data() + offsets[deal], rows.data() + offsets[deal + 1]};
  }
};
DealHistoryIndex IndexDealHistory(const Dataset& data);

// Rows {bar, amount, deals}; extra tables (JSON) "from", "to" and "deals": per bar, the deals
// with their amounts, whose ids are read from `data` as the JSON is written: `data` must
// outlive the report.
// Errors: kBadData "waterfall needs opportunity_history.csv, or a workspace ..." (also when opportunities.csv
// is absent: "waterfall needs opportunities.csv"); kUsage when to < from; kBadData for a
// missing exchange rate (the rate of the month of `to` converts every amount).
Result<Report> ComputeWaterfall(const Dataset& data, const Settings& settings, Day from, Day to, Day as_of);

}  // namespace flywheel
