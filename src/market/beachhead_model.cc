#include "market/beachhead_model.h"

#include <fmt/core.h>

#include <cmath>

#include "base/file_text.h"
#include "base/strings.h"
#include "market/toml_input.h"

namespace flywheel {
namespace {

const std::vector<std::string> kTopKeys = {"beachhead", "tam", "sam", "som"};
const std::vector<std::string> kBeachheadKeys = {
    "name", "companies", "average_arr", "through", "share_scenarios", "p", "q", "categories"};

// A required or optional positive number; `what` names it in messages.
Result<std::optional<double>> Number(const toml::table& t, std::string_view key, std::string_view section,
                                     std::string_view file, bool required, double min, double max,
                                     std::string_view range) {
  const toml::node* node = t.get(key);
  if (!node) {
    if (required) return Status::BadData(fmt::format("{}: [{}] has no {}", Where(file, t), section, key));
    return std::optional<double>();
  }
  auto v = NumberOf(*node);
  if (!v || !(*v >= min && *v <= max)) {
    return Status::BadData(fmt::format("{}: [{}] {} must be {}", Where(file, *node), section, key, range));
  }
  return std::optional<double>(*v);
}

}  // namespace

std::vector<AdoptionCategory> RogersCategories() {
  return {{"innovators", 0.025},
          {"early_adopters", 0.135},
          {"early_majority", 0.34},
          {"late_majority", 0.34},
          {"laggards", 0.16}};
}

namespace {

// [[beachhead.categories]]: name and share (percent); the shares add up to 100 %. Without
// them, m->categories stays as it is (the Rogers categories).
Status ParseCategories(const toml::table& b, std::string_view file, BeachheadModel* m) {
  const toml::node* cats = b.get("categories");
  if (!cats) return Status::Ok();
  const toml::array* list = cats->as_array();
  if (!list || list->empty() || !list->is_array_of_tables()) {
    return Status::BadData(
        fmt::format("{}: categories must be [[beachhead.categories]] tables", Where(file, *cats)));
  }
  m->categories.clear();
  double sum = 0;
  for (const toml::node& node : *list) {
    const toml::table& t = *node.as_table();
    FLYWHEEL_RETURN_IF_ERROR(CheckKeys(t, {"name", "share"}, "[[beachhead.categories]]", file));
    auto name = t["name"].value<std::string>();
    if (!name || name->empty())
      return Status::BadData(fmt::format("{}: category without a name", Where(file, t)));
    auto share = Number(t, "share", "beachhead.categories", file, true, 0, 100, "a percentage from 0 to 100");
    if (!share.ok()) return share.status();
    m->categories.push_back({*name, **share / 100.0});
    sum += **share;
  }
  if (std::fabs(sum - 100.0) > 0.01 + 1e-9) {
    return Status::BadData(fmt::format("{}: category shares add up to {} % (expected 100 %)",
                                       Where(file, *cats), ShortNumber(std::round(sum * 1e6) / 1e6)));
  }
  return Status::Ok();
}

// through: the last category of the beachhead, by name (default the third, or the last when
// there are fewer).
Status ParseThrough(const toml::table& b, std::string_view file, BeachheadModel* m) {
  std::vector<std::string> names;
  for (const auto& c : m->categories) names.push_back(c.name);
  m->through = std::min<size_t>(2, m->categories.size() - 1);
  const toml::node* through = b.get("through");
  if (!through) return Status::Ok();
  auto name = through->value<std::string>();
  bool found = false;
  for (size_t i = 0; name && i < names.size(); ++i) {
    if (names[i] == *name) {
      m->through = i;
      found = true;
    }
  }
  if (!found) {
    std::string text = name ? *name : "?";
    return Status::BadData(fmt::format("{}: [beachhead] through: unknown category '{}'{}",
                                       Where(file, *through), text, DidYouMeanSuffix(text, names)));
  }
  return Status::Ok();
}

// share_scenarios: percentages above 0 and at most 100.
Status ParseShareScenarios(const toml::table& b, std::string_view file, BeachheadModel* m) {
  const toml::node* scenarios = b.get("share_scenarios");
  if (!scenarios) return Status::Ok();
  const toml::array* list = scenarios->as_array();
  if (!list || list->empty()) {
    return Status::BadData(fmt::format("{}: [beachhead] share_scenarios must be a list of percentages",
                                       Where(file, *scenarios)));
  }
  m->share_scenarios.clear();
  for (const toml::node& node : *list) {
    auto v = NumberOf(node);
    if (!v || *v <= 0 || *v > 100) {
      return Status::BadData(
          fmt::format("{}: [beachhead] share_scenarios: each must be a percentage above 0 and "
                      "at most 100",
                      Where(file, node)));
    }
    m->share_scenarios.push_back(*v / 100.0);
  }
  return Status::Ok();
}

// [tam], [sam] and [som]: each needs the one before.
Status ParseSizing(const toml::table& root, std::string_view file, BeachheadModel* m) {
  constexpr double kInf = INFINITY;
  if (const toml::table* tam = root["tam"].as_table()) {
    FLYWHEEL_RETURN_IF_ERROR(CheckKeys(*tam, {"companies", "average_arr"}, "[tam]", file));
    auto c = Number(*tam, "companies", "tam", file, true, 1e-300, kInf, "a positive number");
    if (!c.ok()) return c.status();
    m->sizing.tam_companies = *c;
    auto a = Number(*tam, "average_arr", "tam", file, false, 0, kInf, "a number of at least 0");
    if (!a.ok()) return a.status();
    m->sizing.tam_average_arr = *a;
  }
  if (const toml::table* sam = root["sam"].as_table()) {
    FLYWHEEL_RETURN_IF_ERROR(CheckKeys(*sam, {"companies", "share"}, "[sam]", file));
    if (!m->sizing.tam_companies)
      return Status::BadData(fmt::format("{}: [sam] needs a [tam] table", Where(file, *sam)));
    if (sam->contains("companies") == sam->contains("share")) {
      return Status::BadData(
          fmt::format("{}: [sam] needs either companies or share (percent of the TAM)", Where(file, *sam)));
    }
    auto c = Number(*sam, "companies", "sam", file, false, 1e-300, kInf, "a positive number");
    if (!c.ok()) return c.status();
    m->sizing.sam_companies = *c;
    auto s = Number(*sam, "share", "sam", file, false, 1e-300, 100, "a percentage above 0 and at most 100");
    if (!s.ok()) return s.status();
    if (*s) m->sizing.sam_share = **s / 100.0;
  }
  if (const toml::table* som = root["som"].as_table()) {
    FLYWHEEL_RETURN_IF_ERROR(CheckKeys(*som, {"share"}, "[som]", file));
    if (!m->sizing.sam_companies && !m->sizing.sam_share) {
      return Status::BadData(fmt::format("{}: [som] needs a [sam] table", Where(file, *som)));
    }
    auto s = Number(*som, "share", "som", file, true, 1e-300, 100, "a percentage above 0 and at most 100");
    if (!s.ok()) return s.status();
    m->sizing.som_share = **s / 100.0;
  }
  return Status::Ok();
}

}  // namespace

Result<BeachheadModel> ParseBeachheadModel(std::string_view toml_text, std::string_view file) {
  auto parsed = ParseToml(toml_text, file);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  FLYWHEEL_RETURN_IF_ERROR(CheckKeys(root, kTopKeys, "the beachhead file", file));
  const toml::table* b = root["beachhead"].as_table();
  if (!b) return Status::BadData(fmt::format("{}: no [beachhead] table", file));
  FLYWHEEL_RETURN_IF_ERROR(CheckKeys(*b, kBeachheadKeys, "[beachhead]", file));
  constexpr double kInf = INFINITY;

  BeachheadModel m;
  m.name = (*b)["name"].value_or(std::string());
  auto companies = Number(*b, "companies", "beachhead", file, true, 1e-300, kInf, "a positive number");
  if (!companies.ok()) return companies.status();
  m.companies = **companies;
  auto arr = Number(*b, "average_arr", "beachhead", file, true, 0, kInf, "a number of at least 0");
  if (!arr.ok()) return arr.status();
  m.average_arr = **arr;
  auto p = Number(*b, "p", "beachhead", file, false, 1e-300, kInf, "a positive number");
  if (!p.ok()) return p.status();
  m.p = *p;
  auto q = Number(*b, "q", "beachhead", file, false, 0, kInf, "a number of at least 0");
  if (!q.ok()) return q.status();
  m.q = *q;
  FLYWHEEL_RETURN_IF_ERROR(ParseCategories(*b, file, &m));
  FLYWHEEL_RETURN_IF_ERROR(ParseThrough(*b, file, &m));
  FLYWHEEL_RETURN_IF_ERROR(ParseShareScenarios(*b, file, &m));
  FLYWHEEL_RETURN_IF_ERROR(ParseSizing(root, file, &m));
  return m;
}

Result<BeachheadModel> LoadBeachheadModel(const std::string& path) {
  auto text = ReadFileText(path);
  if (!text.ok()) return text.status();
  return ParseBeachheadModel(*text, path);
}

}  // namespace flywheel
