// GtmLedger: the go-to-market figures of every period × segment that the efficiency and
// flywheel reports are made of — MRR movements, new customers, spend by category (with
// shared spend allocated to segments), net burn, gross margin and pipeline generated.
//
// Spend: a spend.csv row whose `segment` names a value of the segment attribute is charged
// to that segment when the report is cut by the `segment` attribute; every other row is
// shared and allocated by settings.shared_spend_allocation within its reporting period
// (docs/EFFICIENCY.md). The "all" rows always carry the whole spend. Net burn is a
// company figure: segments have none. Immutable once built.
#pragma once

#include <array>
#include <map>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "model/dataset.h"
#include "revenue/movements.h"
#include "segments/segmenter.h"
#include "settings/settings.h"

namespace flywheel {

enum class SharedSpendAllocation { kNewCustomers, kPipeline, kNone };
// "new_customers", "pipeline", "none"; anything else is kBadData naming the setting.
Result<SharedSpendAllocation> ParseSharedSpendAllocation(const std::string& text);

struct GtmFigures {
  std::array<double, kMovementTypeCount> mrr{};  // Σ movement amounts by MovementType
  int64_t new_customers = 0;                     // accounts with a `new` movement
  double marketing = 0, sales = 0, customer_success = 0;
  double new_mrr_margin = 0;          // Σ over months of new MRR × that month's margin
  double gross_margin = kNullNumber;  // new-MRR-weighted (the months' mean without new MRR)
  double net_burn = kNullNumber;      // "all" only; NaN without finance rows
  double pipeline = 0;                // Σ amount of opportunities created

  double Movement(MovementType t) const { return mrr[static_cast<int>(t)]; }
  double NetNewMrr() const;
  double SalesMarketing() const { return sales + marketing; }
};

class GtmLedger {
 public:
  // REQUIRES: `movements` are ComputeMovements' output for the same data and as-of date.
  // Fails (kBadData) on a bad shared_spend_allocation or a missing exchange rate.
  static Result<GtmLedger> Build(const Dataset& data, const Settings& settings,
                                 const std::vector<AccountMovement>& movements, const Segmenter& segmenter,
                                 const PeriodCalendar& calendar, Day as_of);

  // Period starts from the first period with a movement or spend to the as-of period.
  const std::vector<Month>& periods() const { return periods_; }
  // Zero figures for a period × segment without any.
  const GtmFigures& At(Month period, const std::string& segment) const;
  // finance.csv gross_margin of month m, else settings.default_gross_margin.
  double MonthGrossMargin(Month m) const;
  // Shared spend that could not be allocated (no new customers / pipeline in the period,
  // or allocation "none"), summed over all periods; shown in a note.
  double unallocated_shared_spend() const { return unallocated_; }

 private:
  std::vector<Month> periods_;
  std::map<std::pair<Month, std::string>, GtmFigures> figures_;
  std::map<Month, double> month_margin_;
  double default_margin_ = 0.8;
  double unallocated_ = 0;
};

}  // namespace flywheel
