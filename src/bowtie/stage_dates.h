// StageDates: the day each journey unit entered each bowtie stage (metrics.md §3).
//
// Journey units are the accounts (unit i = account i) followed by the leads without an
// account, which are their own unit for stages 0–1 (created on or before the as-of date). Each stage's date
// is the earliest qualifying event on or before the as-of date (docs/BOWTIE.md):
//   0 awareness   first lead created            1 education  first lead qualified
//   2 selection   first opportunity created     3 commit     first won `new` opportunity closed
//   4 onboarding  start_date of the earliest recurring row active at the first month-end
//                 with MRR > 0
//   5 impact      first day the cumulative value of the value-event metric reaches the
//                 threshold (never, when no value-event metric is configured)
//   6 expansion   first won `expansion` opportunity closed, or the first day of the first
//                 month with an MRR expansion movement, whichever is earlier
//   7 advocacy    first advocacy event
// journey.csv rows replace the derived date of their account and stage.
#pragma once

#include <array>
#include <vector>

#include "base/status.h"
#include "model/dataset.h"
#include "revenue/movements.h"
#include "settings/settings.h"

namespace flywheel {

struct StageDates {
  // Per account (unit i = account i): the entry day of each stage, kNullDay when not (yet)
  // entered.
  std::vector<std::array<Day, kBowtieStageCount>> entered;
  // The leads that are their own unit (unit entered.size() + k is lead row lead_rows[k]): they
  // enter awareness when created and education when qualified, and no other stage, so their
  // days are read from the leads table rather than held (4 bytes a unit instead of 40: on
  // large data sets most units are such leads).
  std::vector<uint32_t> lead_rows;
  const Leads* leads = nullptr;  // the data set's leads; set when lead_rows is not empty
  Day as_of = kNullDay;
  // Value of the unit at stage 2 (amount of the opportunity that made it enter selection),
  // stage 3 (amount of the first won new opportunity) and stage 4 (ARR of the first month
  // with MRR: 12 × the `new` movement), base currency; NaN when unknown. The other stages
  // carry no amount, nor do the leads' own units: these three are sized to the accounts.
  std::vector<double> selection_value, commit_value, onboarding_value;

  size_t size() const { return entered.size() + lead_rows.size(); }
  size_t account_units() const { return entered.size(); }
  // kNoAccount for a lead's own unit.
  AccountIndex Account(size_t unit) const {
    return unit < entered.size() ? static_cast<AccountIndex>(unit) : kNoAccount;
  }
  // The lead's own segment for a lead's unit; kNullCode for an account.
  Code LeadSegment(size_t unit) const {
    return unit < entered.size() ? kNullCode : leads->segment[lead_rows[unit - entered.size()]];
  }
  Day Entered(size_t unit, int stage) const;
  // Every stage's day of `unit`.
  std::array<Day, kBowtieStageCount> Days(size_t unit) const;
  // The value of `unit` at `stage` (selection, commit or onboarding); NaN for the others.
  double Value(size_t unit, int stage) const;
};

// Which units to derive: the accounts and the leads without account (the bowtie), or the
// accounts alone (time to value and the flywheel read only accounts' stages: on large data
// sets most units are leads without account).
enum class StageUnits { kAccountsAndLeads, kAccounts };

// Derives the stage dates of every unit. `movements` are the account MRR movements
// (ComputeMovements); `as_of` cuts off later events. Fails (kBadData) when an opportunity
// amount needs an exchange rate that is missing. With kAccounts the units are the accounts
// alone, with the same dates as with kAccountsAndLeads.
Result<StageDates> ComputeStageDates(const Dataset& data, const Settings& settings,
                                     const std::vector<AccountMovement>& movements, Day as_of,
                                     StageUnits units = StageUnits::kAccountsAndLeads);

// Adds the units of the leads without account created on or before `stages->as_of` (what
// kAccountsAndLeads derives beyond kAccounts) to stage dates derived for the accounts alone.
// REQUIRES: `stages` has no lead units yet.
void AddLeadUnits(const Leads& leads, StageDates* stages);

}  // namespace flywheel
