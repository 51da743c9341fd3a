// The sales-program ledger in the workspace database (WS/workspace.db): applications and
// the committee's decisions, append-only.
//
// Tables (created when missing; a workspace re-import leaves them alone):
//   program_applications(id INTEGER PRIMARY KEY, program, opportunity_id, account_id,
//       applicant, applied_at, note, checked_as_of, eligible 0/1, failed_rules (JSON
//       array of rule texts), fit REAL (NULL = no ICP rules), data_snapshot INTEGER (the
//       workspace's data snapshot the pre-check read; NULL when not known))
//   program_decisions(id INTEGER PRIMARY KEY, application_id, decision 'approve'|'reject',
//       reason (not empty), decided_by, decided_at)
// BEFORE UPDATE and BEFORE DELETE triggers on both tables abort with "... is append-only",
// so a stored row cannot be changed by this program or by hand with the sqlite3 shell.
// A decision is superseded by a later one (higher id); both are kept, the latest counts.
//
// Each call opens its own connection and writes in one BEGIN IMMEDIATE transaction, so
// the duplicate and cap checks and the insert are atomic against concurrent writers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "programs/sales_program.h"

namespace flywheel {

struct ProgramDecision {
  int64_t id = 0, application_id = 0;
  std::string decision;  // "approve" | "reject"
  std::string reason, decided_by, decided_at;
};

struct ProgramApplication {
  int64_t id = 0;
  std::string program, opportunity_id, account_id, applicant, applied_at, note;
  std::string checked_as_of;  // the as-of date of the pre-check
  int64_t data_snapshot = 0;  // the data snapshot the pre-check read; 0: not known
  bool eligible = false;
  std::vector<std::string> failed_rules;   // eligibility rules that did not hold
  double fit = 0;                          // NaN: no ICP rules
  std::vector<ProgramDecision> decisions;  // oldest first (filled by LoadProgramLedger)

  // "pending" without decisions, else "approved" / "rejected" by the latest decision.
  std::string State() const;
  // The latest decision; REQUIRES: !decisions.empty().
  const ProgramDecision& Current() const { return decisions.back(); }
};

// Stores `application` (its id is ignored) and returns the new id. Refused (kBadData,
// nothing stored) when the same opportunity already has a pending or approved application
// to the same program: "opportunity O-3 already has a pending application to
// design-partner (application 1)". kIo when the database fails or is missing.
Result<int64_t> StoreApplication(const std::string& workspace_dir, const ProgramApplication& application);

// Stores a decision on an existing application and returns its id. `book` gives the
// program's cap: approving when the program already has `cap` other approved applications
// is refused ("program design-partner is full: 2 of 2 places are approved"). Errors:
// kNotFound "no application 7 in ws/workspace.db"; kUsage for a decision other than
// approve / reject, an empty reason or decided_by.
Result<int64_t> StoreDecision(const std::string& workspace_dir, const ProgramBook& book,
                              const ProgramDecision& decision);

// Every application with its decisions, by id. Empty when the tables do not exist yet.
Result<std::vector<ProgramApplication>> LoadProgramLedger(const std::string& workspace_dir);

}  // namespace flywheel
