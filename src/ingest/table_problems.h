// What validation found in one table: problems of the file as a whole (always fatal), row
// errors (the row cannot be used), row warnings (the row is used, repaired or flagged) and
// notices (ignored columns). The loader fills one per table; the quarantine pass and
// `flywheel check` read them.
//
// Not thread-safe: each table's load owns its TableProblems.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace flywheel {

struct RowProblem {
  int64_t line = 0;     // the row's first line (the header is line 1)
  std::string column;   // the column the problem is in
  std::string rule;     // the ValidationRule id (validation_rules.h)
  std::string message;  // "2024-13-01 is not a date (expected YYYY-MM-DD)"
  std::string key;      // the row's primary key, "" when the table has none or it is empty
};

// "FILE:LINE: COLUMN: MESSAGE", or "FILE:LINE: MESSAGE" without a column.
std::string ProblemText(std::string_view file, const RowProblem& p);

// How often one rule fired in a table, with the first few problems as examples.
struct RuleTally {
  std::string rule;
  int64_t count = 0;
  std::vector<RowProblem> examples;  // at most kRuleExamples
};
inline constexpr size_t kRuleExamples = 3;

class TableProblems {
 public:
  // `max_errors_kept`: row errors kept in full (for the quarantine); beyond it they are only
  // counted (a table with that many errors cannot be imported anyway).
  TableProblems(std::string file, size_t max_errors_kept);

  const std::string& file() const { return file_; }

  // A problem with the file as a whole, as its full text ("accounts.csv:1: ...").
  void FileProblem(std::string text);
  void RowError(RowProblem p);
  // A warning on a row; `repair` when the rule changed a value of the row.
  void RowWarning(RowProblem p, bool repair);
  // A remark on the file ("accounts.csv: column 'foo' is not part of ... and is ignored").
  void Notice(std::string text) { notices_.push_back(std::move(text)); }

  const std::vector<std::string>& file_problems() const { return file_problems_; }
  const std::vector<RowProblem>& errors() const { return errors_; }
  int64_t error_count() const { return error_count_; }
  // Whether errors() holds every row error (not cut at max_errors_kept).
  bool errors_complete() const { return static_cast<int64_t>(errors_.size()) == error_count_; }
  // The first warnings (at most kWarningsKept) and how many there were.
  const std::vector<RowProblem>& warnings() const { return warnings_; }
  int64_t warning_count() const { return warning_count_; }
  const std::vector<RuleTally>& warning_tallies() const { return warning_tallies_; }
  int64_t repaired_rows() const { return repaired_rows_; }
  const std::vector<std::string>& notices() const { return notices_; }
  // File problems and row errors as the lines to show, in the order found: the first
  // kLinesShown, and how many there were.
  const std::vector<std::string>& error_lines() const { return error_lines_; }
  int64_t error_line_count() const { return error_line_count_; }

  static constexpr size_t kWarningsKept = 100;
  static constexpr size_t kLinesShown = 100;

 private:
  std::string file_;
  size_t max_errors_kept_;
  std::vector<std::string> file_problems_;
  std::vector<RowProblem> errors_;
  int64_t error_count_ = 0;
  std::vector<RowProblem> warnings_;
  int64_t warning_count_ = 0;
  std::vector<RuleTally> warning_tallies_;
  int64_t repaired_rows_ = 0;
  int64_t last_repaired_line_ = 0;
  std::vector<std::string> notices_;
  std::vector<std::string> error_lines_;
  int64_t error_line_count_ = 0;
};

// Adds `p` to the tally of its rule in `tallies` (in order of first appearance).
void Tally(std::vector<RuleTally>* tallies, const RowProblem& p);

}  // namespace flywheel
