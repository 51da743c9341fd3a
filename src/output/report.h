// Report: the one shape every report takes on its way out, whatever the format.
//
// A computation returns values and their field metadata; it never lays out text. output/
// owns serialisation: report_writer.h turns a Report into an aligned table, JSON (metrics.md
// "JSON shape") or CSV, and json_row_layout.h is the one fast path that streams rows as
// JSON for every report. No folder but output/, reports/, server/ and cli/ includes the
// JSON writer.
//
// The shape, for a newcomer:
// - a header: name, as_of, period, segment_by, currency;
// - `columns`: typed columns (Column: JSON/CSV name, kind, table title), and rows of Cells,
//   one per column: null, text, integer, number or a list of texts (TextList: a JSON array,
//   in tables and CSV the texts joined by ", ");
// - the rows held (`rows`) or, for a row per account or lead (millions on large data sets),
//   given on demand (`row_at`, `row_at_count`): row i is written into the cells of the row
//   before, set in place (SetText, SetList, ...), so a row costs no allocation;
// - JSON rows richer than the table's: `json_columns` add members only JSON has (their cells
//   follow the columns' in a row), `Column::group` nests columns in one object ("dimensions":
//   {name: score}), `json_order` orders the members or leaves a column out;
// - `extra_tables`: typed JSON members after the rows (a value, one object such as the
//   customers "matrix", or named lists of row objects such as the waterfall's "deals"),
//   streamed like the rows; tables and CSV show the rows alone;
// - `notes` (definitions used, sources, warnings), and for reports whose JSON is small and
//   more than rows (cohort triangles, market models) `json_extra`: members as JSON text.
// What rows given on demand read is owned by the function (shared_ptr captures) or is the
// data set the report was computed from, which outlives the report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace flywheel {

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
  // JSON columns only: the name of the object this column is a member of ("dimensions"):
  // columns of one group are written together as one nested object, at the place of the
  // group's first column in the JSON order. "" otherwise.
  std::string group = {};
  // JSON columns only: the cell is a JSON value as text, in any layout, parsed and laid out
  // again at its place: for the small reports of cli/ whose rows nest deeper than a group or
  // a list (`check`'s errors with their examples). Computations give typed cells instead.
  bool json_text = false;
};

// A list of texts (the customers report's reasons): JSON an array of strings, tables and
// CSV the texts joined by ", " (ListText).
using TextList = std::vector<std::string>;

// A null cell is std::monostate: JSON null, table "—", CSV empty.
using Cell = std::variant<std::monostate, std::string, int64_t, double, TextList>;

// The texts of a list as tables, CSV and workbooks show them: joined by ", ".
std::string ListText(const TextList& list);

// Cells set in place: rows given on demand are written into the same cells row after row,
// so a text or list keeps its buffer and a row costs no allocation once the first is made.
void SetText(Cell* cell, std::string_view text);
void SetTextOrNull(Cell* cell, std::string_view text);  // "" is null
void SetNumberOrNull(Cell* cell, double v);             // NaN is null
// The texts of `parts`, in order, as one list.
void SetList(Cell* cell, std::initializer_list<const std::vector<std::string>*> parts);

// Rows of typed columns, held as cells or given on demand. When `at` is set, `rows` is empty
// and row i (0 <= i < count) is written into the cells passed (those of the row before:
// every cell must be set), one at a time, as the writers go; the function owns or points to
// what it reads (shared_ptr captures), or reads a data set that outlives the report.
struct TableRows {
  std::vector<std::vector<Cell>> rows;
  size_t count = 0;
  std::function<void(size_t, std::vector<Cell>*)> at;
  size_t size() const { return at ? count : rows.size(); }
};

// A typed JSON member after the header and the rows, written by the row writer like the rows
// (streamed, the same layout), so no report writes JSON text itself. JSON only: tables and
// CSV show the report's rows alone.
struct ExtraTable {
  enum class Shape {
    kValue,   // the first cell of the first row, as a value ("from": "2025-01-01")
    kObject,  // the first row as one object of the columns (customers "matrix")
    kLists,   // an object of lists of row objects, one member per `lists` entry, in order,
              // empty ones included (waterfall "deals": {bar: [{opportunity_id, amount}]})
  };
  std::string key;
  Shape shape = Shape::kValue;
  std::vector<Column> columns;
  // kLists: each list's name and the end of its rows (rows lists[k-1].second up to
  // lists[k].second belong to list k).
  std::vector<std::pair<std::string, size_t>> lists;
  TableRows rows;
};
ExtraTable ExtraValue(std::string key, Cell value);
ExtraTable ExtraObject(std::string key, std::vector<Column> columns, std::vector<Cell> row);

struct Report {
  std::string name;        // "revenue", "cohorts", ...
  std::string as_of;       // YYYY-MM-DD
  std::string period;      // "month" | "quarter" | "year" | "" when not periodic
  std::string segment_by;  // "" when not segmented
  std::string currency;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  // Reports with a row per lead or account (prospects: millions on large data sets) give
  // their rows on demand instead of holding them as cells: when `row_at` is set, `rows` is
  // empty and row i (0 <= i < row_at_count) is written into the cells passed (TableRows::at),
  // so a cell is never held for more than one row.
  size_t row_at_count = 0;
  std::function<void(size_t, std::vector<Cell>*)> row_at;
  // JSON rows richer than the table's: members that only JSON has, whose cells follow the
  // columns' in every row (the customers report's "dimensions", a group, and its
  // "previous_score"). Tables, CSV and "fields" show `columns` alone.
  std::vector<Column> json_columns;
  // The members of a JSON row in order, as indices into columns then json_columns; a column
  // left out is not in JSON (a table's total whose JSON is an object). Empty: every column,
  // then every JSON column, as given.
  std::vector<size_t> json_order;
  // Fields that are not columns but still carry numbers: members of json_extra ("total") and
  // fields named by rows (the flywheel indicators). JSON "fields" lists them after the columns.
  std::vector<Column> extra_fields;
  std::vector<std::string> notes;  // shown under the table; JSON "notes"
  // JSON only: extra top-level members as (key, serialized JSON value), in order, after
  // the header fields; used by reports whose JSON is more than rows (cohort triangles:
  // "cohorts", "weighted_average"). The texts are parsed and laid out again. When json_rows
  // is false, "rows" is left out of JSON. Keys must differ from the header's and from each
  // other's, extra_tables' included.
  std::vector<std::pair<std::string, std::string>> json_extra;
  // JSON only: typed extra members, after json_extra's, streamed by the writer.
  std::vector<ExtraTable> extra_tables;
  bool json_rows = true;
};

// The number of rows of `report`, held or given on demand.
inline size_t RowCount(const Report& report) {
  return report.row_at ? report.row_at_count : report.rows.size();
}

// Calls f(row) for every row of `source` in order, held or given on demand.
template <typename F>
void ForEachRow(const std::vector<std::vector<Cell>>& rows, size_t count,
                const std::function<void(size_t, std::vector<Cell>*)>& at, F&& f) {
  if (!at) {
    for (const auto& row : rows) f(row);
    return;
  }
  std::vector<Cell> row;
  for (size_t i = 0; i < count; ++i) {
    at(i, &row);
    f(static_cast<const std::vector<Cell>&>(row));
  }
}

// Calls f(row) for every row in order, held or given on demand (row_at). Rows given on
// demand may hold the cells of json_columns after those of the columns.
template <typename F>
void ForEachRow(const Report& report, F&& f) {
  ForEachRow(report.rows, report.row_at_count, report.row_at, std::forward<F>(f));
}

}  // namespace flywheel
