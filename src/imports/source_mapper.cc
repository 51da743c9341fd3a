#include "imports/source_mapper.h"

#include <fmt/core.h>

#include <cmath>
#include <map>
#include <unordered_map>

#include "base/strings.h"
#include "imports/date_format_guess.h"
#include "ingest/field_parsers.h"
#include "ingest/text_encoding.h"
#include "model/schema.h"

namespace flywheel {

namespace {

// An id hashed from `parts`; "" when every part is empty (nothing to tell the row by).
std::string DerivedId(const std::string& prefix, const std::vector<std::string>& parts) {
  bool any = false;
  for (const auto& p : parts) any = any || !Trim(p).empty();
  if (!any) return "";
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

// A yes/no export value as "true" or "false" (empty is false: Salesforce writes false as an
// empty field); the value itself when it is neither.
std::string BooleanText(const std::string& v) {
  if (v.empty() || EqualsIgnoreCase(v, "x")) return v.empty() ? "false" : "true";
  if (auto b = ParseBool(v)) return *b ? "true" : "false";
  return v;
}

// What mapping one row for one table gave: a canonical row, a rule's reason to skip it, or
// neither (the row was rejected: it is in the plan with its problems).
struct RowOutcome {
  std::optional<CanonicalRow> row;
  std::string skip_reason;
  std::vector<RowProblem> problems;  // while mapping
};

class SourceMapper {
 public:
  SourceMapper(const Mapping& m, const DelimitedText& text, std::string file, ImportPlan* plan,
               SourcePlan* source)
      : m_(m), text_(text), file_(std::move(file)), plan_(plan), source_(source) {
    IndexHeader();
  }

  void Run() {
    std::vector<std::vector<CanonicalRow>> out(m_.tables.size());
    std::vector<bool> usable(m_.tables.size(), true);
    for (size_t t = 0; t < m_.tables.size(); ++t) usable[t] = Describe(m_.tables[t]);
    GuessDateFormats();
    for (const DelimitedRow& row : text_.rows) {
      std::vector<RowProblem> whole_row = RowProblems(row);
      bool skipped_once = false;
      for (size_t t = 0; t < m_.tables.size(); ++t) {
        if (!usable[t]) continue;
        if (!whole_row.empty()) {
          Reject(m_.tables[t].target, CanonicalRow{{}, file_, row.line}, whole_row);
          continue;
        }
        RowOutcome outcome = MapRow(m_.tables[t], row);  // a row it cannot map is rejected there
        if (outcome.row) {
          out[t].push_back(std::move(*outcome.row));
        } else if (!outcome.skip_reason.empty() && !skipped_once) {
          source_->skipped.push_back({row.line, outcome.skip_reason});
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
  // Maps normalised header names to columns; a name given twice is a warning, and the first
  // of its columns is the one read.
  void IndexHeader() {
    std::map<std::string, std::vector<size_t>> positions;
    for (size_t i = 0; i < text_.header.size(); ++i) {
      const std::string name = NormalHeader(text_.header[i]);
      index_.emplace(name, i);
      positions[name].push_back(i);
    }
    for (size_t i = 0; i < text_.header.size(); ++i) {
      const auto& at = positions[NormalHeader(text_.header[i])];
      if (at.size() < 2 || at.front() != i) continue;
      std::string list;
      for (size_t k = 0; k < at.size(); ++k) {
        list += (k == 0 ? "" : k + 1 == at.size() ? " and " : ", ") + std::to_string(at[k] + 1);
      }
      plan_->warnings.push_back(
          fmt::format("{}:1: column '{}' appears at positions {}; the first (position {}) is read", file_,
                      Trim(text_.header[i]), list, i + 1));
    }
  }

  // Problems of the row as a whole: a wrong number of fields, bytes that are not UTF-8.
  std::vector<RowProblem> RowProblems(const DelimitedRow& row) const {
    std::vector<RowProblem> out;
    if (row.fields.size() != text_.header.size()) {
      out.push_back({row.line, "", "field_count",
                     fmt::format("expected {} fields, found {}", text_.header.size(), row.fields.size()),
                     ""});
      return out;
    }
    if (!text_.may_hold_invalid_utf8) return out;
    for (size_t i = 0; i < row.fields.size(); ++i) {
      std::string problem = Utf8Problem(row.fields[i]);
      if (!problem.empty())
        out.push_back({row.line, ValidUtf8Copy(Trim(text_.header[i])), "invalid_utf8", problem, ""});
    }
    return out;
  }

  void Reject(Table table, CanonicalRow values, std::vector<RowProblem> problems) {
    plan_->rejected.push_back(RejectedRow{table, std::move(values), std::move(problems)});
  }

  std::optional<size_t> Column(const std::string& name) const {
    auto it = index_.find(NormalHeader(name));
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }

  // The trimmed field of column c; a value the mapping lists as null is empty.
  std::string Field(const DelimitedRow& row, size_t c) const {
    std::string v(Trim(row.fields[c]));
    for (const auto& null : m_.nulls) {
      if (v == null) return "";
    }
    return v;
  }

  // The rule to apply: `r`, or its fallback when the file lacks r's columns (all of them;
  // with `join`, any of them).
  const ColumnRule& Effective(const ColumnRule& r) const {
    if (r.constant || r.fallback.empty()) return r;
    size_t present = 0;
    for (const auto& s : r.sources) present += Column(s).has_value();
    const bool usable = r.join.empty() ? present > 0 : present == r.sources.size() && present > 0;
    return usable ? r : Effective(r.fallback.front());
  }

  // The export columns a rule reads, as named in messages: "IsClosed/IsWon" for a join.
  std::string ColumnLabel(const ColumnRule& r) const {
    std::string label;
    for (const auto& s : r.sources) {
      if (auto c = Column(s))
        label += (label.empty() ? "" : r.join.empty() ? " | " : r.join) + text_.header[*c];
    }
    return label;
  }

  // Fills the plan's description of table `rule`; false when the file lacks a column the
  // table needs (reported once, as a problem on the header line).
  bool Describe(const TableRule& rule) {
    TablePlan tp;
    tp.target = rule.target;
    bool ok = true;
    const std::string table(TableName(rule.target));
    for (const ColumnRule& declared : rule.columns) {
      const ColumnRule& r = Effective(declared);
      std::string from;
      const std::string present = ColumnLabel(r);
      if (r.constant) {
        from = fmt::format("\"{}\"", *r.constant);
      } else if (!present.empty()) {
        from = r.join.empty() ? present : [&] {
          std::string joined;
          for (const auto& s : r.sources) {
            if (auto c = Column(s)) joined += (joined.empty() ? "" : " + ") + text_.header[*c];
          }
          return joined;
        }();
      } else if (!r.derive.empty()) {
        std::vector<std::string> parts;
        for (const auto& d : r.derive) {
          if (!Column(d)) {
            FileProblem(fmt::format("missing column '{}' (the {} mapping derives {}.{} from it)", d, m_.name,
                                    table, r.target));
            ok = false;
          }
          parts.push_back(d);
        }
        from = "derived from ";
        for (size_t i = 0; i < parts.size(); ++i) from += (i ? " + " : "") + parts[i];
        std::string missing;
        for (size_t i = 0; i < r.sources.size(); ++i) missing += (i ? "' or '" : "") + r.sources[i];
        source_->notes.push_back(fmt::format("{}.{} derived from {} (the file has no '{}' column)", table,
                                             r.target, from.substr(13), missing));
      } else if (r.optional) {
        continue;
      } else {
        std::string names;
        for (size_t i = 0; i < r.sources.size(); ++i) names += (i ? "' or '" : "") + r.sources[i];
        FileProblem(fmt::format("missing column '{}' (the {} mapping reads it for {}.{})", names, m_.name,
                                table, r.target));
        ok = false;
        continue;
      }
      if (r.booleans) from += " (yes/no)";
      if (!r.value_map.empty()) from += " (mapped)";
      if (!r.quantity.empty() && Column(r.quantity)) from += " × " + text_.header[*Column(r.quantity)];
      if (!r.interval.empty() && Column(r.interval)) {
        from += " per " + text_.header[*Column(r.interval)];
        if (!r.interval_count.empty() && Column(r.interval_count))
          from += " × " + text_.header[*Column(r.interval_count)];
      }
      tp.columns.emplace_back(r.target, from);
      if (!r.interval.empty() && Column(r.interval))
        tp.columns.emplace_back("billing_period", "from " + from.substr(from.find(" per ") + 5));
    }
    if (!rule.attribute_suffix.empty()) DescribeAttributes(rule, &tp);
    source_->tables.push_back(std::move(tp));
    return ok;
  }

  void DescribeAttributes(const TableRule& rule, TablePlan* tp) {
    const std::string suffix = ToLower(rule.attribute_suffix);
    for (const auto& h : text_.header) {
      std::string low = ToLower(h);
      if (low.size() > suffix.size() && low.ends_with(suffix)) {
        std::string name = "attr_" + Slug(h.substr(0, h.size() - suffix.size()));
        attributes_[&rule].emplace_back(name, *Column(h));
        tp->columns.emplace_back(name, h);
      }
    }
  }

  void FileProblem(const std::string& what) {
    plan_->problems.push_back(fmt::format("{}:1: {}", file_, what));
  }

  // For each date column the mapping's formats do not read: the format guessed from its
  // values, or the ambiguity as a problem of the file.
  void GuessDateFormats() {
    for (const TableRule& table : m_.tables) {
      for (const ColumnRule& declared : table.columns) {
        const ColumnRule& r = Effective(declared);
        const CanonicalColumn* c = FindCanonicalColumn(table.target, r.target);
        if (!c || (c->type != FieldType::kDate && c->type != FieldType::kMonth)) continue;
        for (const auto& s : r.sources) {
          auto column = Column(s);
          if (!column || guessed_.count(*column)) continue;
          guessed_[*column] = GuessColumn(*column, Formats(r, std::nullopt));
        }
      }
    }
  }

  std::string GuessColumn(size_t column, const std::vector<std::string>& known) {
    std::vector<std::string> owned;
    for (const DelimitedRow& row : text_.rows) {
      if (row.fields.size() == text_.header.size()) {
        std::string v = Field(row, column);
        if (!v.empty()) owned.push_back(std::move(v));
      }
    }
    const std::vector<std::string_view> values(owned.begin(), owned.end());
    DateFormatGuess guess = GuessDateFormat(values, known);
    if (!guess.problem.empty()) FileProblem(fmt::format("{}: {}", text_.header[column], guess.problem));
    if (!guess.format.empty()) {
      source_->notes.push_back(
          fmt::format("{}: dates read as {} (found from the values)", text_.header[column], guess.format));
    }
    return guess.format;
  }

  // The date formats tried for rule `r` (on `column`, when known): its own, the one guessed
  // for the column, the mapping's.
  std::vector<std::string> Formats(const ColumnRule& r, std::optional<size_t> column) const {
    std::vector<std::string> formats = r.date_formats;
    if (column) {
      if (auto it = guessed_.find(*column); it != guessed_.end() && !it->second.empty())
        formats.push_back(it->second);
    }
    formats.insert(formats.end(), m_.date_formats.begin(), m_.date_formats.end());
    return formats;
  }

  // The raw value of rule `r` in `row` and the source column it came from.
  std::string RawValue(const ColumnRule& r, const DelimitedRow& row, std::string* column,
                       std::optional<size_t>* index) {
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
      std::string v = Field(row, *c);
      if (r.booleans) v = BooleanText(v);
      if (!r.join.empty()) {
        *column = ColumnLabel(r);
        if (joined++ > 0) value += r.join;
        value += v;
        continue;
      }
      if (column->empty()) {
        *column = text_.header[*c];
        *index = c;
      }
      if (!v.empty()) {
        *column = text_.header[*c];
        *index = c;
        return v;
      }
    }
    if (!any && !r.derive.empty()) {
      std::vector<std::string> parts;
      for (const auto& d : r.derive) parts.emplace_back(Field(row, *Column(d)));
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

  // The source-column skip rules: the reason of the first that matches, else "".
  std::string SourceSkip(const TableRule& rule, const DelimitedRow& row) {
    for (const SkipRule& s : rule.skip) {
      if (s.column.empty()) continue;
      auto c = Column(s.column);
      if (c && Matches(Field(row, *c), s.values, s.empty)) return fmt::format("{}: {}", s.column, s.reason);
    }
    return "";
  }

  RowOutcome MapRow(const TableRule& rule, const DelimitedRow& row) {
    RowOutcome outcome;
    outcome.skip_reason = SourceSkip(rule, row);
    if (!outcome.skip_reason.empty()) return outcome;
    CanonicalRow out;
    out.file = file_;
    out.line = row.line;
    std::string amount_currency;
    std::map<std::string, std::string> used_column;
    row_problems_ = &outcome.problems;
    for (int pass = 0; pass < 2; ++pass) {
      for (const ColumnRule& declared : rule.columns) {
        const ColumnRule& r = Effective(declared);
        if (r.when.empty() != (pass == 0)) continue;
        bool applies = true;
        for (const auto& [col, values] : r.when) applies = applies && Matches(out.values[col], values, false);
        if (!applies) continue;
        std::string column;
        std::optional<size_t> index;
        std::string value = MappedValue(r, row, &column, &index);
        used_column[r.target] = column;
        Convert(rule.target, r, row, column, index, &value, &amount_currency, &out);
        if (out.values[r.target].empty() || !value.empty()) out.values[r.target] = value;
      }
    }
    row_problems_ = nullptr;
    if (auto it = attributes_.find(&rule); it != attributes_.end()) {
      for (const auto& [name, c] : it->second) out.values[name] = Field(row, c);
    }
    if (!outcome.problems.empty()) {
      Reject(rule.target, std::move(out), std::move(outcome.problems));
      return RowOutcome{};
    }
    return Finish(rule, row, std::move(out), amount_currency, used_column);
  }

  // The raw value after `split`, `default` and the value map.
  std::string MappedValue(const ColumnRule& r, const DelimitedRow& row, std::string* column,
                          std::optional<size_t>* index) {
    std::string value = RawValue(r, row, column, index);
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
    return value;
  }

  // The checks after every column is mapped: currency, target skip rules, required values.
  RowOutcome Finish(const TableRule& rule, const DelimitedRow& row, CanonicalRow out,
                    const std::string& amount_currency, std::map<std::string, std::string>& used_column) {
    RowOutcome outcome;
    // Currency: the mapped column, else the amount's symbol, else the mapping's default.
    if (FindCanonicalColumn(rule.target, "currency")) {
      std::string& cur = out.values["currency"];
      if (cur.empty()) cur = amount_currency.empty() ? m_.currency : amount_currency;
      cur = ToUpper(cur);
    }
    for (const SkipRule& s : rule.skip) {
      if (!s.target.empty() && Matches(out.values[s.target], s.values, s.empty)) {
        outcome.skip_reason = fmt::format("{}: {}", s.target, s.reason);
        return outcome;
      }
    }
    for (const CanonicalColumn& c : CanonicalColumns(rule.target)) {
      if (c.required && out.values[std::string(c.name)].empty()) {
        std::string col = used_column.count(std::string(c.name)) ? used_column[std::string(c.name)] : "";
        Reject(rule.target, std::move(out),
               {{row.line, col.empty() ? std::string(c.name) : col, "missing_mapped_value",
                 fmt::format("empty, but {}.{} is required", TableName(rule.target), c.name), ""}});
        return outcome;
      }
    }
    if (rule.target == Table::kSubscriptions && !out.values["end_date"].empty() &&
        out.values["end_date"] <= out.values["start_date"]) {
      outcome.skip_reason = fmt::format("ended ({}) before its first paid day ({})", out.values["end_date"],
                                        out.values["start_date"]);
      return outcome;
    }
    outcome.row = std::move(out);
    return outcome;
  }

  void Problem(int64_t line, std::string_view column, const std::string& what) {
    if (row_problems_) row_problems_->push_back({line, std::string(column), "unmapped_value", what, ""});
  }

  // Parses `value` as the canonical column's type and rewrites it in canonical form; false
  // (and a problem) when it is not a value of the type.
  bool Convert(Table table, const ColumnRule& r, const DelimitedRow& row, const std::string& column,
               std::optional<size_t> index, std::string* value, std::string* amount_currency,
               CanonicalRow* out) {
    const CanonicalColumn* c = FindCanonicalColumn(table, r.target);
    if (!c || value->empty()) return true;
    switch (c->type) {
      case FieldType::kId:
      case FieldType::kText:
      case FieldType::kCurrency:
        return true;
      case FieldType::kDate:
        return ConvertDate(r, row, column, index, value);
      case FieldType::kMonth:
        return ConvertMonth(r, row, column, index, value);
      case FieldType::kMoney:
      case FieldType::kNumber:
      case FieldType::kInt:
      case FieldType::kFraction:
        return ConvertNumber(*c, r, row, column, value, amount_currency, out);
      case FieldType::kBool: {
        auto b = ParseBool(*value);
        if (!b) {
          Problem(row.line, column, fmt::format("'{}' is not true or false", *value));
          return false;
        }
        *value = *b ? "true" : "false";
        return true;
      }
      case FieldType::kEnum:
        return ConvertEnum(*c, r, row, column, value);
    }
    return true;
  }

  bool ConvertDate(const ColumnRule& r, const DelimitedRow& row, const std::string& column,
                   std::optional<size_t> index, std::string* value) {
    const std::vector<std::string> formats = Formats(r, index);
    auto d = ParseExportDate(*value, formats);
    if (!d) {
      std::vector<std::string_view> expected(formats.begin(), formats.end());
      expected.push_back("YYYY-MM-DD");
      Problem(row.line, column, fmt::format("'{}' is not a date (expected {})", *value, OrList(expected)));
      return false;
    }
    *value = FormatDate(*d);
    return true;
  }

  bool ConvertMonth(const ColumnRule& r, const DelimitedRow& row, const std::string& column,
                    std::optional<size_t> index, std::string* value) {
    if (auto m = ParseMonth(*value)) {
      *value = FormatMonth(*m);
      return true;
    }
    auto d = ParseExportDate(*value, Formats(r, index));
    if (!d) {
      Problem(row.line, column, fmt::format("'{}' is not a month (expected YYYY-MM)", *value));
      return false;
    }
    *value = FormatMonth(MonthOfDay(*d));
    return true;
  }

  bool ConvertEnum(const CanonicalColumn& c, const ColumnRule& r, const DelimitedRow& row,
                   const std::string& column, std::string* value) {
    for (auto e : c.enum_values) {
      if (EqualsIgnoreCase(e, *value)) {
        *value = std::string(e);
        return true;
      }
    }
    std::vector<std::string_view> names(c.enum_values.begin(), c.enum_values.end());
    Problem(row.line, column,
            fmt::format("'{}' is not a {} (expected {}{})", *value, c.name, OrList(names),
                        r.value_map.empty() ? "" : "; add it to the map"));
    return false;
  }

  bool ConvertNumber(const CanonicalColumn& c, const ColumnRule& r, const DelimitedRow& row,
                     const std::string& column, std::string* value, std::string* amount_currency,
                     CanonicalRow* out) {
    auto a = ParseExportAmount(*value, m_.number);
    if (!a) {
      Problem(row.line, column,
              fmt::format("'{}' is not a number (expected numbers like {})", *value,
                          m_.number.decimal == ',' ? "1.234,56" : "1,234.56"));
      return false;
    }
    double v = a->value;
    if (!a->currency.empty()) *amount_currency = a->currency;
    if (!r.quantity.empty()) {
      if (auto q = Column(r.quantity); q && !Field(row, *q).empty()) {
        auto qa = ParseExportAmount(Field(row, *q), m_.number);
        if (!qa) {
          Problem(row.line, text_.header[*q], fmt::format("'{}' is not a quantity", Field(row, *q)));
          return false;
        }
        v *= qa->value;
      }
    }
    if (!r.interval.empty() && Column(r.interval)) {
      if (!Normalise(r, row, &v, out)) return false;
    }
    if (c.type == FieldType::kInt && v != std::floor(v)) {
      Problem(row.line, column, fmt::format("'{}' is not a whole number", *value));
      return false;
    }
    if (c.type == FieldType::kFraction && (v < 0 || v > 1)) {
      Problem(row.line, column, fmt::format("'{}' is not a fraction between 0 and 1", *value));
      return false;
    }
    *value = CanonicalNumber(v);
    return true;
  }

  // Turns an amount per interval into a canonical amount and billing period: 1, 3 and 12
  // months keep the amount (month, quarter, year); any other length becomes a yearly
  // price with the same monthly value (a 36-month prepaid amount / 3 per year).
  bool Normalise(const ColumnRule& r, const DelimitedRow& row, double* v, CanonicalRow* out) {
    const size_t ic = *Column(r.interval);
    std::string unit = ToLower(Field(row, ic));
    if (unit.empty()) unit = "month";
    double count = 1;
    if (!r.interval_count.empty()) {
      if (auto cc = Column(r.interval_count); cc && !Field(row, *cc).empty()) {
        auto n = ParseInteger(Field(row, *cc));
        if (!n || *n < 1) {
          Problem(row.line, text_.header[*cc],
                  fmt::format("'{}' is not a whole number of intervals", row.fields[*cc]));
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
              fmt::format("'{}' is not a billing interval (expected day, week, month, quarter or year)",
                          row.fields[ic]));
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
    if (rule.key.empty()) {
      for (auto& row : rows) table->rows.push_back(std::move(row));
      return;
    }
    // Rows merged from earlier sources.
    std::unordered_map<std::string, size_t> keys;
    for (size_t i = 0; i < table->rows.size(); ++i) {
      auto v = table->rows[i].values.find(rule.key);
      if (v != table->rows[i].values.end()) keys.emplace(v->second, i);
    }
    for (auto& row : rows) {
      const std::string key = row.values[rule.key];
      auto [it, added] = keys.try_emplace(key, table->rows.size());
      if (added) {
        table->rows.push_back(std::move(row));
        continue;
      }
      for (auto& [k, v] : row.values) {
        std::string& have = table->rows[it->second].values[k];
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
  std::map<size_t, std::string> guessed_;            // date column -> its guessed format ("" = none)
  std::vector<RowProblem>* row_problems_ = nullptr;  // the problems of the row being mapped
};

}  // namespace

std::string NormalHeader(std::string_view header) {
  std::string s = ToLower(Trim(header));
  if (s.ends_with("(utc)")) s = std::string(Trim(s.substr(0, s.size() - 5)));
  return s;
}

std::string CanonicalNumber(double v) { return fmt::format("{}", v); }

void MapSource(const Mapping& mapping, const DelimitedText& text, const std::string& file, ImportPlan* plan,
               SourcePlan* source) {
  SourceMapper(mapping, text, file, plan, source).Run();
}

}  // namespace flywheel
