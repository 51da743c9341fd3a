#include "revenue/currency.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>

namespace flywheel {

CurrencyRates::Entry& CurrencyRates::EntryOf(Code code) {
  for (Entry& e : entries_) {
    if (e.code == code) return e;
  }
  Entry& e = entries_.emplace_back();
  e.code = code;
  return e;
}

CurrencyRates::CurrencyRates(const Dataset& data, const Settings& settings) : dict_(&data.dict) {
  if (auto c = data.dict.Find(settings.base_currency)) base_code_ = *c;
  for (const auto& [name, rate] : settings.pinned_rates) {
    if (auto c = data.dict.Find(name)) EntryOf(*c).pinned = rate;
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
    Entry& e = EntryOf(code);
    e.first = span.first;
    e.rate.assign(static_cast<size_t>(span.second - span.first + 1), kNullNumber);
  }
  for (size_t i = 0; i < fx.size(); ++i) {
    Entry& e = EntryOf(fx.currency[i]);
    e.rate[static_cast<size_t>(fx.month[i] - e.first)] = fx.rate[i];
  }
}

std::optional<double> CurrencyRates::Rate(Code currency, Month m) const {
  if (currency == kNullCode || currency == base_code_) return 1.0;
  for (const Entry& e : entries_) {
    if (e.code != currency) continue;
    if (e.pinned) return e.pinned;
    if (e.rate.empty() || m < e.first || m - e.first >= static_cast<Month>(e.rate.size()))
      return std::nullopt;
    const double v = e.rate[static_cast<size_t>(m - e.first)];
    if (IsNull(v)) return std::nullopt;
    return v;
  }
  return std::nullopt;
}

bool CurrencyRates::Varies(Code currency) const {
  if (currency == kNullCode || currency == base_code_) return false;
  for (const Entry& e : entries_) {
    if (e.code == currency) return !e.pinned;
  }
  return true;
}

std::string CurrencyRates::MissingRateMessage(Code currency, Month m, const std::string& needed_by) const {
  return fmt::format("fx.csv: no rate for {} in {} (needed by {})", dict_->Get(currency), FormatMonth(m),
                     needed_by);
}

}  // namespace flywheel
