// RuleExpression: the small rule language of scorecards (ICP fit, anti-profiles,
// exclusions) and of prospect prioritisation.
//
//   industry in ["public_sector"]
//   employees >= 50 and employees < 5000
//   country in sanctioned                  (a named list from the scorecard's [lists])
//   not (source == "event" or has_champion == 0)
//
// Grammar (keywords are lower-case; names are letters, digits and '_'):
//   expr    := and ("or" and)*
//   and     := unary ("and" unary)*
//   unary   := "not" unary | "(" expr ")" | test
//   test    := NAME op value | NAME "in" (list | NAME)
//   op      := "==" | "!=" | "<" | "<=" | ">" | ">="
//   value   := NUMBER | "text"
//   list    := "[" value ("," value)* "]"
// A test on a name whose value is missing for the subject is false (so `not` of it is
// true). Text comparisons are case-insensitive; `<`-style operators need numbers.
// Immutable after parsing; safe to share between threads.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/status.h"

namespace flywheel {

// A value a rule can look at: a number, a text, or missing. A text is owned or a view; a
// view must outlive the evaluation it is given to (subjects over a data set give views of
// its dictionary: no copy per test, millions of them on large data sets).
using RuleValue = std::variant<std::monostate, double, std::string, std::string_view>;

// Gives the value of a name for the subject being evaluated (an account, a lead).
using RuleSubject = std::function<RuleValue(const std::string& name)>;

class RuleExpression {
 public:
  // Parses `text`. Named lists used with `in NAME` must be in `lists`, else it is an error.
  // On failure the message is "column C: what is wrong" (C counts from 1); callers prefix
  // the file, line and rule name.
  static Result<RuleExpression> Parse(const std::string& text,
                                      const std::map<std::string, std::vector<std::string>>& lists);

  bool Matches(const RuleSubject& subject) const;
  // Every name the rule tests, in the order written (a name tested twice is listed twice).
  std::vector<std::string> Names() const;
  // For subjects whose `name` is a text: the texts it must equal (ignoring case) for the rule
  // to match, where the rule says so at its top: an `and` chain (or a single test) with a
  // test `name == "text"` or `name in [...]` (the first such test; its numbers left out, they
  // never equal a text). None when there is no such test. Lets a caller skip rules that
  // cannot match; the views live as long as the rule.
  std::optional<std::vector<std::string_view>> RequiredTexts(std::string_view name) const;
  const std::string& text() const { return text_; }

  struct Node;  // defined in rule_expression.cc

 private:
  std::string text_;
  std::shared_ptr<const Node> root_;  // shared: parsed rules are copied freely, never changed
};

}  // namespace flywheel
