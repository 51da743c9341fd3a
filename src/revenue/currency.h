// CurrencyRates: converting amounts to the base currency, month by month.
//
// The rate of a currency in a month is, in order: 1 for the base currency (or an empty
// currency field); the pinned rate of settings `fx.pinned`; else the fx.csv rate for that
// month. Revenue (MRR), pipeline (ACV, amounts) and spend reports share this one rule.
// Immutable once built; safe to share between threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "model/dataset.h"
#include "settings/settings.h"

namespace flywheel {

class CurrencyRates {
 public:
  // Indexes the fx table and pinned rates of `data` and `settings`. Never fails: a missing
  // rate is reported by Rate() returning nullopt, so callers can name what needed it.
  CurrencyRates(const Dataset& data, const Settings& settings);

  // Base-currency units per unit of `currency` in month m; nullopt when no rate is known.
  std::optional<double> Rate(Code currency, Month m) const;

  // Whether the rate of `currency` can differ between months: false for the base currency
  // (and an empty currency field) and for a pinned currency, true otherwise.
  bool Varies(Code currency) const;

  // "fx.csv: no rate for EUR in 2024-03 (needed by subscription S-17)": the message of a
  // missing rate; `needed_by` is e.g. "subscription S-17".
  std::string MissingRateMessage(Code currency, Month m, const std::string& needed_by) const;

 private:
  const StringDict* dict_;
  Code base_code_ = kNullCode;
  // One entry per currency with a pinned rate or fx rows: a handful, searched in order (a
  // rate is asked for every subscription and deal row, millions on large data sets: a short
  // scan costs less than two hash lookups).
  struct Entry {
    Code code = kNullCode;
    std::optional<double> pinned;
    Month first = kNullMonth;  // the month of rate[0]
    std::vector<double> rate;  // by month from `first`; NaN: no rate for that month
  };
  Entry& EntryOf(Code code);
  std::vector<Entry> entries_;
};

}  // namespace flywheel
