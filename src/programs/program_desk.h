// ProgramDesk: the sales programs over one data set: the pre-check of an application
// (eligibility rules and fit score of the opportunity's account) and the reports
// (definitions, pending applications, decisions, results). docs/PROGRAMS.md defines them.
//
// The desk borrows the data set and settings (they must outlive it) and is immutable once
// created; the server shares one between its handler threads.
#pragma once

#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"
#include "customers/account_measures.h"
#include "customers/scorecard.h"
#include "model/dataset.h"
#include "output/report.h"
#include "programs/program_store.h"
#include "programs/sales_program.h"
#include "settings/settings.h"

namespace flywheel {

struct ApplicationRequest {
  std::string program, opportunity_id, applicant, note;
};

class ProgramDesk {
 public:
  // Loads the scorecard the book names (else the built-in one) and the measures of every
  // account as of `as_of`. Fails on a bad scorecard or data the scorecard cannot use
  // (no subscriptions, a missing exchange rate). `data_snapshot`: the workspace's data
  // snapshot `data` is (0: not known), recorded with every application's pre-check.
  static Result<ProgramDesk> Create(const Dataset& data, const Settings& settings, Day as_of,
                                    ProgramBook book, int64_t data_snapshot = 0);

  const ProgramBook& book() const { return book_; }
  Day as_of() const { return as_of_; }

  // The application `request` would store at time `now` (YYYY-MM-DDTHH:MM:SSZ), with its
  // pre-check. kNotFound for an unknown program ("unknown program 'x' ...") or
  // opportunity ("no opportunity 'O-9' in the data"); kBadData for one that is not open
  // ("opportunity O-1 is won, not open: programs take open opportunities only").
  Result<ProgramApplication> Prepare(const ApplicationRequest& request, const std::string& now) const;

  // Rows: the applications without a decision, by id, with their stored pre-check.
  Report PendingReport(const std::vector<ProgramApplication>& ledger) const;
  // Rows: every decision, by program, application and id; state current | superseded.
  Report DecisionsReport(const std::vector<ProgramApplication>& ledger) const;
  // Rows: per program: applications, pending, approved, rejected, cap, won deals, won ARR,
  // advocacy committed and delivered. Fails on a missing exchange rate.
  Result<Report> ResultsReport(const std::vector<ProgramApplication>& ledger) const;

  // "pending", "decisions" or "results"; kUsage "view: unknown view 'x' (expected pending,
  // decisions or results)" otherwise.
  Result<Report> View(const std::string& view, const std::vector<ProgramApplication>& ledger) const;

 private:
  ProgramDesk(const Dataset& data, const Settings& settings, Day as_of, ProgramBook book)
      : data_(&data), settings_(&settings), as_of_(as_of), book_(std::move(book)) {}

  const Dataset* data_;
  const Settings* settings_;
  Day as_of_;
  int64_t data_snapshot_ = 0;
  ProgramBook book_;
  Scorecard card_;
  std::vector<AccountMeasures> measures_;
  std::vector<int32_t> measures_of_;  // account row -> index into measures_, -1 when none
};

// Rows: program, name, description, eligibility, benefits, advocacy, cap (no as-of date:
// definitions do not depend on the data).
Report ProgramDefinitionsReport(const ProgramBook& book);

// The named lists rules may use, from the settings (as the scorecard has them).
std::map<std::string, std::vector<std::string>> ProgramRuleLists(const Settings& settings);

// The JSON object of a stored application / decision (the body the API answers with and
// `flywheel programs apply|decide --format json` prints), one line with "\n".
std::string ApplicationJson(const ProgramApplication& application);
std::string DecisionJson(const ProgramDecision& decision, const std::string& state);

// "now" for applications and decisions: $FLYWHEEL_NOW when set (YYYY-MM-DDTHH:MM:SSZ,
// checked), else the system clock in UTC. kUsage when FLYWHEEL_NOW is malformed.
Result<std::string> ProgramClockNow();

}  // namespace flywheel
