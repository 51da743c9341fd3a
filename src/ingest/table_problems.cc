#include "ingest/table_problems.h"

#include <fmt/core.h>

namespace flywheel {

std::string ProblemText(std::string_view file, const RowProblem& p) {
  if (p.column.empty()) return fmt::format("{}:{}: {}", file, p.line, p.message);
  return fmt::format("{}:{}: {}: {}", file, p.line, p.column, p.message);
}

void Tally(std::vector<RuleTally>* tallies, const RowProblem& p) {
  RuleTally* tally = nullptr;
  for (RuleTally& t : *tallies) {
    if (t.rule == p.rule) tally = &t;
  }
  if (tally == nullptr) {
    tallies->push_back(RuleTally{p.rule, 0, {}});
    tally = &tallies->back();
  }
  ++tally->count;
  if (tally->examples.size() < kRuleExamples) tally->examples.push_back(p);
}

TableProblems::TableProblems(std::string file, size_t max_errors_kept)
    : file_(std::move(file)), max_errors_kept_(max_errors_kept) {}

void TableProblems::FileProblem(std::string text) {
  if (++error_line_count_ <= static_cast<int64_t>(kLinesShown)) error_lines_.push_back(text);
  file_problems_.push_back(std::move(text));
}

void TableProblems::RowError(RowProblem p) {
  if (++error_line_count_ <= static_cast<int64_t>(kLinesShown)) error_lines_.push_back(ProblemText(file_, p));
  ++error_count_;
  if (errors_.size() < max_errors_kept_) errors_.push_back(std::move(p));
}

void TableProblems::RowWarning(RowProblem p, bool repair) {
  ++warning_count_;
  if (repair && p.line != last_repaired_line_) {
    ++repaired_rows_;
    last_repaired_line_ = p.line;
  }
  Tally(&warning_tallies_, p);
  if (warnings_.size() < kWarningsKept) warnings_.push_back(std::move(p));
}

}  // namespace flywheel
