// IndicatorBook: the flywheel's leading and lagging indicators (metrics.md §5,
// docs/EFFICIENCY.md) for every period of the ledger × segment, computed once from the
// FlywheelInputs and read by name, period index and segment. Borrows the inputs, which must
// outlive it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/distribution.h"
#include "efficiency/flywheel_inputs.h"
#include "output/report.h"
#include "revenue/cohort_report.h"
#include "segments/segmenter.h"

namespace flywheel {

struct Indicator {
  const char* name;
  const char* kind;  // "leading" | "lagging"
  ColumnKind unit;   // of its values (JSON "fields")
  // NaN when unknown. REQUIRES: period_index < IndicatorBook::period_count().
  std::function<double(size_t period_index, const std::string& segment)> value;
};

class IndicatorBook {
 public:
  explicit IndicatorBook(const FlywheelInputs& in);

  // In output order: the leading indicators, then the lagging ones.
  const std::vector<Indicator>& indicators() const { return indicators_; }
  size_t period_count() const { return in_.ledger->periods().size(); }
  Month Period(size_t i) const { return in_.ledger->periods()[i]; }

 private:
  // Cohort retention pooled by (period, segment): Σ numerator at the first anniversary and Σ
  // start MRR of the monthly cohorts whose anniversary falls in the period.
  struct Pooled {
    double numerator = 0, denominator = 0;
  };
  using RetentionBook = std::map<std::pair<Month, std::string>, Pooled>;
  static RetentionBook PooledRetention(const FlywheelInputs& in, CohortMetric metric);

  std::vector<Indicator> MakeIndicators();
  size_t Slot(size_t period_index, uint32_t segment) const {
    return period_index * numbers_.names.size() + segment;
  }
  double Ql(size_t i, const std::string& s) const {
    return static_cast<double>(qualified_[Slot(i, numbers_.of_name.at(s))]);
  }
  const GtmFigures& Ledger(size_t i, const std::string& s) const { return in_.ledger->At(Period(i), s); }
  const NewDealSpeed& Speed(size_t i, const std::string& s) const;
  // MRR at the end of period i: the sum of every net new MRR up to it (movements start
  // from zero MRR).
  double MrrAtEnd(size_t i, const std::string& s) const;
  double Retention(const RetentionBook& book, size_t i, const std::string& s) const;

  const FlywheelInputs& in_;
  const SegmentNumbers numbers_;
  std::map<std::pair<std::string, std::string>, double> ttv_share_;  // (cohort label, segment)
  RetentionBook grr_, nrr_;
  std::map<std::pair<Month, std::string>, int> payback_;
  std::vector<int64_t> qualified_;   // by Slot(period index, segment number)
  std::vector<DayCounts> ttv_days_;  // the same
  std::vector<Indicator> indicators_;
};

}  // namespace flywheel
