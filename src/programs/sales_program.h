// SalesProgram: a named offer for a target profile (customers.md "Sales programs"), read
// from a programs TOML file (docs/PROGRAMS.md, examples/programs.toml).
//
//   scorecard = "scorecard.toml"        # optional, relative to this file; default built-in
//
//   [[program]]
//   id = "design-partner"               # letters, digits, '-' and '_'; unique
//   name = "Design partner"
//   description = "..."
//   eligibility = ["employees >= 50", "industry in [\"Banking\"]"]   # all must hold
//   benefits = ["25 % off the first year"]
//   cap = 5                             # optional: most approved applications at once
//   [program.advocacy]                  # optional commitment per approved account
//   case_study = 1
//   reference = 2
//
// Eligibility rules use the rule language of scorecards (customers/rule_expression.h)
// over the opportunity's account, plus deal_amount (base currency) and deal_type.
// Immutable after parsing; safe to share between threads.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "customers/rule_expression.h"

namespace flywheel {

// The advocacy types a program can ask for, in data-model order (advocacy.csv `type`).
const std::vector<std::string>& AdvocacyTypeNames();

struct SalesProgram {
  std::string id, name, description;
  std::vector<RuleExpression> eligibility;  // all must match
  std::vector<std::string> benefits;
  std::vector<std::pair<std::string, int>> advocacy;  // (type, count per approved account), by type name
  int cap = 0;                                        // 0: no cap
};

struct ProgramBook {
  std::vector<SalesProgram> programs;  // in file order
  std::string scorecard_path;          // "" = the built-in scorecard; else resolved against the file
  std::string path;                    // the programs file, for messages

  // The program with `id`, or kNotFound "unknown program 'x' (programs: a, b)" with a
  // "did you mean" when one is close.
  Result<const SalesProgram*> Find(const std::string& id) const;
};

// Parses programs TOML. `path` names the file in messages; `lists` are the named lists
// rules may use. Errors are kBadData "path:line: what is wrong", e.g.
// `programs.toml:7: program "design-partner": eligibility 2: column 12: expected a value`.
Result<ProgramBook> ParsePrograms(const std::string& toml_text, const std::string& path,
                                  const std::map<std::string, std::vector<std::string>>& lists);

// Reads and parses `path`; a missing file is kNotFound "--programs: cannot read PATH".
Result<ProgramBook> LoadProgramsFile(const std::string& path,
                                     const std::map<std::string, std::vector<std::string>>& lists);

}  // namespace flywheel
