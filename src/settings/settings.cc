#include "settings/settings.h"

#include <fmt/core.h>
#include <toml++/toml.h>

#include <algorithm>
#include <functional>

#include "base/file_text.h"
#include "base/iso_currency.h"
#include "base/strings.h"

namespace flywheel {

namespace {

// Applies one value to the settings; returns "" or what is wrong ("expected ..., got ...").
using Apply = std::function<std::string(const toml::node& value, Settings* settings)>;

// How a value is shown after "got".
std::string Describe(const toml::node& n) {
  if (auto v = n.as_string()) return fmt::format("\"{}\"", v->get());
  if (auto v = n.as_integer()) return fmt::format("{}", v->get());
  if (auto v = n.as_floating_point()) return fmt::format("{}", v->get());
  if (auto v = n.as_boolean()) return v->get() ? "true" : "false";
  if (n.is_date()) {
    auto d = n.as_date()->get();
    return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
  }
  if (n.is_array()) return "a list";
  if (n.is_table()) return "a table";
  return "a date-time";
}

std::optional<double> AsNumber(const toml::node& n) {
  if (auto v = n.as_integer()) return static_cast<double>(v->get());
  if (auto v = n.as_floating_point()) return v->get();
  return std::nullopt;
}

template <typename Field>
Apply StringAt(Field field) {
  return [field](const toml::node& n, Settings* s) -> std::string {
    auto v = n.as_string();
    if (!v || v->get().empty()) return "expected a non-empty string, got " + Describe(n);
    field(s) = v->get();
    return "";
  };
}

template <typename Field>
Apply IntAt(Field field, int64_t lo, int64_t hi) {
  return [=](const toml::node& n, Settings* s) -> std::string {
    auto v = n.as_integer();
    if (!v || v->get() < lo || v->get() > hi) {
      return fmt::format("expected an integer from {} to {}, got {}", lo, hi, Describe(n));
    }
    field(s) = static_cast<int>(v->get());
    return "";
  };
}

template <typename Field>
Apply NumberAt(Field field, double lo, double hi) {
  return [=](const toml::node& n, Settings* s) -> std::string {
    auto v = AsNumber(n);
    if (!v || *v < lo || *v > hi)
      return fmt::format("expected a number from {} to {}, got {}", lo, hi, Describe(n));
    field(s) = *v;
    return "";
  };
}

template <typename Field>
Apply StringListAt(Field field) {
  return [field](const toml::node& n, Settings* s) -> std::string {
    auto arr = n.as_array();
    std::vector<std::string> out;
    if (arr) {
      for (const auto& e : *arr) {
        auto v = e.as_string();
        if (!v) {
          arr = nullptr;
          break;
        }
        out.push_back(v->get());
      }
    }
    if (!arr) return "expected a list of strings, got " + Describe(n);
    field(s) = std::move(out);
    return "";
  };
}

template <typename Field>
Apply PositiveIntListAt(Field field) {
  return [field](const toml::node& n, Settings* s) -> std::string {
    auto arr = n.as_array();
    std::vector<int> out;
    if (arr) {
      for (const auto& e : *arr) {
        auto v = e.as_integer();
        if (!v || v->get() < 1 || v->get() > 100000) {
          arr = nullptr;
          break;
        }
        out.push_back(static_cast<int>(v->get()));
      }
    }
    if (!arr) return "expected a list of positive integers, got " + Describe(n);
    field(s) = std::move(out);
    return "";
  };
}

std::string ApplyAsOf(const toml::node& n, Settings* s) {
  std::optional<Day> day;
  if (auto d = n.as_date()) {
    auto v = d->get();
    std::string text = fmt::format("{:04}-{:02}-{:02}", v.year, v.month, v.day);
    day = ParseDate(text);
  } else if (auto str = n.as_string()) {
    if (str->get().size() == 10) day = ParseDate(str->get());
  }
  if (!day) return "expected a date (YYYY-MM-DD), got " + Describe(n);
  s->as_of = *day;
  return "";
}

std::string ApplyBaseCurrency(const toml::node& n, Settings* s) {
  auto v = n.as_string();
  bool ok = v && v->get().size() == 3 && std::all_of(v->get().begin(), v->get().end(), [](char c) {
              return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            });
  if (!ok) return "expected a three-letter currency code such as \"USD\", got " + Describe(n);
  s->base_currency.clear();
  for (char c : v->get()) s->base_currency += static_cast<char>(c >= 'a' ? c - 'a' + 'A' : c);
  if (!IsIsoCurrency(s->base_currency))
    return "expected an ISO 4217 currency code such as \"USD\", got " + Describe(n);
  return "";
}

std::string ApplyPinnedRates(const toml::node& n, Settings* s) {
  auto table = n.as_table();
  if (!table) return "expected a table of currency = rate, got " + Describe(n);
  std::map<std::string, double> rates;
  for (const auto& [key, value] : *table) {
    auto rate = AsNumber(value);
    if (!rate || *rate <= 0) {
      return fmt::format("expected a positive rate for {}, got {}", key.str(), Describe(value));
    }
    std::string code = ToUpper(key.str());
    if (!IsIsoCurrency(code)) return fmt::format("{} is not an ISO 4217 currency code", key.str());
    rates[code] = *rate;
  }
  s->pinned_rates = std::move(rates);
  return "";
}

std::string ApplySharedSpendAllocation(const toml::node& n, Settings* s) {
  auto v = n.as_string();
  if (!v || (v->get() != "new_customers" && v->get() != "pipeline" && v->get() != "none")) {
    return "expected \"new_customers\", \"pipeline\" or \"none\", got " + Describe(n);
  }
  s->shared_spend_allocation = v->get();
  return "";
}

std::string ApplyCrmStages(const toml::node& n, Settings* s) {
  auto table = n.as_table();
  if (!table) return "expected a table of stage name = \"open\", \"won\" or \"lost\", got " + Describe(n);
  std::map<std::string, std::string> stages;
  for (const auto& [key, value] : *table) {
    auto v = value.as_string();
    if (!v || (v->get() != "open" && v->get() != "won" && v->get() != "lost")) {
      return fmt::format("expected \"open\", \"won\" or \"lost\" for stage {}, got {}", key.str(),
                         Describe(value));
    }
    stages[std::string(key.str())] = v->get();
  }
  s->crm_stages = std::move(stages);
  return "";
}

struct KnownSetting {
  std::string_view section;  // "" for top-level keys
  std::string_view key;
  Apply apply;
};

// Every key of flywheel.toml. To add one: a field in settings.h, a line here, a line in
// docs/SETTINGS.md.
const std::vector<KnownSetting>& KnownSettings() {
  static const std::vector<KnownSetting> known = {
      {"", "base_currency", ApplyBaseCurrency},
      {"", "as_of", ApplyAsOf},
      {"", "fiscal_year_start_month",
       IntAt([](Settings* s) -> int& { return s->fiscal_year_start_month; }, 1, 12)},
      {"", "segment_by", StringAt([](Settings* s) -> std::string& { return s->segment_attribute; })},
      {"", "gross_margin", NumberAt([](Settings* s) -> double& { return s->default_gross_margin; }, 0, 1)},
      {"", "max_quarantined_share",
       NumberAt([](Settings* s) -> double& { return s->max_quarantined_share; }, 0, 1)},
      {"revenue", "reactivation_window_months",
       IntAt([](Settings* s) -> std::optional<int>& { return s->reactivation_window_months; }, 1, 1200)},
      {"fx", "pinned", ApplyPinnedRates},
      {"value_event", "metric", StringAt([](Settings* s) -> std::string& { return s->value_event.metric; })},
      {"value_event", "threshold",
       NumberAt([](Settings* s) -> double& { return s->value_event.threshold; }, 0, 1e15)},
      {"cohorts", "min_size", IntAt([](Settings* s) -> int& { return s->min_cohort_size; }, 1, 1000000)},
      {"bowtie", "window_days", IntAt([](Settings* s) -> int& { return s->bowtie_window_days; }, 1, 36500)},
      {"ttv", "targets_days",
       PositiveIntListAt([](Settings* s) -> std::vector<int>& { return s->ttv_targets_days; })},
      {"product_lines", "strategic",
       StringListAt([](Settings* s) -> std::vector<std::string>& { return s->strategic_lines; })},
      {"product_lines", "maintenance",
       StringListAt([](Settings* s) -> std::vector<std::string>& { return s->maintenance_lines; })},
      {"product_lines", "sunset",
       StringListAt([](Settings* s) -> std::vector<std::string>& { return s->sunset_lines; })},
      {"exclusions", "countries",
       StringListAt([](Settings* s) -> std::vector<std::string>& { return s->excluded_countries; })},
      {"exclusions", "industries",
       StringListAt([](Settings* s) -> std::vector<std::string>& { return s->excluded_industries; })},
      {"attention", "executive_budget",
       IntAt([](Settings* s) -> int& { return s->executive_budget; }, 0, 1000000)},
      {"pipeline", "target",
       NumberAt([](Settings* s) -> std::optional<double>& { return s->pipeline_target; }, 0, 1e15)},
      {"pipeline", "crm_stages", ApplyCrmStages},
      {"efficiency", "shared_spend_allocation", ApplySharedSpendAllocation},
  };
  return known;
}

const KnownSetting* FindSetting(std::string_view section, std::string_view key) {
  for (const auto& k : KnownSettings()) {
    if (k.section == section && k.key == key) return &k;
  }
  return nullptr;
}

bool IsSection(std::string_view name) {
  for (const auto& k : KnownSettings()) {
    if (!k.section.empty() && k.section == name) return true;
  }
  return false;
}

struct Problem {
  int64_t line;
  std::string text;
};

std::string Dotted(std::string_view section, std::string_view key) {
  return section.empty() ? std::string(key) : fmt::format("{}.{}", section, key);
}

}  // namespace

Result<Settings> ParseSettings(const std::string& toml_text, const std::string& path) {
  toml::table root;
  try {
    root = toml::parse(toml_text, path);
  } catch (const toml::parse_error& e) {
    return Status::BadData(fmt::format("{}:{}: {}", path, e.source().begin.line, e.description()));
  }
  Settings settings;
  settings.source_path = path;
  std::vector<Problem> problems;

  auto apply = [&](std::string_view section, std::string_view key, const toml::node& value) {
    int64_t line = value.source().begin.line;
    const KnownSetting* known = FindSetting(section, key);
    if (!known) {
      std::vector<std::string> candidates;
      for (const auto& k : KnownSettings()) {
        if (k.section == section) candidates.push_back(Dotted(k.section, k.key));
      }
      if (section.empty()) {
        for (const auto& k : KnownSettings()) {
          if (!k.section.empty()) candidates.emplace_back(k.section);
        }
      }
      std::string name = Dotted(section, key);
      problems.push_back(
          {line, fmt::format("unknown setting '{}'{}", name, DidYouMeanSuffix(name, candidates))});
      return;
    }
    std::string wrong = known->apply(value, &settings);
    if (!wrong.empty()) problems.push_back({line, fmt::format("{}: {}", Dotted(section, key), wrong)});
  };

  for (const auto& [key, value] : root) {
    std::string_view name = key.str();
    if (IsSection(name)) {
      auto table = value.as_table();
      if (!table) {
        problems.push_back({value.source().begin.line,
                            fmt::format("{}: expected a table [{}], got {}", name, name, Describe(value))});
        continue;
      }
      for (const auto& [sub_key, sub_value] : *table) apply(name, sub_key.str(), sub_value);
    } else if (value.is_table() && !FindSetting("", name)) {
      std::vector<std::string> sections;
      for (const auto& k : KnownSettings()) {
        if (!k.section.empty()) sections.emplace_back(k.section);
      }
      int64_t line = key.source().begin.line;
      problems.push_back(
          {line, fmt::format("unknown section '[{}]'{}", name, DidYouMeanSuffix(name, sections))});
    } else {
      apply("", name, value);
    }
  }
  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(),
                     [](const Problem& a, const Problem& b) { return a.line < b.line; });
    std::string message;
    for (const auto& p : problems) {
      if (!message.empty()) message += '\n';
      message += fmt::format("{}:{}: {}", path, p.line, p.text);
    }
    return Status::BadData(std::move(message));
  }
  return settings;
}

Result<Settings> LoadSettingsFile(const std::string& path) {
  auto text = ReadFileText(path, fmt::format("settings file {} does not exist", path));
  if (!text.ok()) return text.status();
  return ParseSettings(text.value(), path);
}

}  // namespace flywheel
