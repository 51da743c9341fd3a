// The row rules of data validation, each with its class.
//
// A rule of class *error* means the row cannot be used: an import sets it aside (quarantine,
// docs/DATA.md) or, with --strict or too many such rows, fails. A rule of class *warning*
// keeps the row, repaired as the rule's `outcome` says or unchanged, and flags it. The ids
// are a contract: `flywheel check --format json` names them, docs/DATA.md lists them all.
// Problems with a file as a whole (it cannot be read, a required column is missing) are not
// row rules: they always fail.
#pragma once

#include <string_view>
#include <vector>

namespace flywheel {

enum class RuleClass { kError, kWarning };

struct ValidationRule {
  std::string_view id;  // "closed_before_created"
  RuleClass rule_class;
  std::string_view finds;    // what the rule finds, for docs and `check`
  std::string_view outcome;  // errors: "row quarantined"; warnings: the repair or "kept"
};

// Every rule, errors first, in the order docs/DATA.md lists them.
const std::vector<ValidationRule>& ValidationRules();

// The rule `id`. REQUIRES: `id` is one of ValidationRules().
const ValidationRule& FindValidationRule(std::string_view id);

}  // namespace flywheel
