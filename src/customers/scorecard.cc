#include "customers/scorecard.h"

#include <fmt/core.h>
#include <toml++/toml.h>

#include <cmath>

#include "base/file_text.h"
#include "base/strings.h"

namespace flywheel {

namespace {

using Lists = std::map<std::string, std::vector<std::string>>;

std::optional<double> AsNumber(const toml::node& n) {
  if (auto v = n.as_integer()) return static_cast<double>(v->get());
  if (auto v = n.as_floating_point()) return v->get();
  return std::nullopt;
}

int64_t LineOf(const toml::node& n) { return n.source().begin.line; }

class ScorecardParser {
 public:
  ScorecardParser(const std::string& path, const Lists& settings_lists) : path_(path) {
    card_.lists = settings_lists;
  }

  Result<Scorecard> Run(const std::string& text) {
    toml::table root;
    try {
      root = toml::parse(text, path_);
    } catch (const toml::parse_error& e) {
      return Status::BadData(fmt::format("{}:{}: {}", path_, e.source().begin.line, e.description()));
    }
    static const std::vector<std::string> kSections = {
        "classes",      "lists",      "costs",    "revenue_quality", "advocacy", "health",
        "product_fit",  "affinity",   "fit",      "actions",         "measures", "icp_rules",
        "anti_profile", "exclusions", "migration"};
    for (const auto& [key, value] : root) {
      std::string name(key.str());
      bool known = false;
      for (const auto& s : kSections) known = known || s == name;
      if (!known) {
        return Fail(key.source().begin.line,
                    fmt::format("unknown section '{}'{}", name, DidYouMeanSuffix(name, kSections)));
      }
    }
    // Lists first: rules refer to them.
    if (auto lists = root["lists"].as_table()) {
      for (const auto& [key, value] : *lists) {
        auto arr = value.as_array();
        std::vector<std::string> items;
        bool ok = arr != nullptr;
        if (arr) {
          for (const auto& e : *arr) {
            if (auto s = e.as_string())
              items.push_back(s->get());
            else
              ok = false;
          }
        }
        if (!ok) return Fail(LineOf(value), fmt::format("lists.{}: expected a list of strings", key.str()));
        card_.lists[std::string(key.str())] = std::move(items);
      }
    }
    FLYWHEEL_RETURN_IF_ERROR(Numbers(
        root, "classes", {{"ideal", &card_.ideal}, {"good", &card_.good}, {"neutral", &card_.neutral}}));
    if (!(card_.neutral <= card_.good && card_.good <= card_.ideal)) {
      return Fail(LineOf(*root["classes"].node()), "classes: expected neutral <= good <= ideal");
    }
    FLYWHEEL_RETURN_IF_ERROR(Numbers(root, "costs",
                                     {{"hourly", &card_.hourly_cost},
                                      {"escalation_sales", &card_.escalation_cost[1]},
                                      {"escalation_management", &card_.escalation_cost[2]},
                                      {"escalation_executive", &card_.escalation_cost[3]}}));
    FLYWHEEL_RETURN_IF_ERROR(Numbers(root, "revenue_quality",
                                     {{"recurring", &card_.revenue_type_score[0]},
                                      {"usage", &card_.revenue_type_score[1]},
                                      {"one_off", &card_.revenue_type_score[2]},
                                      {"services", &card_.revenue_type_score[3]}}));
    FLYWHEEL_RETURN_IF_ERROR(Numbers(root, "advocacy",
                                     {{"reference", &card_.advocacy_points[0]},
                                      {"case_study", &card_.advocacy_points[1]},
                                      {"testimonial", &card_.advocacy_points[2]},
                                      {"talk", &card_.advocacy_points[3]},
                                      {"review", &card_.advocacy_points[4]},
                                      {"referral", &card_.advocacy_points[5]},
                                      {"half_life_days", &card_.advocacy_half_life_days}}));
    FLYWHEEL_RETURN_IF_ERROR(Numbers(root, "health",
                                     {{"half_life_days", &card_.health_half_life_days},
                                      {"trend_points", &card_.health_trend_points},
                                      {"usage_trend_band", &card_.usage_trend_band},
                                      {"nps_trend_points", &card_.nps_trend_points}}));
    FLYWHEEL_RETURN_IF_ERROR(Numbers(root, "fit",
                                     {{"high_fit", &card_.high_fit},
                                      {"high_health", &card_.high_health},
                                      {"prio1", &card_.prio1_fit},
                                      {"prio2", &card_.prio2_fit}}));
    if (card_.advocacy_half_life_days <= 0 || card_.health_half_life_days <= 0) {
      return Fail(1, "half_life_days: expected a positive number of days");
    }
    FLYWHEEL_RETURN_IF_ERROR(HealthTrendSettings(root));
    if (auto t = root["product_fit"].as_table()) {
      for (const auto& [key, value] : *t) {
        if (key.str() != "focus_segments")
          return Fail(key.source().begin.line, fmt::format("unknown key 'product_fit.{}'", key.str()));
        auto arr = value.as_array();
        if (!arr) return Fail(LineOf(value), "product_fit.focus_segments: expected a list of strings");
        for (const auto& e : *arr) {
          if (auto s = e.as_string())
            card_.focus_segments.push_back(s->get());
          else
            return Fail(LineOf(value), "product_fit.focus_segments: expected a list of strings");
        }
      }
    }
    if (auto t = root["affinity"].as_table()) {
      for (const auto& [key, value] : *t) {
        auto s = value.as_string();
        if (key.str() != "attribute" || !s)
          return Fail(LineOf(value), "affinity: expected attribute = \"attr_...\"");
        card_.affinity_attribute = s->get();
      }
    }
    FLYWHEEL_RETURN_IF_ERROR(Migration(root));
    FLYWHEEL_RETURN_IF_ERROR(Measures(root));
    FLYWHEEL_RETURN_IF_ERROR(Rules(root, "icp_rules", true, &card_.icp_rules));
    FLYWHEEL_RETURN_IF_ERROR(Rules(root, "anti_profile", false, &card_.anti_profile));
    FLYWHEEL_RETURN_IF_ERROR(Rules(root, "exclusions", false, &card_.exclusions));
    FLYWHEEL_RETURN_IF_ERROR(Actions(root));
    AddSettingsExclusions();
    return card_;
  }

 private:
  Status Fail(int64_t line, const std::string& what) {
    return Status::BadData(fmt::format("{}:{}: {}", path_, line, what));
  }

  Status Numbers(toml::table& root, const char* section,
                 std::vector<std::pair<const char*, double*>> fields) {
    auto node = root[section];
    if (!node) return Status::Ok();
    auto t = node.as_table();
    if (!t) return Fail(LineOf(*node.node()), fmt::format("{}: expected a table [{}]", section, section));
    for (const auto& [key, value] : *t) {
      std::string k(key.str());
      double* target = nullptr;
      std::vector<std::string> names;
      for (auto& [name, field] : fields) {
        names.emplace_back(name);
        if (k == name) target = field;
      }
      std::string dotted = fmt::format("{}.{}", section, k);
      if (!target) {
        for (auto& n : names) n = fmt::format("{}.{}", section, n);
        return Fail(key.source().begin.line,
                    fmt::format("unknown key '{}'{}", dotted, DidYouMeanSuffix(dotted, names)));
      }
      auto v = AsNumber(value);
      if (!v) return Fail(LineOf(value), fmt::format("{}: expected a number", dotted));
      *target = *v;
    }
    return Status::Ok();
  }

  Status Measures(toml::table& root) {
    for (const auto& [name, dimension] : MeasureDimensions()) {
      MeasureSpec m;
      m.name = name;
      m.dimension = dimension;
      card_.measures.push_back(m);
    }
    auto node = root["measures"];
    if (!node) return Status::Ok();
    auto t = node.as_table();
    if (!t) return Fail(LineOf(*node.node()), "measures: expected tables [measures.NAME]");
    std::vector<std::string> names;
    for (const auto& [n, d] : MeasureDimensions()) names.push_back(n);
    for (const auto& [key, value] : *t) {
      std::string name(key.str());
      MeasureSpec* m = nullptr;
      for (auto& spec : card_.measures) {
        if (spec.name == name) m = &spec;
      }
      if (!m)
        return Fail(key.source().begin.line,
                    fmt::format("unknown measure '{}'{}", name, DidYouMeanSuffix(name, names)));
      auto mt = value.as_table();
      if (!mt) return Fail(LineOf(value), fmt::format("measures.{}: expected a table", name));
      std::string method = "linear";
      int64_t method_line = LineOf(value);
      for (const auto& [k, v] : *mt) {
        std::string field(k.str());
        std::string dotted = fmt::format("measures.{}.{}", name, field);
        if (field == "weight" || field == "low" || field == "high") {
          auto x = AsNumber(v);
          if (!x || (field == "weight" && *x < 0)) {
            return Fail(LineOf(v), fmt::format("{}: expected a {}number", dotted,
                                               field == "weight" ? "non-negative " : ""));
          }
          (field == "weight" ? m->weight : field == "low" ? m->low : m->high) = *x;
        } else if (field == "method") {
          auto s = v.as_string();
          method = s ? s->get() : "";
          method_line = LineOf(v);
        } else if (field == "lower_is_better") {
          auto b = v.as_boolean();
          if (!b) return Fail(LineOf(v), fmt::format("{}: expected true or false", dotted));
          m->lower_is_better = b->get();
        } else if (field == "bands") {
          auto arr = v.as_array();
          bool ok = arr && !arr->empty();
          double previous = -std::numeric_limits<double>::infinity();
          if (ok) {
            for (const auto& band : *arr) {
              auto pair = band.as_array();
              std::optional<double> from, score;
              if (pair && pair->size() == 2) {
                from = AsNumber(*pair->get(0));
                score = AsNumber(*pair->get(1));
              }
              if (!from || !score || *from <= previous || *score < 0 || *score > 100) {
                ok = false;
                break;
              }
              previous = *from;
              m->bands.emplace_back(*from, *score);
            }
          }
          if (!ok) {
            return Fail(
                LineOf(v),
                fmt::format("{}: expected [[from, score], ...] with from ascending and score 0-100", dotted));
          }
        } else {
          return Fail(
              k.source().begin.line,
              fmt::format("unknown key '{}' (expected weight, method, bands, low, high or lower_is_better)",
                          dotted));
        }
      }
      if (method == "bands")
        m->method = Normalisation::kBands;
      else if (method == "linear")
        m->method = Normalisation::kLinear;
      else if (method == "percentile")
        m->method = Normalisation::kPercentile;
      else
        return Fail(
            method_line,
            fmt::format("measures.{}.method: expected \"bands\", \"linear\" or \"percentile\"", name));
      if (m->method == Normalisation::kBands && m->bands.empty()) {
        return Fail(LineOf(value), fmt::format("measures.{}: method \"bands\" needs bands", name));
      }
      if (m->method == Normalisation::kLinear && m->low == m->high) {
        return Fail(LineOf(value), fmt::format("measures.{}: low and high must differ", name));
      }
    }
    return Status::Ok();
  }

  // [[migration.notice_tiers]]: from_arr (the first 0, then strictly ascending) and
  // notice_months (a whole number, 1 to 1200). When present the list replaces the defaults.
  Status Migration(toml::table& root) {
    auto node = root["migration"];
    if (!node) return Status::Ok();
    static const char* kShape =
        "migration.notice_tiers: expected [[migration.notice_tiers]] tables with from_arr and notice_months";
    auto t = node.as_table();
    if (!t) return Fail(LineOf(*node.node()), kShape);
    for (const auto& [key, value] : *t) {
      std::string dotted = fmt::format("migration.{}", key.str());
      if (key.str() != "notice_tiers") {
        return Fail(
            key.source().begin.line,
            fmt::format("unknown key '{}'{}", dotted, DidYouMeanSuffix(dotted, {"migration.notice_tiers"})));
      }
    }
    auto tiers_node = (*t)["notice_tiers"];
    if (!tiers_node) return Status::Ok();
    auto arr = tiers_node.as_array();
    if (!arr || arr->empty()) return Fail(LineOf(*tiers_node.node()), kShape);
    std::vector<NoticeTier> tiers;
    for (size_t i = 0; i < arr->size(); ++i) {
      const toml::node& entry = *arr->get(i);
      auto tier_table = entry.as_table();
      if (!tier_table) return Fail(LineOf(entry), kShape);
      const std::string name = fmt::format("migration.notice_tiers[{}]", i + 1);
      for (const auto& [k, v] : *tier_table) {
        std::string key(k.str());
        if (key != "from_arr" && key != "notice_months") {
          return Fail(k.source().begin.line,
                      fmt::format("{}: unknown key '{}' (expected from_arr and notice_months)", name, key));
        }
      }
      const toml::node* from_node = (*tier_table)["from_arr"].node();
      const toml::node* months_node = (*tier_table)["notice_months"].node();
      if (!from_node || !months_node) {
        return Fail(LineOf(entry), fmt::format("{}: needs from_arr = ARR and notice_months = MONTHS", name));
      }
      std::optional<double> from = AsNumber(*from_node);
      if (!from || !(*from >= 0) || std::isinf(*from)) {
        return Fail(LineOf(*from_node), fmt::format("{}.from_arr: expected a non-negative number", name));
      }
      auto months = months_node->as_integer();
      if (!months || months->get() < 1 || months->get() > 1200) {
        return Fail(LineOf(*months_node),
                    fmt::format("{}.notice_months: expected a whole number of months from 1 to 1200", name));
      }
      if (i == 0 && *from != 0) {
        return Fail(
            LineOf(*from_node),
            fmt::format("{}.from_arr: the first tier must start at 0 (it covers the smallest ARR), got {}",
                        name, *from));
      }
      if (i > 0 && *from <= tiers.back().from_arr) {
        return Fail(
            LineOf(*from_node),
            fmt::format(
                "{}.from_arr: {} is not above the previous tier's {} (tiers go from the lowest ARR up)", name,
                *from, tiers.back().from_arr));
      }
      tiers.push_back({*from, static_cast<int>(months->get())});
    }
    card_.notice_tiers = std::move(tiers);
    return Status::Ok();
  }

  Status Rules(toml::table& root, const char* section, bool with_points, std::vector<NamedRule>* out) {
    auto node = root[section];
    if (!node) return Status::Ok();
    auto arr = node.as_array();
    if (!arr) return Fail(LineOf(*node.node()), fmt::format("{}: expected [[{}]] tables", section, section));
    for (const auto& entry : *arr) {
      auto t = entry.as_table();
      if (!t) return Fail(LineOf(entry), fmt::format("{}: expected [[{}]] tables", section, section));
      auto name = (*t)["name"].as_string();
      auto rule = (*t)["rule"].as_string();
      if (!name || name->get().empty())
        return Fail(LineOf(entry), fmt::format("{}: every rule needs a name", section));
      if (!rule)
        return Fail(LineOf(entry), fmt::format("{}: rule \"{}\" needs rule = \"...\"", section, name->get()));
      for (const auto& [k, v] : *t) {
        std::string_view key = k.str();
        if (key != "name" && key != "rule" && !(with_points && key == "points")) {
          return Fail(k.source().begin.line,
                      fmt::format("{}: unknown key '{}' in rule \"{}\"", section, key, name->get()));
        }
      }
      NamedRule r;
      r.name = name->get();
      if (with_points) {
        const toml::node* points_node = (*t)["points"].node();
        std::optional<double> points = points_node ? AsNumber(*points_node) : std::nullopt;
        if (!points) {
          return Fail(LineOf(entry), fmt::format("{}: rule \"{}\" needs points = NUMBER", section, r.name));
        }
        r.points = *points;
      }
      auto parsed = RuleExpression::Parse(rule->get(), card_.lists);
      if (!parsed.ok()) {
        return Fail(LineOf(*rule), fmt::format("rule \"{}\": {}", r.name, parsed.status().message()));
      }
      r.rule = std::move(parsed).value();
      out->push_back(std::move(r));
    }
    return Status::Ok();
  }

  // [health] trend thresholds: positive; the usage band below 1 (a ratio's share).
  Status HealthTrendSettings(toml::table& root) {
    auto line = [&](const char* key) {
      const toml::node* n = root["health"][key].node();
      return n ? LineOf(*n) : int64_t{1};
    };
    if (!(card_.health_trend_points > 0))
      return Fail(line("trend_points"), "health.trend_points: expected a positive number of health points");
    if (!(card_.usage_trend_band > 0 && card_.usage_trend_band < 1)) {
      return Fail(line("usage_trend_band"),
                  "health.usage_trend_band: expected a share above 0 and below 1 (0.1 = 10 %)");
    }
    if (!(card_.nps_trend_points > 0))
      return Fail(line("nps_trend_points"),
                  "health.nps_trend_points: expected a positive number of NPS points");
    return Status::Ok();
  }

  // [[actions]]: the playbook, in order. Without it, the default playbook (the built-in
  // scorecard's, parsed with this card's lists: its rules name none).
  Status Actions(toml::table& root) {
    auto node = root["actions"];
    if (!node) return DefaultActions();
    static const char* kShape = "actions: expected [[actions]] tables with name, rule and action";
    if (node.is_table()) {
      return Fail(
          LineOf(*node.node()),
          "actions: the playbook is an ordered list: write [[actions]] tables with name, rule and action "
          "(see examples/scorecard.toml), not an [actions] table");
    }
    auto arr = node.as_array();
    if (!arr || arr->empty()) return Fail(LineOf(*node.node()), kShape);
    std::map<std::string, int64_t> line_of_name;
    for (const toml::node& entry : *arr) {
      auto t = entry.as_table();
      if (!t) return Fail(LineOf(entry), kShape);
      auto name = (*t)["name"].as_string();
      if (!name || name->get().empty()) return Fail(LineOf(entry), "actions: every rule needs a name");
      const std::string n = name->get();
      for (const auto& [k, v] : *t) {
        std::string_view key = k.str();
        if (key != "name" && key != "rule" && key != "action" && key != "why" && key != "executive_sponsor") {
          return Fail(k.source().begin.line,
                      fmt::format("actions: unknown key '{}' in rule \"{}\" (expected name, rule, "
                                  "action, why or executive_sponsor)",
                                  key, n));
        }
      }
      if (auto [it, added] = line_of_name.emplace(n, LineOf(*name)); !added) {
        return Fail(LineOf(*name),
                    fmt::format("actions: rule \"{}\" is already defined on line {}", n, it->second));
      }
      FLYWHEEL_RETURN_IF_ERROR(Action(*t, n));
    }
    return Status::Ok();
  }

  // One [[actions]] table named `name` (its keys checked).
  Status Action(const toml::table& t, const std::string& name) {
    auto rule = t["rule"].as_string();
    auto action = t["action"].as_string();
    if (!rule) return Fail(LineOf(t), fmt::format("actions: rule \"{}\" needs rule = \"...\"", name));
    if (!action) return Fail(LineOf(t), fmt::format("actions: rule \"{}\" needs action = \"...\"", name));
    ActionRule r;
    r.name = name;
    if (const toml::node* why = t["why"].node()) {
      if (!why->is_string())
        return Fail(LineOf(*why), fmt::format("actions: rule \"{}\": why: expected a text", name));
      r.why = why->as_string()->get();
    }
    if (const toml::node* sponsor = t["executive_sponsor"].node()) {
      if (!sponsor->is_boolean()) {
        return Fail(LineOf(*sponsor),
                    fmt::format("actions: rule \"{}\": executive_sponsor: expected true or false", name));
      }
      r.executive_sponsor = sponsor->as_boolean()->get();
    }
    auto parsed = ParseActionRule(rule->get(), card_.lists);
    if (!parsed.ok())
      return Fail(LineOf(*rule), fmt::format("rule \"{}\": {}", name, parsed.status().message()));
    r.rule = std::move(parsed).value();
    r.action = action->get();
    Status text = CheckActionText(r.action, &r.has_placeholders);
    if (!text.ok())
      return Fail(LineOf(*action), fmt::format("rule \"{}\": action: {}", name, text.message()));
    card_.actions.push_back(std::move(r));
    return Status::Ok();
  }

  Status DefaultActions() {
    auto defaults = ParseScorecard(DefaultScorecardToml(), "scorecard.toml", card_.lists);
    if (!defaults.ok()) return defaults.status();
    card_.actions = std::move(defaults->actions);
    return Status::Ok();
  }

  void AddSettingsExclusions() {
    auto add = [&](const char* list, const char* name, const char* attribute) {
      auto it = card_.lists.find(list);
      if (it == card_.lists.end() || it->second.empty()) return;
      auto parsed = RuleExpression::Parse(fmt::format("{} in {}", attribute, list), card_.lists);
      if (parsed.ok()) card_.exclusions.push_back({name, std::move(parsed).value(), 0});
    };
    add("excluded_countries", "excluded_country", "country");
    add("excluded_industries", "excluded_industry", "industry");
  }

  std::string path_;
  Scorecard card_;
};

}  // namespace

const MeasureSpec* Scorecard::Find(const std::string& name) const {
  for (const auto& m : measures) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

Result<Scorecard> ParseScorecard(const std::string& toml_text, const std::string& path,
                                 const Lists& settings_lists) {
  ScorecardParser parser(path, settings_lists);
  return parser.Run(toml_text);
}

Result<Scorecard> LoadScorecardFile(const std::string& path, const Lists& settings_lists) {
  auto text = ReadFileText(path, fmt::format("scorecard file {} does not exist", path));
  if (!text.ok()) return text.status();
  return ParseScorecard(text.value(), path, settings_lists);
}

}  // namespace flywheel
