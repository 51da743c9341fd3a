#include "bowtie/ttv_report.h"

#include <fmt/core.h>

#include <map>

#include "base/distribution.h"
#include "output/report_writer.h"

namespace flywheel {
namespace {

struct CohortCell {
  int64_t accounts = 0;
  int64_t reached = 0;
  std::vector<double> days;
  std::vector<int64_t> within, open;  // per target
};

}  // namespace

Result<Report> BuildTtvReport(const Dataset& data, const Settings& settings, const StageDates& stages,
                              const Segmenter& segmenter, const PeriodCalendar& calendar, Day as_of) {
  if (!data.Has(Table::kSubscriptions) && !data.Has(Table::kJourney)) {
    return Status::NotFound("ttv needs subscriptions.csv or journey.csv (onboarding dates)");
  }
  if (settings.value_event.metric.empty() && !data.Has(Table::kJourney)) {
    return Status::NotFound(
        "ttv needs a value event: set [value_event] metric in flywheel.toml, or give impact dates in "
        "journey.csv");
  }
  const int onboarding = static_cast<int>(BowtieStage::kOnboarding);
  const int impact = static_cast<int>(BowtieStage::kImpact);
  const std::vector<int>& targets = settings.ttv_targets_days;
  std::map<std::pair<Month, std::string>, CohortCell> cells;
  Month first = kNullMonth;
  for (size_t u = 0; u < stages.size(); ++u) {
    Day start = stages.Entered(u, onboarding);
    if (start == kNullDay || stages.Account(u) == kNoAccount) continue;
    Day value = stages.Entered(u, impact);
    double days = value == kNullDay ? kNullNumber : std::max(0, value - start);
    Month p = calendar.PeriodStart(MonthOfDay(start));
    if (first == kNullMonth || p < first) first = p;
    for (const std::string& s : segmenter.ForAccount(stages.Account(u))) {
      CohortCell& c = cells[{p, s}];
      if (c.within.empty()) {
        c.within.assign(targets.size(), 0);
        c.open.assign(targets.size(), 0);
      }
      ++c.accounts;
      if (!IsNull(days)) {
        ++c.reached;
        c.days.push_back(days);
      }
      for (size_t t = 0; t < targets.size(); ++t) {
        if (!IsNull(days) && days <= targets[t]) {
          ++c.within[t];
        } else if (start + targets[t] > as_of) {
          ++c.open[t];
        }
      }
    }
  }

  Report r;
  r.name = "ttv";
  r.as_of = FormatDate(as_of);
  r.period = std::string(GranularityName(calendar.granularity));
  r.segment_by = segmenter.attribute();
  r.currency = settings.base_currency;
  r.columns = {{"cohort", ColumnKind::kText, "cohort"},
               {"segment", ColumnKind::kText, "segment"},
               {"accounts", ColumnKind::kInteger, "accounts"},
               {"reached_value", ColumnKind::kInteger, "reached value"},
               {"ttv_median_days", ColumnKind::kDays, "TTV median"},
               {"ttv_mean_days", ColumnKind::kDays, "TTV mean"}};
  for (int t : targets) {
    r.columns.push_back({fmt::format("within_{}d_rate", t), ColumnKind::kRate, fmt::format("≤{}d", t)});
    r.columns.push_back({fmt::format("open_{}d", t), ColumnKind::kInteger, fmt::format("open {}d", t)});
  }
  if (first != kNullMonth) {
    Month last = calendar.PeriodStart(MonthOfDay(as_of));
    for (Month p = first; p <= last; p += MonthsPerPeriod(calendar.granularity)) {
      for (const std::string& s : segmenter.AllSegments()) {
        auto it = cells.find({p, s});
        if (it == cells.end()) continue;
        const CohortCell& c = it->second;
        std::vector<Cell> row = {calendar.Label(p), s, c.accounts, c.reached};
        double med = Median(c.days), mean = Mean(c.days);
        row.push_back(IsNull(med) ? Cell{} : Cell{med});
        row.push_back(IsNull(mean) ? Cell{} : Cell{mean});
        for (size_t t = 0; t < targets.size(); ++t) {
          int64_t decided = c.accounts - c.open[t];
          row.push_back(decided == 0 ? Cell{} : Cell{static_cast<double>(c.within[t]) / decided});
          row.push_back(c.open[t]);
        }
        r.rows.push_back(std::move(row));
      }
    }
  }
  r.notes.push_back(
      fmt::format("TTV = days from onboarding (first MRR) to impact (cumulative '{}' ≥ {}); ≤Nd = reached "
                  "within N days / "
                  "(accounts − open); open = not reached and fewer than N days since onboarding at {}",
                  settings.value_event.metric, FormatNumber(settings.value_event.threshold, 2), r.as_of));
  return r;
}

}  // namespace flywheel
