#include "customers/measure_words.h"

#include <fmt/core.h>

#include <cmath>

#include "base/strings.h"
#include "output/report_writer.h"

namespace flywheel {

namespace {

enum class Shown { kMoney, kNumber, kMonths, kYesNo, kShare };

struct MeasureWords {
  std::string_view name;
  std::string_view label;
  Shown shown;
};

// The measures of scorecard.md (customers/default_scorecard.cc lists them with their weights).
constexpr MeasureWords kMeasures[] = {
    {"arr", "Annual recurring revenue", Shown::kMoney},
    {"revenue_quality", "Revenue quality", Shown::kNumber},
    {"contribution", "Contribution after cost to serve", Shown::kMoney},
    {"contribution_margin", "Contribution margin", Shown::kShare},
    {"effort_hours_per_10k_arr", "Support hours per 10k ARR", Shown::kNumber},
    {"tickets_per_10k_arr", "Tickets per 10k ARR", Shown::kNumber},
    {"escalation_points", "Escalations (weighted by level)", Shown::kNumber},
    {"strategic_share", "Product lines (100 = all strategic)", Shown::kNumber},
    {"focus_segment", "In a focus segment", Shown::kYesNo},
    {"tenure_months", "Time as a customer", Shown::kMonths},
    {"months_to_contract_end", "Time to the contract's end", Shown::kMonths},
    {"advocacy_points", "Advocacy (references, case studies, reviews)", Shown::kNumber},
    {"affinity", "Affinity with the product", Shown::kNumber},
    {"usage_trend", "Usage trend (last 30 days against the 90 before)", Shown::kNumber},
    {"nps", "NPS", Shown::kNumber},
    {"champion", "A champion among the contacts", Shown::kYesNo},
    {"contact_seniority", "Seniority of the contacts", Shown::kNumber},
    {"icp_fit", "Fit with the ideal customer profile", Shown::kNumber},
};

const MeasureWords* Find(std::string_view measure) {
  for (const MeasureWords& m : kMeasures) {
    if (m.name == measure) return &m;
  }
  return nullptr;
}

std::string ValueText(Shown shown, double raw, std::string_view currency_symbol) {
  std::string text;
  switch (shown) {
    case Shown::kMoney: {
      const double whole = std::round(raw);
      std::string amount = FormatMoney(std::fabs(whole));
      if (amount.size() > 3 && amount.ends_with(".00")) amount.resize(amount.size() - 3);
      return fmt::format("{}{}{}", whole < 0 ? "-" : "", currency_symbol, amount);
    }
    case Shown::kMonths:
      AppendFixed(&text, raw, raw == std::round(raw) ? 0 : 1);
      return text + (raw == 1 ? " month" : " months");
    case Shown::kYesNo:
      return raw > 0 ? "yes" : "no";
    case Shown::kShare:
      AppendFixed(&text, raw * 100, 1);
      return text + "%";
    case Shown::kNumber:
      break;
  }
  AppendFixed(&text, raw, std::fabs(raw) >= 100 ? 0 : 2);
  while (text.find('.') != std::string::npos && (text.ends_with('0') || text.ends_with('.'))) {
    const bool dot = text.ends_with('.');
    text.pop_back();
    if (dot) break;
  }
  return text;
}

}  // namespace

std::string MeasureLabel(std::string_view measure) {
  if (const MeasureWords* m = Find(measure)) return std::string(m->label);
  std::string words(measure);
  for (char& c : words) c = c == '_' ? ' ' : c;
  if (!words.empty() && words[0] >= 'a' && words[0] <= 'z')
    words[0] = static_cast<char>(words[0] - 'a' + 'A');
  return words;
}

std::string ReasonInWords(std::string_view measure, double raw, double impact,
                          std::string_view currency_symbol) {
  const MeasureWords* m = Find(measure);
  std::string text = MeasureLabel(measure);
  if (!std::isnan(raw)) text += " (" + ValueText(m ? m->shown : Shown::kNumber, raw, currency_symbol) + ")";
  std::string points;
  AppendFixed(&points, std::fabs(impact), 1);
  text += fmt::format(" {} the score by {} point{}", impact >= 0 ? "raises" : "lowers", points,
                      points == "1.0" ? "" : "s");
  return text;
}

}  // namespace flywheel
