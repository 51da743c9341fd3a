#include "imports/mapped_import.h"

#include <fmt/core.h>
#include <stdlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <unordered_map>
#include <unordered_set>

#include "base/strings.h"
#include "imports/canonical_schema.h"
#include "imports/delimited_text.h"
#include "ingest/field_parsers.h"

namespace flywheel {

namespace {

// Header names are compared lower-cased and trimmed, without a trailing "(UTC)".
std::string NormalHeader(std::string_view h) {
  std::string s = ToLower(Trim(h));
  if (s.ends_with("(utc)")) s = std::string(Trim(s.substr(0, s.size() - 5)));
  return s;
}

std::string FormatNumber(double v) { return fmt::format("{}", v); }

std::string DerivedId(const std::string& prefix, const std::vector<std::string>& parts) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string p = ToLower(Trim(parts[i])) + (i + 1 < parts.size() ? "\x1f" : "");
    for (unsigned char c : p) {
      h ^= c;
      h *= 1099511628211ull;
    }
  }
  return prefix + fmt::format("{:012x}", h & 0xffffffffffffull);
}

std::string Slug(std::string_view s) {
  std::string out;
  for (char c : ToLower(Trim(s))) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

std::string OrList(const std::vector<std::string_view>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += i + 1 == v.size() ? " or " : ", ";
    out += v[i];
  }
  return out;
}

// Months per billing interval unit; 0 when unknown. Weeks and days are handled apart.
int UnitMonths(std::string_view unit) {
  std::string u = ToLower(Trim(unit));
  if (u == "month" || u == "monthly" || u == "months") return 1;
  if (u == "quarter" || u == "quarterly" || u == "quarters") return 3;
  if (u == "year" || u == "yearly" || u == "annual" || u == "annually" || u == "years") return 12;
  return 0;
}

// Maps the rows of one source file.
class SourceMapper {
 public:
  SourceMapper(const Mapping& m, const DelimitedText& text, std::string file, ImportPlan* plan, SourcePlan* source)
      : m_(m), text_(text), file_(std::move(file)), plan_(plan), source_(source) {
    for (size_t i = 0; i < text.header.size(); ++i) index_.emplace(NormalHeader(text.header[i]), i);
  }

  void Run() {
    std::vector<std::vector<CanonicalRow>> out(m_.tables.size());
    std::vector<bool> usable(m_.tables.size(), true);
    for (size_t t = 0; t < m_.tables.size(); ++t) usable[t] = Describe(m_.tables[t]);
    for (const DelimitedRow& row : text_.rows) {
      if (row.fields.size() != text_.header.size()) {
        Problem(row.line, "", fmt::format("expected {} fields, found {}", text_.header.size(), row.fields.size()));
        continue;
      }
      bool skipped_once = false;
      for (size_t t = 0; t < m_.tables.size(); ++t) {
        if (!usable[t]) continue;
        std::string reason;
        auto mapped = MapRow(m_.tables[t], row, &reason);
        if (mapped) {
          out[t].push_back(std::move(*mapped));
        } else if (!reason.empty() && !skipped_once) {
          source_->skipped.push_back({row.line, reason});
          skipped_once = true;
        }
      }
    }
    for (size_t t = 0; t < m_.tables.size(); ++t) {
      source_->tables[t].rows = static_cast<int64_t>(out[t].size());
      Merge(m_.tables[t], std::move(out[t]));
    }
  }

 private:
  // Records a problem once (a source column read for two tables is reported once).
  void Problem(int64_t line, std::string_view column, const std::string& what) {
    std::string message = column.empty() ? fmt::format("{}:{}: {}", file_, line, what)
                                         : fmt::format("{}:{}: {}: {}", file_, line, column, what);
    if (reported_.insert(message).second) plan_->problems.push_back(std::move(message));
  }

  std::optional<size_t> Column(const std::string& name) const {
    auto it = index_.find(NormalHeader(name));
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }

  // Fills the plan's description of table `rule`; false when the file lacks a column the
  // table needs (reported once, as a problem on the header line).
  bool Describe(const TableRule& rule) {
    TablePlan tp;
    tp.target = rule.target;
    bool ok = true;
    const std::string table(TableName(rule.target));
    for (const ColumnRule& r : rule.columns) {
      std::vector<std::string> present;
      for (const auto& s : r.sources) {
        if (auto c = Column(s)) present.push_back(text_.header[*c]);
      }
      std::string from;
      if (r.constant) {
        from = fmt::format("\"{}\"", *r.constant);
      } else if (!present.empty()) {
        for (size_t i = 0; i < present.size(); ++i) from += (i ? (r.join.empty() ? " | " : " + ") : "") + present[i];
      } else if (!r.derive.empty()) {
        std::vector<std::string> parts;
        for (const auto& d : r.derive) {
          if (!Column(d)) {
            Problem(1, "", fmt::format("missing column '{}' (the {} mapping derives {}.{} from it)", d, m_.name, table,
                                       r.target));
            ok = false;
          }
          parts.push_back(d);
        }
        from = "derived from ";
        for (size_t i = 0; i < parts.size(); ++i) from += (i ? " + " : "") + parts[i];
        std::string missing;
        for (size_t i = 0; i < r.sources.size(); ++i) missing += (i ? "' or '" : "") + r.sources[i];
        source_->notes.push_back(fmt::format("{}.{} derived from {} (the file has no '{}' column)", table, r.target,
                                             from.substr(13), missing));
      } else if (r.optional) {
        continue;
      } else {
        std::string names;
        for (size_t i = 0; i < r.sources.size(); ++i) names += (i ? "' or '" : "") + r.sources[i];
        Problem(1, "", fmt::format("missing column '{}' (the {} mapping reads it for {}.{})", names, m_.name, table,
                                   r.target));
        ok = false;
        continue;
      }
      if (!r.value_map.empty()) from += " (mapped)";
      if (!r.quantity.empty() && Column(r.quantity)) from += " × " + text_.header[*Column(r.quantity)];
      if (!r.interval.empty() && Column(r.interval)) {
        from += " per " + text_.header[*Column(r.interval)];
        if (!r.interval_count.empty() && Column(r.interval_count)) from += " × " + text_.header[*Column(r.interval_count)];
      }
      tp.columns.emplace_back(r.target, from);
      if (!r.interval.empty() && Column(r.interval)) tp.columns.emplace_back("billing_period", "from " + from.substr(from.find(" per ") + 5));
    }
    if (!rule.attribute_suffix.empty()) {
      const std::string suffix = ToLower(rule.attribute_suffix);
      for (const auto& h : text_.header) {
        std::string low = ToLower(h);
        if (low.size() > suffix.size() && low.ends_with(suffix)) {
          std::string name = "attr_" + Slug(h.substr(0, h.size() - suffix.size()));
          attributes_[&rule].emplace_back(name, *Column(h));
          tp.columns.emplace_back(name, h);
        }
      }
    }
    source_->tables.push_back(std::move(tp));
    return ok;
  }

  // The raw value of rule `r` in `row` and the source column it came from.
  std::string RawValue(const ColumnRule& r, const DelimitedRow& row, std::string* column) {
    if (r.constant) {
      *column = r.target;
      return *r.constant;
    }
    std::string value;
    bool any = false;
    int joined = 0;
    for (const auto& s : r.sources) {
      auto c = Column(s);
      if (!c) continue;
      any = true;
      std::string v(Trim(row.fields[*c]));
      if (!r.join.empty()) {
        if (column->empty()) *column = text_.header[*c];
        if (joined++ > 0) value += r.join;
        value += v;
        continue;
      }
      if (column->empty()) *column = text_.header[*c];
      if (!v.empty()) {
        *column = text_.header[*c];
        return v;
      }
    }
    if (!any && !r.derive.empty()) {
      std::vector<std::string> parts;
      for (const auto& d : r.derive) parts.emplace_back(Trim(row.fields[*Column(d)]));
      *column = r.derive.front();
      return DerivedId(r.derive_prefix, parts);
    }
    return value;
  }

  bool Matches(const std::string& value, const std::vector<std::string>& values, bool empty) {
    if (empty && Trim(value).empty()) return true;
    for (const auto& v : values) {
      if (EqualsIgnoreCase(Trim(v), Trim(value))) return true;
    }
    return false;
  }

  std::optional<CanonicalRow> MapRow(const TableRule& rule, const DelimitedRow& row, std::string* skip_reason) {
    for (const SkipRule& s : rule.skip) {
      if (s.column.empty()) continue;
      auto c = Column(s.column);
      if (c && Matches(row.fields[*c], s.values, s.empty)) {
        *skip_reason = fmt::format("{}: {}", s.column, s.reason);
        return std::nullopt;
      }
    }
    CanonicalRow out;
    out.file = file_;
    out.line = row.line;
    std::string amount_currency;
    std::map<std::string, std::string> used_column;
    bool ok = true;
    for (int pass = 0; pass < 2; ++pass) {
      for (const ColumnRule& r : rule.columns) {
        if (r.when.empty() != (pass == 0)) continue;
        bool applies = true;
        for (const auto& [col, values] : r.when) applies = applies && Matches(out.values[col], values, false);
        if (!applies) continue;
        std::string column;
        std::string value = RawValue(r, row, &column);
        if (!r.split.empty()) value = std::string(Trim(value.substr(0, value.find(r.split))));
        if (value.empty()) value = r.default_value;
        if (!value.empty() && !r.value_map.empty()) {
          auto it = r.value_map.find(ToLower(Trim(value)));
          if (it != r.value_map.end()) {
            value = it->second;
          } else if (r.map_default) {
            value = *r.map_default;
          }
        }
        used_column[r.target] = column;
        if (!Convert(rule.target, r, row, column, &value, &amount_currency, &out)) ok = false;
        if (out.values[r.target].empty() || !value.empty()) out.values[r.target] = value;
      }
    }
    if (auto it = attributes_.find(&rule); it != attributes_.end()) {
      for (const auto& [name, c] : it->second) out.values[name] = std::string(Trim(row.fields[c]));
    }
    if (!ok) return std::nullopt;
    // Currency: the mapped column, else the amount's symbol, else the mapping's default.
    if (FindCanonicalColumn(rule.target, "currency")) {
      std::string& cur = out.values["currency"];
      if (cur.empty()) cur = amount_currency.empty() ? m_.currency : amount_currency;
      for (char& ch : cur) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    for (const SkipRule& s : rule.skip) {
      if (!s.target.empty() && Matches(out.values[s.target], s.values, s.empty)) {
        *skip_reason = fmt::format("{}: {}", s.target, s.reason);
        return std::nullopt;
      }
    }
    for (const CanonicalColumn& c : CanonicalColumns(rule.target)) {
      if (c.required && out.values[std::string(c.name)].empty()) {
        std::string col = used_column.count(std::string(c.name)) ? used_column[std::string(c.name)] : "";
        Problem(row.line, col.empty() ? c.name : col,
                fmt::format("empty, but {}.{} is required", TableName(rule.target), c.name));
        return std::nullopt;
      }
    }
    if (rule.target == Table::kSubscriptions && !out.values["end_date"].empty() &&
        out.values["end_date"] <= out.values["start_date"]) {
      *skip_reason = fmt::format("ended ({}) before its first paid day ({})", out.values["end_date"],
                                 out.values["start_date"]);
      return std::nullopt;
    }
    return out;
  }

  // Parses `value` as the canonical column's type and rewrites it in canonical form.
  bool Convert(Table table, const ColumnRule& r, const DelimitedRow& row, const std::string& column,
               std::string* value, std::string* amount_currency, CanonicalRow* out) {
    const CanonicalColumn* c = FindCanonicalColumn(table, r.target);
    if (!c || value->empty()) return true;
    const std::string shown = *value;
    switch (c->type) {
      case FieldType::kId:
      case FieldType::kText:
        return true;
      case FieldType::kDate: {
        auto d = ParseExportDate(*value, m_.date_formats);
        if (!d) {
          std::vector<std::string_view> expected(m_.date_formats.begin(), m_.date_formats.end());
          expected.push_back("YYYY-MM-DD");
          Problem(row.line, column, fmt::format("'{}' is not a date (expected {})", shown, OrList(expected)));
          return false;
        }
        *value = FormatDate(*d);
        return true;
      }
      case FieldType::kMonth: {
        if (auto m = ParseMonth(*value)) {
          *value = FormatMonth(*m);
          return true;
        }
        auto d = ParseExportDate(*value, m_.date_formats);
        if (!d) {
          Problem(row.line, column, fmt::format("'{}' is not a month (expected YYYY-MM)", shown));
          return false;
        }
        *value = FormatMonth(MonthOfDay(*d));
        return true;
      }
      case FieldType::kMoney:
      case FieldType::kNumber:
      case FieldType::kInt:
      case FieldType::kFraction: {
        auto a = ParseExportAmount(*value, m_.number);
        if (!a) {
          Problem(row.line, column,
                  fmt::format("'{}' is not a number (expected numbers like {})", shown,
                              m_.number.decimal == ',' ? "1.234,56" : "1,234.56"));
          return false;
        }
        double v = a->value;
        if (!a->currency.empty()) *amount_currency = a->currency;
        if (!r.quantity.empty()) {
          if (auto q = Column(r.quantity); q && !Trim(row.fields[*q]).empty()) {
            auto qa = ParseExportAmount(row.fields[*q], m_.number);
            if (!qa) {
              Problem(row.line, text_.header[*q], fmt::format("'{}' is not a quantity", row.fields[*q]));
              return false;
            }
            v *= qa->value;
          }
        }
        if (!r.interval.empty() && Column(r.interval)) {
          if (!Normalise(r, row, &v, out)) return false;
        }
        if (c->type == FieldType::kInt && v != std::floor(v)) {
          Problem(row.line, column, fmt::format("'{}' is not a whole number", shown));
          return false;
        }
        if (c->type == FieldType::kFraction && (v < 0 || v > 1)) {
          Problem(row.line, column, fmt::format("'{}' is not a fraction between 0 and 1", shown));
          return false;
        }
        *value = FormatNumber(v);
        return true;
      }
      case FieldType::kBool: {
        auto b = ParseBool(*value);
        if (!b) {
          Problem(row.line, column, fmt::format("'{}' is not true or false", shown));
          return false;
        }
        *value = *b ? "true" : "false";
        return true;
      }
      case FieldType::kEnum: {
        for (auto e : c->enum_values) {
          if (EqualsIgnoreCase(e, *value)) {
            *value = std::string(e);
            return true;
          }
        }
        std::vector<std::string_view> names(c->enum_values.begin(), c->enum_values.end());
        Problem(row.line, column,
                fmt::format("'{}' is not a {} (expected {}{})", shown, c->name, OrList(names),
                            r.value_map.empty() ? "" : "; add it to the map"));
        return false;
      }
    }
    return true;
  }

  // Turns an amount per interval into a canonical amount and billing period: 1, 3 and 12
  // months keep the amount (month, quarter, year); any other length becomes a yearly
  // price with the same monthly value (a 36-month prepaid amount / 3 per year).
  bool Normalise(const ColumnRule& r, const DelimitedRow& row, double* v, CanonicalRow* out) {
    const size_t ic = *Column(r.interval);
    std::string unit = ToLower(Trim(row.fields[ic]));
    if (unit.empty()) unit = "month";
    double count = 1;
    if (!r.interval_count.empty()) {
      if (auto cc = Column(r.interval_count); cc && !Trim(row.fields[*cc]).empty()) {
        auto n = ParseInteger(Trim(row.fields[*cc]));
        if (!n || *n < 1) {
          Problem(row.line, text_.header[*cc], fmt::format("'{}' is not a whole number of intervals", row.fields[*cc]));
          return false;
        }
        count = static_cast<double>(*n);
      }
    }
    double months = UnitMonths(unit) * count;
    if (unit == "week" || unit == "weekly" || unit == "day" || unit == "daily") {
      const double per_year = (unit[0] == 'w' ? 52.0 : 365.0) / count;
      *v *= per_year;
      out->values["billing_period"] = "year";
      return true;
    }
    if (months == 0) {
      Problem(row.line, text_.header[ic],
              fmt::format("'{}' is not a billing interval (expected day, week, month, quarter or year)", row.fields[ic]));
      return false;
    }
    if (months == 1 || months == 3 || months == 12) {
      out->values["billing_period"] = months == 1 ? "month" : months == 3 ? "quarter" : "year";
      return true;
    }
    *v = *v * 12 / months;
    out->values["billing_period"] = "year";
    return true;
  }

  void Merge(const TableRule& rule, std::vector<CanonicalRow> rows) {
    CanonicalTable* table = nullptr;
    for (auto& t : plan_->tables) {
      if (t.table == rule.target) table = &t;
    }
    if (!table) {
      plan_->tables.push_back(CanonicalTable{rule.target, {}});
      table = &plan_->tables.back();
    }
    for (auto& row : rows) {
      if (rule.key.empty()) {
        table->rows.push_back(std::move(row));
        continue;
      }
      const std::string key = row.values[rule.key];
      auto& keys = keys_[static_cast<int>(rule.target)];
      if (keys.empty()) {
        // Rows merged from earlier sources.
        for (size_t i = 0; i < table->rows.size(); ++i) {
          auto v = table->rows[i].values.find(rule.key);
          if (v != table->rows[i].values.end()) keys.emplace(v->second, i);
        }
      }
      size_t found = table->rows.size();
      if (auto it = keys.find(key); it != keys.end()) found = it->second;
      if (found == table->rows.size()) {
        keys[key] = table->rows.size();
        table->rows.push_back(std::move(row));
        continue;
      }
      for (auto& [k, v] : row.values) {
        std::string& have = table->rows[found].values[k];
        if (have.empty()) have = v;
      }
    }
  }

  const Mapping& m_;
  const DelimitedText& text_;
  std::string file_;
  ImportPlan* plan_;
  SourcePlan* source_;
  std::unordered_map<std::string, size_t> index_;
  std::map<const TableRule*, std::vector<std::pair<std::string, size_t>>> attributes_;
  std::unordered_map<std::string, size_t> keys_[kTableCount];
  std::unordered_set<std::string> reported_;
};

std::string FileName(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

// A temporary folder removed when this goes out of scope.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "flywheel-import-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// "subscriptions.csv:5: ..." -> "stripe.csv:7: ..." using the rows' origins.
std::string TranslateMessages(const ImportPlan& plan, const std::string& messages) {
  std::string out;
  size_t start = 0;
  while (start <= messages.size()) {
    size_t end = messages.find('\n', start);
    if (end == std::string::npos) end = messages.size();
    std::string line = messages.substr(start, end - start);
    for (const auto& t : plan.tables) {
      const std::string prefix = std::string(TableName(t.table)) + ".csv:";
      if (!line.starts_with(prefix)) continue;
      size_t colon = line.find(':', prefix.size());
      auto n = ParseInteger(line.substr(prefix.size(), colon - prefix.size()));
      if (!n || colon == std::string::npos || *n < 2 || *n - 2 >= static_cast<int64_t>(t.rows.size())) continue;
      const CanonicalRow& row = t.rows[*n - 2];
      line = fmt::format("{}:{}: {}", row.file, row.line, Trim(line.substr(colon + 1)));
    }
    out += (out.empty() ? "" : "\n") + line;
    start = end + 1;
  }
  return out;
}

std::string CsvField(const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::vector<std::string> CanonicalTable::Columns() const {
  std::vector<std::string> out;
  for (const auto& c : CanonicalColumns(table)) out.emplace_back(c.name);
  for (const auto& row : rows) {
    for (const auto& [k, v] : row.values) {
      if (!k.starts_with("attr_")) continue;
      bool have = false;
      for (const auto& o : out) have = have || o == k;
      if (!have) out.push_back(k);
    }
  }
  return out;
}

Result<ImportPlan> PlanMappedImport(const std::vector<MappedSource>& sources) {
  ImportPlan plan;
  plan.sources.reserve(sources.size());
  std::vector<DelimitedText> texts;
  texts.reserve(sources.size());
  // Mappers keep per-table key indexes across sources, so one mapper state per import.
  for (const MappedSource& s : sources) {
    const std::string file = FileName(s.path);
    auto text = ReadDelimitedFile(s.path, s.mapping.delimiter, file);
    if (!text.ok()) return text.status();
    texts.push_back(std::move(*text));
    plan.sources.push_back(SourcePlan{file, s.mapping.name, static_cast<int64_t>(texts.back().rows.size()), {}, {}, {}});
    SourceMapper(s.mapping, texts.back(), file, &plan, &plan.sources.back()).Run();
  }
  std::sort(plan.tables.begin(), plan.tables.end(),
            [](const CanonicalTable& a, const CanonicalTable& b) { return a.table < b.table; });
  return plan;
}

Status WriteCanonicalTables(const ImportPlan& plan, const std::string& dir) {
  for (const CanonicalTable& t : plan.tables) {
    const std::string path = (std::filesystem::path(dir) / (std::string(TableName(t.table)) + ".csv")).string();
    std::ofstream out(path, std::ios::binary);
    if (!out) return Status::Io(fmt::format("cannot write {}", path));
    const auto columns = t.Columns();
    for (size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << columns[i];
    out << "\n";
    for (const auto& row : t.rows) {
      for (size_t i = 0; i < columns.size(); ++i) {
        auto it = row.values.find(columns[i]);
        out << (i ? "," : "") << (it == row.values.end() ? "" : CsvField(it->second));
      }
      out << "\n";
    }
    if (!out) return Status::Io(fmt::format("cannot write {}", path));
  }
  return Status::Ok();
}

namespace {

Status PlanProblems(const ImportPlan& plan) {
  std::string joined;
  for (size_t i = 0; i < plan.problems.size(); ++i) joined += (i ? "\n" : "") + plan.problems[i];
  return Status::BadData(joined);
}

}  // namespace

Result<LoadedDataset> ValidateMappedImport(const ImportPlan& plan) {
  if (!plan.problems.empty()) return PlanProblems(plan);
  TempFolder dir;
  if (dir.path().empty()) return Status::Io("cannot create a temporary folder");
  FLYWHEEL_RETURN_IF_ERROR(WriteCanonicalTables(plan, dir.path()));
  auto loaded = LoadDataDirectory(dir.path());
  if (!loaded.ok()) {
    return Status::BadData(TranslateMessages(plan, loaded.status().message()));
  }
  return loaded;
}

Result<ImportSummary> RunMappedImport(const ImportPlan& plan, const std::string& workspace_dir,
                                      const ImportOptions& options) {
  if (!plan.problems.empty()) return PlanProblems(plan);
  TempFolder dir;
  if (dir.path().empty()) return Status::Io("cannot create a temporary folder");
  FLYWHEEL_RETURN_IF_ERROR(WriteCanonicalTables(plan, dir.path()));
  ImportOptions with_source = options;
  if (with_source.source.empty()) {
    for (const SourcePlan& s : plan.sources) {
      with_source.source += fmt::format("{}{} {}", with_source.source.empty() ? "" : ", ", s.mapping, s.file);
    }
  }
  auto summary = ImportDataDirectory(dir.path(), workspace_dir, with_source);
  if (!summary.ok()) {
    if (summary.status().code() != StatusCode::kBadData) return summary.status();
    return Status::BadData(TranslateMessages(plan, summary.status().message()));
  }
  return summary;
}

std::string FormatImportPlan(const ImportPlan& plan, size_t max_problems) {
  std::string out;
  for (const SourcePlan& s : plan.sources) {
    out += fmt::format("{} ({}): {} rows\n", s.file, s.mapping, s.rows);
    for (const TablePlan& t : s.tables) {
      out += fmt::format("  {}: {} rows\n", TableName(t.target), t.rows);
      size_t width = 0;
      for (const auto& [c, from] : t.columns) width = std::max(width, c.size());
      for (const auto& [c, from] : t.columns) out += fmt::format("    {:<{}} <- {}\n", c, width, from);
    }
    for (const auto& note : s.notes) out += fmt::format("  note: {}\n", note);
    if (!s.skipped.empty()) {
      out += fmt::format("  skipped {} row{}:\n", s.skipped.size(), s.skipped.size() == 1 ? "" : "s");
      for (const auto& k : s.skipped) out += fmt::format("    line {}: {}\n", k.line, k.reason);
    }
  }
  out += "canonical rows:";
  for (const auto& t : plan.tables) out += fmt::format(" {} {}", TableName(t.table), t.rows.size());
  out += "\n";
  if (!plan.problems.empty() && max_problems > 0) {
    const size_t shown = std::min(max_problems, plan.problems.size());
    out += fmt::format("problems ({}{}):\n", plan.problems.size() > shown ? fmt::format("first {} of ", shown) : "",
                       plan.problems.size());
    for (size_t i = 0; i < shown; ++i) out += "  " + plan.problems[i] + "\n";
  }
  return out;
}

}  // namespace flywheel
