#include "market/scoring_model.h"

#include <fmt/core.h>

#include <cmath>

#include "base/file_text.h"
#include "base/strings.h"
#include "market/toml_input.h"

namespace flywheel {
namespace {

const std::vector<std::string> kTopKeys = {"criteria", "segments"};
const std::vector<std::string> kCriterionKeys = {"key",      "name",    "weight",
                                                 "question", "inverse", "veto_below"};
const std::vector<std::string> kSegmentKeys = {"name", "scores", "notes"};

Result<Criterion> ParseCriterion(const toml::table& t, std::string_view file) {
  FLYWHEEL_RETURN_IF_ERROR(CheckKeys(t, kCriterionKeys, "[[criteria]]", file));
  Criterion c;
  auto key = t["key"].value<std::string>();
  if (!key || key->empty()) {
    return Status::BadData(fmt::format("{}: criterion without a key (add key = \"...\")", Where(file, t)));
  }
  c.key = *key;
  std::string context = fmt::format("criterion '{}': ", c.key);
  c.name = t["name"].value_or(c.key);
  c.question = t["question"].value_or(std::string());
  const toml::node* weight = t.get("weight");
  if (!weight) return Status::BadData(fmt::format("{}: {}no weight", Where(file, t), context));
  auto w = NumberOf(*weight);
  if (!w || *w < 0 || !std::isfinite(*w)) {
    return Status::BadData(
        fmt::format("{}: {}weight must be a number of at least 0", Where(file, *weight), context));
  }
  c.weight = *w;
  if (const toml::node* inverse = t.get("inverse")) {
    auto b = inverse->value_exact<bool>();
    if (!b)
      return Status::BadData(
          fmt::format("{}: {}inverse must be true or false", Where(file, *inverse), context));
    c.inverse = *b;
  }
  if (const toml::node* veto = t.get("veto_below")) {
    auto v = NumberOf(*veto);
    if (!v || *v < 1 || *v > 5) {
      return Status::BadData(
          fmt::format("{}: {}veto_below must be a number from 1 to 5", Where(file, *veto), context));
    }
    c.veto_below = *v;
  }
  return c;
}

Result<ScoredSegment> ParseSegment(const toml::table& t, const std::vector<Criterion>& criteria,
                                   std::string_view file) {
  FLYWHEEL_RETURN_IF_ERROR(CheckKeys(t, kSegmentKeys, "[[segments]]", file));
  ScoredSegment s;
  auto name = t["name"].value<std::string>();
  if (!name || name->empty()) {
    return Status::BadData(fmt::format("{}: segment without a name (add name = \"...\")", Where(file, t)));
  }
  s.name = *name;
  std::string context = fmt::format("segment \"{}\": ", s.name);
  std::vector<std::string> keys;
  for (const auto& c : criteria) keys.push_back(c.key);

  const toml::table* scores = t["scores"].as_table();
  if (!scores) {
    return Status::BadData(fmt::format("{}: {}no scores (add scores = {{ {} = 3, ... }})", Where(file, t),
                                       context, keys.front()));
  }
  FLYWHEEL_RETURN_IF_ERROR(CheckKeys(*scores, keys, "scores (not a criterion)", file, context));
  s.scores.resize(criteria.size());
  s.notes.resize(criteria.size());
  for (size_t i = 0; i < criteria.size(); ++i) {
    const toml::node* score = scores->get(criteria[i].key);
    if (!score) {
      return Status::BadData(
          fmt::format("{}: {}no score for '{}'", Where(file, *scores), context, criteria[i].key));
    }
    auto v = NumberOf(*score);
    if (!v) {
      return Status::BadData(fmt::format("{}: {}score for '{}' is not a number (expected 1 to 5)",
                                         Where(file, *score), context, criteria[i].key));
    }
    if (*v < 1 || *v > 5) {
      return Status::BadData(fmt::format("{}: {}score for '{}' is {} (expected 1 to 5)", Where(file, *score),
                                         context, criteria[i].key, ShortNumber(*v)));
    }
    s.scores[i] = *v;
  }
  if (const toml::node* notes_node = t.get("notes")) {
    const toml::table* notes = notes_node->as_table();
    if (!notes) {
      return Status::BadData(fmt::format("{}: {}notes must be a table of criterion = \"note\"",
                                         Where(file, *notes_node), context));
    }
    FLYWHEEL_RETURN_IF_ERROR(CheckKeys(*notes, keys, "notes (not a criterion)", file, context));
    for (size_t i = 0; i < criteria.size(); ++i) {
      if (const toml::node* note = notes->get(criteria[i].key)) {
        auto text = note->value_exact<std::string>();
        if (!text) {
          return Status::BadData(
              fmt::format("{}: {}note for '{}' must be text", Where(file, *note), context, criteria[i].key));
        }
        s.notes[i] = *text;
      }
    }
  }
  return s;
}

}  // namespace

std::vector<Criterion> DefaultCriteria() {
  return {
      {"speed_of_change", "Speed of change", "How likely are decisions within 6–24 months?", 0.2},
      {"urgency", "Urgency to change", "What makes solving the problem urgent (e.g. new regulation)?", 0.2},
      {"competition", "Competitive landscape", "How strong are direct and indirect competitors?", 0.1},
      {"market_size", "Market size", "How large is the market today?", 0.2},
      {"market_potential", "Market potential", "How fast is the market growing?", 0.2},
      {"adjacent_segments", "Adjacent segments", "How large are related segments?", 0.1},
  };
}

Result<ScoringModel> ParseScoringModel(std::string_view toml_text, std::string_view file) {
  auto parsed = ParseToml(toml_text, file);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  FLYWHEEL_RETURN_IF_ERROR(CheckKeys(root, kTopKeys, "the scoring file", file));

  ScoringModel model;
  if (const toml::node* criteria = root.get("criteria")) {
    const toml::array* list = criteria->as_array();
    if (!list || list->empty() || !list->is_array_of_tables()) {
      return Status::BadData(fmt::format("{}: criteria must be [[criteria]] tables", Where(file, *criteria)));
    }
    double sum = 0;
    bool all_fractions = true;
    for (const toml::node& node : *list) {
      auto c = ParseCriterion(*node.as_table(), file);
      if (!c.ok()) return c.status();
      for (const auto& other : model.criteria) {
        if (other.key == c->key) {
          return Status::BadData(
              fmt::format("{}: criterion '{}' is defined twice", Where(file, node), c->key));
        }
      }
      sum += c->weight;
      all_fractions = all_fractions && c->weight <= 1.0;
      model.criteria.push_back(std::move(*c));
    }
    // Fractions when every weight is at most 1 and they add up to about 1; else percent.
    double percent = (all_fractions && sum <= 1.5) ? sum * 100.0 : sum;
    if (std::fabs(percent - 100.0) > 0.01 + 1e-9) {
      return Status::BadData(fmt::format("{}: criteria weights add up to {} % (expected 100 %)",
                                         Where(file, *list->get(0)),
                                         ShortNumber(std::round(percent * 1e6) / 1e6)));
    }
    for (auto& c : model.criteria) c.weight /= sum;
  } else {
    model.criteria = DefaultCriteria();
  }

  const toml::node* segments = root.get("segments");
  if (!segments) return Status::BadData(fmt::format("{}: no segments (add [[segments]] tables)", file));
  const toml::array* list = segments->as_array();
  if (!list || list->empty() || !list->is_array_of_tables()) {
    return Status::BadData(fmt::format("{}: segments must be [[segments]] tables", Where(file, *segments)));
  }
  for (const toml::node& node : *list) {
    auto s = ParseSegment(*node.as_table(), model.criteria, file);
    if (!s.ok()) return s.status();
    for (const auto& other : model.segments) {
      if (other.name == s->name) {
        return Status::BadData(fmt::format("{}: segment \"{}\" is listed twice", Where(file, node), s->name));
      }
    }
    model.segments.push_back(std::move(*s));
  }
  return model;
}

Result<ScoringModel> LoadScoringModel(const std::string& path) {
  auto text = ReadFileText(path);
  if (!text.ok()) return text.status();
  return ParseScoringModel(*text, path);
}

}  // namespace flywheel
