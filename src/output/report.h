// Report: the one shape every report takes on its way out, whatever the format.
//
// A report is a header (name, as_of, period, segment_by, currency), a list of typed
// columns and rows of cells, plus notes (definitions used, sources, warnings). The writers
// in report_writer.h turn it into an aligned table, JSON (metrics.md "JSON shape") or CSV.
// Reports whose JSON is not a flat list of rows (cohort triangles, market models) add
// members with `json_extra` and still give a table form for the other formats.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace flywheel {

class JsonWriter;  // output/json_writer.h

enum class ColumnKind {
  kText,         // as is
  kInteger,      // counts
  kMoney,        // base currency; tables show thousands separators and 2 decimals (0 for large)
  kRate,         // a fraction: JSON 0.25, table "25.0 %"
  kNumber,       // a plain number (ratios, months, days); tables show 2 decimals
  kDays,         // durations in days; tables show 1 decimal
  kCoefficient,  // a model coefficient that may be small (Bass p, q); tables show 4 significant digits
  kRatio,        // a ratio of two amounts (quick ratio, burn multiple); tables show 2 decimals
  kDate,         // a YYYY-MM-DD text, as is
};

// The unit a reader formats a field's numbers in ("fields" of the JSON, docs/API.md):
// money | percent | ratio | days | count | number | text | date.
std::string_view ColumnUnit(ColumnKind kind);

struct Column {
  std::string name;  // the JSON / CSV field name (snake_case contract)
  ColumnKind kind = ColumnKind::kText;
  std::string title;  // table header; defaults to `name`
  // Whether a number of this field opens its rows (GET /api/drilldown/<report>); set for the
  // registry's reports by reports/drilldown_fields.h.
  bool drilldown = false;
  // For value columns of rows that name their field (the flywheel indicators: "indicator"),
  // the column that names it: the values take that field's unit. "" otherwise.
  std::string unit_from = {};
};

// A null cell is std::monostate: JSON null, table "—", CSV empty.
using Cell = std::variant<std::monostate, std::string, int64_t, double>;

struct Report {
  std::string name;        // "revenue", "cohorts", ...
  std::string as_of;       // YYYY-MM-DD
  std::string period;      // "month" | "quarter" | "year" | "" when not periodic
  std::string segment_by;  // "" when not segmented
  std::string currency;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  // Reports with a row per lead or account (prospects: millions on large data sets) may give
  // their rows on demand instead of holding them as cells: when `row_at` is set, `rows` is
  // empty and row i (0 <= i < row_at_count) is written into the vector passed, one at a time,
  // as the writers go. A cell is then never held for more than one row. The function may
  // read the data set the report was computed from, which must outlive the report.
  size_t row_at_count = 0;
  std::function<void(size_t, std::vector<Cell>*)> row_at;
  // With row_at, reports whose JSON rows are richer than their cells (the customers report's
  // dimensions and lists of reasons) may write JSON row i themselves: one value, with the
  // writer they are given, which is inside the "rows" array. Then no row's JSON is held
  // longer than it takes to hand it on.
  std::function<void(size_t, JsonWriter*)> json_row_at;
  // Whatever else row_at reads (the customers report's scores), owned by the report when its
  // maker cannot be sure the owner outlives it.
  std::shared_ptr<const void> keep_alive;
  // Fields that are not columns but still carry numbers: members of json_extra ("total") and
  // fields named by rows (the flywheel indicators). JSON "fields" lists them after the columns.
  std::vector<Column> extra_fields;
  std::vector<std::string> notes;  // shown under the table; JSON "notes"
  // JSON only: extra top-level members as (key, serialized JSON value), in order, after
  // the header fields; used by reports whose JSON is more than rows (cohort triangles:
  // "cohorts", "weighted_average"). When json_rows is false, "rows" is left out of JSON.
  // Keys must differ from the header's and from each other. The texts are parsed and laid
  // out again, unless json_extra_written says a JsonWriter at level 1 wrote them (the large
  // per-account lists), when they are copied as they are.
  std::vector<std::pair<std::string, std::string>> json_extra;
  bool json_extra_written = false;
  bool json_rows = true;
};

// The number of rows of `report`, held or given on demand.
inline size_t RowCount(const Report& report) {
  return report.row_at ? report.row_at_count : report.rows.size();
}

// Calls f(row) for every row in order, held or given on demand (row_at).
template <typename F>
void ForEachRow(const Report& report, F&& f) {
  if (!report.row_at) {
    for (const auto& row : report.rows) f(row);
    return;
  }
  std::vector<Cell> row;
  for (size_t i = 0; i < report.row_at_count; ++i) {
    row.clear();
    report.row_at(i, &row);
    f(static_cast<const std::vector<Cell>&>(row));
  }
}

}  // namespace flywheel
