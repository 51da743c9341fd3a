#include "imports/import_plan.h"

#include <set>

#include "model/schema.h"

namespace flywheel {

std::vector<std::string> CanonicalTable::Columns() const {
  std::vector<std::string> out;
  for (const auto& c : CanonicalColumns(table)) out.emplace_back(c.name);
  for (const auto& row : rows) {
    for (const auto& [k, v] : row.values) {
      if (!k.starts_with("attr_")) continue;
      bool have = false;
      for (const auto& o : out) have = have || o == k;
      if (!have) out.push_back(k);
    }
  }
  return out;
}

std::vector<std::string> ImportPlan::ProblemTexts() const {
  std::vector<std::string> out = problems;
  std::set<std::string> seen(out.begin(), out.end());
  for (const RejectedRow& r : rejected) {
    for (const RowProblem& p : r.problems) {
      std::string text = ProblemText(r.row.file, p);
      if (seen.insert(text).second) out.push_back(std::move(text));
    }
  }
  return out;
}

}  // namespace flywheel
