#include "revenue/currency.h"

#include <algorithm>

#include <fmt/format.h>

namespace flywheel {

CurrencyRates::CurrencyRates(const Dataset& data, const Settings& settings) : dict_(&data.dict) {
  if (auto c = data.dict.Find(settings.base_currency)) base_code_ = *c;
  for (const auto& [name, rate] : settings.pinned_rates) {
    if (auto c = data.dict.Find(name)) pinned_[*c] = rate;
  }
  const Fx& fx = data.fx;
  std::unordered_map<Code, std::pair<Month, Month>> spans;
  for (size_t i = 0; i < fx.size(); ++i) {
    auto [it, added] = spans.try_emplace(fx.currency[i], fx.month[i], fx.month[i]);
    if (!added) {
      it->second.first = std::min(it->second.first, fx.month[i]);
      it->second.second = std::max(it->second.second, fx.month[i]);
    }
  }
  for (const auto& [code, span] : spans) {
    MonthlyRates& r = table_[code];
    r.first = span.first;
    r.rate.assign(static_cast<size_t>(span.second - span.first + 1), kNullNumber);
  }
  for (size_t i = 0; i < fx.size(); ++i) {
    MonthlyRates& r = table_[fx.currency[i]];
    r.rate[static_cast<size_t>(fx.month[i] - r.first)] = fx.rate[i];
  }
}

std::optional<double> CurrencyRates::Rate(Code currency, Month m) const {
  if (currency == kNullCode || currency == base_code_) return 1.0;
  if (auto it = pinned_.find(currency); it != pinned_.end()) return it->second;
  auto it = table_.find(currency);
  if (it == table_.end()) return std::nullopt;
  const MonthlyRates& r = it->second;
  if (m < r.first || m - r.first >= static_cast<Month>(r.rate.size())) return std::nullopt;
  double v = r.rate[static_cast<size_t>(m - r.first)];
  if (IsNull(v)) return std::nullopt;
  return v;
}

std::string CurrencyRates::MissingRateMessage(Code currency, Month m,
                                              const std::string& needed_by) const {
  return fmt::format("fx.csv: no rate for {} in {} (needed by {})", dict_->Get(currency),
                     FormatMonth(m), needed_by);
}

}  // namespace flywheel
