#include "imports/mapping.h"

#include <fmt/core.h>

#include <toml++/toml.h>
#include <functional>

#include "base/file_text.h"
#include "base/strings.h"
#include "model/schema.h"

namespace flywheel {

namespace {

const std::vector<std::string> kTopKeys = {"name", "description", "format", "tables"};
const std::vector<std::string> kFormatKeys = {"delimiter",   "decimal",  "thousands", "dates",
                                              "date_format", "currency", "nulls"};
const std::vector<std::string> kTableKeys = {"target", "key", "attributes_from", "columns", "skip"};
const std::vector<std::string> kSkipKeys = {"column", "target", "values", "empty", "reason"};
const std::vector<std::string> kRuleKeys = {
    "column",         "value",         "map",      "map_default", "default",  "split",
    "derive",         "derive_prefix", "join",     "when",        "quantity", "interval",
    "interval_count", "optional",      "booleans", "date_format", "fallback"};

class Parser {
 public:
  explicit Parser(std::string_view file) : file_(file) {}

  void Problem(const toml::node& at, std::string message) {
    problems_.push_back(fmt::format("{}:{}: {}", file_, at.source().begin.line, message));
  }
  void Problem(int64_t line, std::string message) {
    problems_.push_back(fmt::format("{}:{}: {}", file_, line, message));
  }

  // Reports keys of `t` that are not in `known`.
  void CheckKeys(const toml::table& t, const std::vector<std::string>& known, std::string_view where) {
    for (const auto& [k, v] : t) {
      std::string key(k.str());
      bool found = false;
      for (const auto& n : known) found = found || n == key;
      if (!found) {
        Problem(v, fmt::format("unknown key '{}'{}{}", key, where.empty() ? "" : fmt::format(" in {}", where),
                               DidYouMeanSuffix(key, known)));
      }
    }
  }

  std::optional<std::string> String(const toml::node& n, std::string_view what) {
    if (auto s = n.value<std::string>()) return *s;
    Problem(n, fmt::format("{} must be a string", what));
    return std::nullopt;
  }

  // A string or an array of strings.
  std::vector<std::string> Strings(const toml::node& n, std::string_view what) {
    std::vector<std::string> out;
    if (auto s = n.value<std::string>()) {
      out.push_back(*s);
    } else if (const auto* a = n.as_array()) {
      for (const auto& e : *a) {
        if (auto s = e.value<std::string>()) {
          out.push_back(*s);
        } else {
          Problem(e, fmt::format("{} must be a string or an array of strings", what));
          return {};
        }
      }
    } else {
      Problem(n, fmt::format("{} must be a string or an array of strings", what));
    }
    return out;
  }

  void ParseFormat(const toml::table& t, Mapping* m) {
    CheckKeys(t, kFormatKeys, "[format]");
    if (const auto* n = t.get("delimiter")) {
      if (auto s = String(*n, "format.delimiter")) {
        if (*s == "auto") {
          m->delimiter = 0;
        } else if (*s == "tab" || *s == "\t") {
          m->delimiter = '\t';
        } else if (*s == "," || *s == ";" || *s == "|") {
          m->delimiter = (*s)[0];
        } else {
          Problem(*n, fmt::format("format.delimiter '{}' is not one of auto, ',', ';', '|', tab", *s));
        }
      }
    }
    auto separator = [&](const char* key, char* out, bool allow_none) {
      const auto* n = t.get(key);
      if (!n) return;
      auto s = String(*n, fmt::format("format.{}", key));
      if (!s) return;
      if (s->empty() && allow_none) {
        *out = 0;
      } else if (s->size() == 1 && (s == "." || s == "," || (allow_none && (s == " " || s == "'")))) {
        *out = (*s)[0];
      } else {
        Problem(*n, fmt::format("format.{} '{}' is not one of {}", key, *s,
                                allow_none ? "'.', ',', ' ', \"'\" or ''" : "'.' or ','"));
      }
    };
    separator("decimal", &m->number.decimal, false);
    separator("thousands", &m->number.thousands, true);
    if (m->number.decimal == m->number.thousands) {
      Problem(t, fmt::format("format.decimal and format.thousands are both '{}'", m->number.decimal));
    }
    if (const auto* n = t.get("dates")) m->date_formats = Strings(*n, "format.dates");
    if (const auto* n = t.get("date_format")) {
      for (auto& f : Strings(*n, "format.date_format")) m->date_formats.push_back(std::move(f));
    }
    if (const auto* n = t.get("nulls")) m->nulls = Strings(*n, "format.nulls");
    if (const auto* n = t.get("currency")) {
      if (auto s = String(*n, "format.currency")) m->currency = *s;
    }
  }

  // Checks that `value` is allowed in canonical column `c` (constants and map values).
  void CheckCanonicalValue(const toml::node& at, Table table, const CanonicalColumn& c,
                           const std::string& value, std::string_view what) {
    if (c.type != FieldType::kEnum || value.empty()) return;
    for (auto e : c.enum_values) {
      if (EqualsIgnoreCase(e, value)) return;
    }
    std::string list;
    for (size_t i = 0; i < c.enum_values.size(); ++i) list += (i ? ", " : "") + std::string(c.enum_values[i]);
    Problem(at, fmt::format("{}.{}: {} '{}' is not one of {}", TableName(table), c.name, what, value, list));
  }

  void ParseRule(const std::string& target, const toml::node& n, Table table, TableRule* out) {
    const CanonicalColumn* c = FindCanonicalColumn(table, target);
    const bool is_attr = table == Table::kAccounts && target.starts_with("attr_") && target.size() > 5;
    if (!c && !is_attr) {
      std::vector<std::string> names;
      for (const auto& col : CanonicalColumns(table)) names.emplace_back(col.name);
      Problem(n, fmt::format("{} has no column '{}'{}", TableName(table), target,
                             DidYouMeanSuffix(target, names)));
      return;
    }
    if (auto rule = ParseRuleNode(target, n, table, c, fmt::format("{}.{}", TableName(table), target))) {
      out->columns.push_back(std::move(*rule));
    }
  }

  // One column rule: a source column name, or a table of options (`where` names it in messages).
  std::optional<ColumnRule> ParseRuleNode(const std::string& target, const toml::node& n, Table table,
                                          const CanonicalColumn* c, const std::string& where) {
    ColumnRule rule;
    rule.target = target;
    if (n.is_string()) {
      rule.sources = Strings(n, where);
      return rule;
    }
    const auto* t = n.as_table();
    if (!t) {
      Problem(n, fmt::format("{} must be a source column name or a table of options", where));
      return std::nullopt;
    }
    CheckKeys(*t, kRuleKeys, where);
    if (const auto* v = t->get("column")) rule.sources = Strings(*v, where + ".column");
    if (const auto* v = t->get("value")) {
      if (auto s = v->value<std::string>()) {
        rule.constant = *s;
      } else if (auto d = v->value<double>()) {
        rule.constant = fmt::format("{}", *d);
      } else {
        Problem(*v, fmt::format("{}.value must be a string or a number", where));
      }
      if (rule.constant && c) CheckCanonicalValue(*v, table, *c, *rule.constant, "value");
    }
    if (const auto* v = t->get("map")) {
      if (const auto* m = v->as_table()) {
        for (const auto& [k, mv] : *m) {
          auto s = String(mv, where + ".map values");
          if (!s) continue;
          if (c) CheckCanonicalValue(mv, table, *c, *s, "map value");
          rule.value_map[ToLower(Trim(k.str()))] = *s;
        }
      } else {
        Problem(*v, fmt::format("{}.map must be a table of source value = canonical value", where));
      }
    }
    if (const auto* v = t->get("map_default")) {
      rule.map_default = String(*v, where + ".map_default");
      if (rule.map_default && c) CheckCanonicalValue(*v, table, *c, *rule.map_default, "map_default");
    }
    if (const auto* v = t->get("default")) {
      if (auto s = String(*v, where + ".default")) {
        rule.default_value = *s;
        if (c) CheckCanonicalValue(*v, table, *c, *s, "default");
      }
    }
    if (const auto* v = t->get("split")) rule.split = String(*v, where + ".split").value_or("");
    if (const auto* v = t->get("derive")) rule.derive = Strings(*v, where + ".derive");
    if (const auto* v = t->get("derive_prefix"))
      rule.derive_prefix = String(*v, where + ".derive_prefix").value_or("");
    if (const auto* v = t->get("join")) rule.join = String(*v, where + ".join").value_or("");
    if (const auto* v = t->get("quantity")) rule.quantity = String(*v, where + ".quantity").value_or("");
    if (const auto* v = t->get("interval")) rule.interval = String(*v, where + ".interval").value_or("");
    if (const auto* v = t->get("interval_count")) {
      rule.interval_count = String(*v, where + ".interval_count").value_or("");
    }
    rule.optional = Flag(*t, "optional", where);
    rule.booleans = Flag(*t, "booleans", where);
    if (const auto* v = t->get("date_format")) rule.date_formats = Strings(*v, where + ".date_format");
    if (const auto* v = t->get("fallback")) {
      if (auto fallback = ParseRuleNode(target, *v, table, c, where + ".fallback")) {
        rule.fallback.push_back(std::move(*fallback));
      }
    }
    if (const auto* v = t->get("when")) {
      if (const auto* w = v->as_table()) {
        for (const auto& [k, wv] : *w) {
          std::string col(k.str());
          if (!FindCanonicalColumn(table, col)) {
            Problem(wv, fmt::format("{}.when: {} has no column '{}'", where, TableName(table), col));
          }
          rule.when.emplace_back(col, Strings(wv, where + ".when"));
        }
      } else {
        Problem(*v, fmt::format("{}.when must be a table of canonical column = [values]", where));
      }
    }
    if (rule.sources.empty() && !rule.constant && rule.derive.empty()) {
      Problem(n, fmt::format("{} needs `column`, `value` or `derive`", where));
    }
    if ((!rule.quantity.empty() || !rule.interval.empty()) && (!c || c->type != FieldType::kMoney)) {
      Problem(n, fmt::format("{}: `quantity` and `interval` apply to amounts only", where));
    }
    if (!rule.date_formats.empty() && (!c || (c->type != FieldType::kDate && c->type != FieldType::kMonth))) {
      Problem(n, fmt::format("{}: `date_format` applies to dates only", where));
    }
    return rule;
  }

  // The boolean option `key` of a rule table; false when absent.
  bool Flag(const toml::table& t, const char* key, const std::string& where) {
    const auto* v = t.get(key);
    if (!v) return false;
    if (auto b = v->value<bool>()) return *b;
    Problem(*v, fmt::format("{}.{} must be true or false", where, key));
    return false;
  }

  void ParseTable(const toml::table& t, Mapping* m) {
    CheckKeys(t, kTableKeys, "[[tables]]");
    const int64_t line = t.source().begin.line;
    const auto* target = t.get("target");
    if (!target) {
      Problem(line, "[[tables]] needs target = \"TABLE\"");
      return;
    }
    auto name = String(*target, "tables.target");
    if (!name) return;
    auto table = TableFromName(*name);
    if (!table) {
      Problem(*target, fmt::format("unknown table '{}'{}", *name, DidYouMeanSuffix(*name, TableNames())));
      return;
    }
    TableRule rule;
    rule.target = *table;
    if (const auto* n = t.get("key")) {
      rule.key = String(*n, "tables.key").value_or("");
      if (!rule.key.empty() && !FindCanonicalColumn(*table, rule.key)) {
        Problem(*n, fmt::format("{} has no column '{}'", *name, rule.key));
      }
    }
    if (const auto* n = t.get("attributes_from")) {
      rule.attribute_suffix = String(*n, "tables.attributes_from").value_or("");
      if (*table != Table::kAccounts) Problem(*n, "attributes_from applies to accounts only");
    }
    if (const auto* n = t.get("columns")) {
      if (const auto* cols = n->as_table()) {
        for (const auto& [k, v] : *cols) ParseRule(std::string(k.str()), v, *table, &rule);
      } else {
        Problem(*n, "tables.columns must be a table");
      }
    }
    if (const auto* n = t.get("skip")) {
      const auto* arr = n->as_array();
      if (!arr) Problem(*n, "tables.skip must be an array of tables");
      for (size_t i = 0; arr && i < arr->size(); ++i) {
        const auto* s = (*arr)[i].as_table();
        if (!s) {
          Problem((*arr)[i], "tables.skip must be an array of tables");
          continue;
        }
        CheckKeys(*s, kSkipKeys, "skip");
        SkipRule skip;
        if (const auto* v = s->get("column")) skip.column = String(*v, "skip.column").value_or("");
        if (const auto* v = s->get("target")) skip.target = String(*v, "skip.target").value_or("");
        if (const auto* v = s->get("values")) skip.values = Strings(*v, "skip.values");
        if (const auto* v = s->get("empty")) skip.empty = v->value<bool>().value_or(false);
        if (const auto* v = s->get("reason")) skip.reason = String(*v, "skip.reason").value_or("");
        if (skip.column.empty() == skip.target.empty()) {
          Problem(*s, "skip needs either `column` (a source column) or `target` (a canonical column)");
        } else if (skip.values.empty() && !skip.empty) {
          Problem(*s, "skip needs `values` or empty = true");
        } else if (skip.reason.empty()) {
          Problem(*s, "skip needs a `reason`");
        }
        rule.skip.push_back(std::move(skip));
      }
    }
    for (const CanonicalColumn& c : CanonicalColumns(*table)) {
      if (!c.required) continue;
      bool mapped = false;
      for (const auto& r : rule.columns) mapped = mapped || r.target == c.name;
      if (!mapped) Problem(line, fmt::format("{}: required column '{}' is not mapped", *name, c.name));
    }
    m->tables.push_back(std::move(rule));
  }

  Result<Mapping> Parse(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, file_);
    } catch (const toml::parse_error& e) {
      return Status::BadData(fmt::format("{}:{}: {}", file_, e.source().begin.line, e.description()));
    }
    Mapping m;
    CheckKeys(root, kTopKeys, "");
    if (const auto* n = root.get("name")) m.name = String(*n, "name").value_or("");
    if (const auto* n = root.get("description")) m.description = String(*n, "description").value_or("");
    if (const auto* n = root.get("format")) {
      if (const auto* t = n->as_table()) {
        ParseFormat(*t, &m);
      } else {
        Problem(*n, "format must be a table");
      }
    }
    const auto* tables = root.get("tables");
    const toml::array* arr = tables ? tables->as_array() : nullptr;
    if (!arr || arr->empty()) {
      Problem(tables ? tables->source().begin.line : 1, "a mapping needs at least one [[tables]] section");
    }
    for (size_t i = 0; arr && i < arr->size(); ++i) {
      if (const auto* t = (*arr)[i].as_table()) {
        ParseTable(*t, &m);
      } else {
        Problem((*arr)[i], "tables must be [[tables]] sections");
      }
    }
    if (!problems_.empty()) {
      std::string joined;
      for (size_t i = 0; i < problems_.size(); ++i) joined += (i ? "\n" : "") + problems_[i];
      return Status::BadData(joined);
    }
    if (m.name.empty()) m.name = file_;
    return m;
  }

 private:
  std::string file_;
  std::vector<std::string> problems_;
};

}  // namespace

std::vector<std::string> Mapping::SourceColumns() const {
  std::vector<std::string> out;
  auto add = [&](const std::string& s) {
    if (s.empty()) return;
    for (const auto& o : out) {
      if (o == s) return;
    }
    out.push_back(s);
  };
  std::function<void(const ColumnRule&)> add_rule = [&](const ColumnRule& r) {
    for (const auto& s : r.sources) add(s);
    for (const auto& s : r.derive) add(s);
    add(r.quantity);
    add(r.interval);
    add(r.interval_count);
    for (const auto& f : r.fallback) add_rule(f);
  };
  for (const auto& t : tables) {
    for (const auto& r : t.columns) add_rule(r);
    for (const auto& s : t.skip) add(s.column);
  }
  return out;
}

Result<Mapping> ParseMapping(std::string_view toml_text, std::string_view file) {
  return Parser(file).Parse(toml_text);
}

Result<Mapping> LoadMappingFile(const std::string& path) {
  auto text = ReadFileText(path, fmt::format("cannot read mapping file {}", path));
  if (!text.ok()) return text.status();
  std::string name =
      path.substr(path.find_last_of('/') == std::string::npos ? 0 : path.find_last_of('/') + 1);
  return ParseMapping(text.value(), name);
}

}  // namespace flywheel
