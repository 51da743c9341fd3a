// The playbook: the ordered `[[actions]]` of a scorecard that give every customer a
// recommended action and the reason for it (customers.md "Actions"; docs/CUSTOMERS.md).
//
// Each play is a rule in the rule language (rule_expression.h) with the action text and the
// rule in words (`why`). The first play whose rule matches an account gives its action; the
// reason shown is `why` followed by the values the rule read, e.g.
//   "unhappy (below 60) or falling: class good, health 42.5,
//   health_trend down".
// Rules read every name accounts have in scorecard rules (account_measures.h AccountSubject)
// plus the names of ActionRuleNames(): the class, the score, the fit and health axes, the
// health trend, the ARR decile among the customers, the sunset ARR and the executive
// escalations.
//
// Action texts may hold placeholders, filled per account:
//   {notice}         the notice of the account's ARR tier ([[migration.notice_tiers]]),
//                    "12 months";
//   {sunset_notice}  the same for its ARR on sunset lines (what `flywheel migration` shows);
//   {missing}        the measures with a weight and no data for the account, "nps, champion".
// A play with `executive_sponsor = true` gives the account an executive sponsor: it takes a
// seat of the executive attention budget (action_choice.h says how seats are given).
// Immutable after parsing; safe to share between threads.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "customers/rule_expression.h"

namespace flywheel {

struct ActionRule {
  std::string name;  // unique within the playbook
  RuleExpression rule;
  std::string action;  // the text, placeholders included
  std::string why;     // the rule in words; "" = the rule's own text is shown
  bool executive_sponsor = false;
  bool has_placeholders = false;  // `action` holds a {placeholder}
};

// The names only action rules read, beside an account's (AccountSubject): class, score, fit,
// health, health_trend, arr_decile, sunset_arr, executive_escalations.
const std::vector<std::string>& ActionRuleNames();

// Parses the rule of a play with `lists`: every name it tests must be an account's name, a
// measure's (icp_fit excepted: its value is `fit`), an attr_* column or one of
// ActionRuleNames(). Errors are kBadData "column C: what is wrong"; the scorecard parser adds
// the file, line and rule name:
//   scorecard.toml:14: rule "save": column 12: unknown name 'helth', did you mean 'health'?
Result<RuleExpression> ParseActionRule(const std::string& text,
                                       const std::map<std::string, std::vector<std::string>>& lists);

// Checks that an action text is not empty and holds only the placeholders above; sets
// *has_placeholders. Errors are kBadData, e.g. "unknown placeholder '{notise}' (expected
// {notice}, {sunset_notice} or {missing}), did you mean '{notice}'?".
Status CheckActionText(const std::string& text, bool* has_placeholders);

// "1 month", "12 months".
std::string MonthsText(int months);

}  // namespace flywheel
