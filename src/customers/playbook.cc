#include "customers/playbook.h"

#include <fmt/core.h>

#include <cctype>

#include "base/strings.h"
#include "customers/rule_names.h"

namespace flywheel {

namespace {

// The names a play's rule may test, attr_* columns aside.
const std::vector<std::string>& KnownNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names = AccountRuleNames();
    for (const auto& [measure, dimension] : MeasureDimensions()) {
      if (measure != "icp_fit") names.push_back(measure);
    }
    for (const std::string& n : ActionRuleNames()) names.push_back(n);
    return names;
  }();
  return kNames;
}

bool IsKnownName(const std::string& name) {
  if (name.starts_with("attr_")) return true;
  for (const std::string& n : KnownNames()) {
    if (n == name) return true;
  }
  return false;
}

// The 1-based column of the first name token `name` in `text` (texts in quotes skipped).
int ColumnOfName(const std::string& text, const std::string& name) {
  auto is_name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      const size_t close = text.find('"', i + 1);
      i = close == std::string::npos ? text.size() : close + 1;
    } else if (std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '_') {
      size_t j = i;
      while (j < text.size() && is_name_char(text[j])) ++j;
      if (text.compare(i, j - i, name) == 0 && j - i == name.size()) return static_cast<int>(i) + 1;
      i = j;
    } else {
      ++i;
    }
  }
  return 1;
}

}  // namespace

const std::vector<std::string>& ActionRuleNames() {
  static const std::vector<std::string> kNames = {
      "class", "score", "fit", "health", "health_trend", "arr_decile", "sunset_arr", "executive_escalations"};
  return kNames;
}

Result<RuleExpression> ParseActionRule(const std::string& text,
                                       const std::map<std::string, std::vector<std::string>>& lists) {
  auto parsed = RuleExpression::Parse(text, lists);
  if (!parsed.ok()) return parsed.status();
  for (const std::string& tested : parsed->Names()) {
    if (IsKnownName(tested)) continue;
    // icp_fit is a measure, but a play reads the ICP fit as the fit axis.
    const std::string suggestion =
        tested == "icp_fit" ? ", did you mean 'fit'?" : DidYouMeanSuffix(tested, KnownNames());
    return Status::BadData(
        fmt::format("column {}: unknown name '{}'{}", ColumnOfName(text, tested), tested, suggestion));
  }
  return parsed;
}

Status CheckActionText(const std::string& text, bool* has_placeholders) {
  static const std::vector<std::string> kPlaceholders = {"{notice}", "{sunset_notice}", "{missing}"};
  *has_placeholders = false;
  if (text.empty()) return Status::BadData("expected a text");
  for (size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    const size_t close = text.find('}', open);
    const std::string placeholder =
        text.substr(open, close == std::string::npos ? std::string::npos : close - open + 1);
    bool known = false;
    for (const std::string& p : kPlaceholders) known = known || p == placeholder;
    if (!known) {
      return Status::BadData(
          fmt::format("unknown placeholder '{}' (expected {{notice}}, {{sunset_notice}} or {{missing}}){}",
                      placeholder, DidYouMeanSuffix(placeholder, kPlaceholders)));
    }
    *has_placeholders = true;
  }
  return Status::Ok();
}

std::string MonthsText(int months) { return fmt::format("{} month{}", months, months == 1 ? "" : "s"); }

}  // namespace flywheel
