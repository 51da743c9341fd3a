#include "workspace/canonical_views.h"

#include <fmt/core.h>

#include <algorithm>

#include "workspace/column_chunks.h"
#include "workspace/sqlite_db.h"
#include "workspace/stored_columns.h"

namespace flywheel {
namespace {

// `s` as an SQL string literal.
std::string Quoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// SQL expressions that decode stored bytes. A value's bytes are taken from its chunk once,
// as hex text (`h`: hex(substr(data, offset, width))), and put together from there: each
// access to a chunk costs far more than work on a short text.
std::string WithHex(const std::string& d, const std::string& o, const std::string& width,
                    const std::string& expr) {
  return fmt::format("(SELECT {} FROM (SELECT hex(substr({}, {}, {})) AS h))", expr, d, o, width);
}

// Every byte's hex text, a space after each: a byte's two digits are found at 3 × its value
// (the spaces keep a match from straddling two bytes).
const std::string& HexPairs() {
  static const std::string pairs = [] {
    std::string out;
    for (int b = 0; b < 256; ++b) out += fmt::format("{:02X} ", b);
    return out;
  }();
  return pairs;
}

// Byte k of `h`.
std::string Byte(int k) {
  return fmt::format("((instr('{}', substr(h, {}, 2)) - 1) / 3)", HexPairs(), 2 * k + 1);
}

// An unsigned little-endian integer of `width` bytes from byte `first` of `h`.
std::string Unsigned(int width, int first = 0) {
  std::string out = "(";
  for (int k = 0; k < width; ++k) {
    if (k) out += " + ";
    out += Byte(first + k);
    if (k) out += fmt::format(" * {}", uint64_t{1} << (8 * k));
  }
  return out + ")";
}

std::string Int32() { return fmt::format("((({} + 2147483648) % 4294967296) - 2147483648)", Unsigned(4)); }

std::string Int64() {
  return fmt::format("({} + ({} - 256 * ({} >= 128)) * 72057594037927936)", Unsigned(7), Byte(7), Byte(7));
}

// An IEEE double (8 bytes) or float (4), NULL for NaN.
std::string Real(int width) {
  std::string bytes;
  for (int k = 0; k < width; ++k) bytes += fmt::format("{}{} AS b{}", k ? ", " : "", Byte(k), k);
  if (width == 4) {
    return fmt::format(
        "(SELECT CASE WHEN e = 255 THEN NULL WHEN e = 0 THEN m * power(2, -149) "
        "ELSE (m + 8388608) * power(2, e - 150) END * (1 - 2 * s) FROM (SELECT b3 / 128 AS s, "
        "(b3 % 128) * 2 + b2 / 128 AS e, (b2 % 128) * 65536 + b1 * 256 + b0 AS m FROM (SELECT {})))",
        bytes);
  }
  return fmt::format(
      "(SELECT CASE WHEN e = 2047 THEN NULL WHEN e = 0 THEN m * power(2, -1074) "
      "ELSE (m + 4503599627370496) * power(2, e - 1075) END * (1 - 2 * s) FROM (SELECT b7 / 128 AS s, "
      "(b7 % 128) * 16 + b6 / 16 AS e, (b6 % 16) * 281474976710656 + b5 * 1099511627776 + b4 * 4294967296 + "
      "b3 * 16777216 + b2 * 65536 + b1 * 256 + b0 AS m FROM (SELECT {})))",
      bytes);
}

// Row `r` of a text chunk `d` (base `base`, `rows` rows, `width`-byte ends); NULL when empty.
// Its start is the end of the row before (the chunk's base for its first row).
std::string Text(const std::string& d, const std::string& base, const std::string& r, const std::string& rows,
                 int width) {
  const std::string ends = fmt::format(
      "SELECT CASE WHEN ({r}) = 0 THEN {base} ELSE {first} END AS s, CASE WHEN ({r}) = 0 THEN {first} ELSE "
      "{second} "
      "END AS e FROM (SELECT hex(substr({d}, {w} * max(({r}) - 1, 0) + 1, CASE WHEN ({r}) = 0 THEN {w} ELSE "
      "{w2} "
      "END)) AS h)",
      fmt::arg("r", r), fmt::arg("base", base), fmt::arg("first", Unsigned(width)),
      fmt::arg("second", Unsigned(width, width)), fmt::arg("d", d), fmt::arg("w", width),
      fmt::arg("w2", 2 * width));
  return fmt::format(
      "(SELECT nullif(CAST(substr({d}, {w} * ({n}) + s - {base} + 1, e - s) AS TEXT), '') FROM ({ends}))",
      fmt::arg("d", d), fmt::arg("w", width), fmt::arg("n", rows), fmt::arg("base", base),
      fmt::arg("ends", ends));
}

// Row `row` (an SQL expression, NULL-safe) of a stored text column, looked up in its chunks.
std::string LookUpText(int64_t snapshot, std::string_view table, const StoredColumn& column,
                       int64_t chunk_rows, const std::string& row) {
  const ColumnShape s = ShapeOf(column, chunk_rows);
  const std::string text =
      Text("k.data", "k.base", fmt::format("v % {}", s.chunk_rows),
           fmt::format("min({}, {} - k.chunk * {})", s.chunk_rows, s.rows, s.chunk_rows), s.width);
  return fmt::format(
      "(SELECT {text} FROM (SELECT {row} AS v) JOIN data_chunks k ON k.snapshot = {snapshot} AND "
      "k.table_name = {table} AND k.column_name = {column} AND k.chunk = v / {chunk_rows} WHERE v >= 0)",
      fmt::arg("text", text), fmt::arg("row", row), fmt::arg("snapshot", snapshot),
      fmt::arg("table", Quoted(table)), fmt::arg("column", Quoted(column.name)),
      fmt::arg("chunk_rows", s.chunk_rows));
}

struct ViewContext {
  const Dataset& d;
  int64_t snapshot;
  int64_t derived_history_from;  // SnapshotRecord::derived_history_from
  StringColumn dictionary;       // the dictionary as it is stored (for its shape)
};

std::string EnumCase(const StoredColumn& c, const std::string& v) {
  std::string out = fmt::format("CASE {}", v);
  for (const auto& [value, name] : c.enum_values)
    out += fmt::format(" WHEN {} THEN '{}'", value & 0xFF, name);
  return out + " END";
}

// Row `row` of the id column of the table a reference points into.
std::string ReferenceSql(const ViewContext& ctx, ValueKind kind, const std::string& row) {
  const Table t = kind == ValueKind::kAccount       ? Table::kAccounts
                  : kind == ValueKind::kOpportunity ? Table::kOpportunities
                                                    : Table::kContacts;
  const std::vector<StoredColumn> columns = StoredColumns(ctx.d, t);
  return LookUpText(ctx.snapshot, TableName(t), columns[0], ChunkRowsOf(columns), row);
}

// The value of column `c` (stored as `s`) in chunk `k` (alias) at row n.i of the chunk.
std::string ValueSql(const ViewContext& ctx, const StoredColumn& c, const ColumnShape& s,
                     const std::string& k) {
  const std::string d = k + ".data";
  const std::string o = fmt::format("n.i * {} + 1", s.width);
  const auto value = [&](const std::string& expr) { return WithHex(d, o, std::to_string(s.width), expr); };
  switch (c.kind) {
    case ValueKind::kText:
      return Text(d, k + ".base", "n.i",
                  fmt::format("min({}, {} - {}.chunk * {})", s.chunk_rows, s.rows, k, s.chunk_rows), s.width);
    case ValueKind::kCode: {
      const uint64_t null_code = s.width == 2 ? 65535 : 4294967295;
      const StoredColumn dictionary{"text", ValueKind::kText, const_cast<StringColumn*>(&ctx.dictionary), {}};
      return LookUpText(ctx.snapshot, "dictionary", dictionary, ChunkRowsOf({dictionary}),
                        value(fmt::format("coalesce(nullif({}, {}), -1)", Unsigned(s.width), null_code)));
    }
    case ValueKind::kAccount:
    case ValueKind::kOpportunity:
    case ValueKind::kContact:
      return ReferenceSql(ctx, c.kind, value(Int32()));
    case ValueKind::kDate:
    case ValueKind::kEndDate:
      return value(fmt::format("date(nullif(nullif({}, -2147483648), 2147483647) + 2440587.5)", Int32()));
    case ValueKind::kMonth:
      return value(
          fmt::format("(SELECT printf('%04d-%02d', m / 12, m % 12 + 1) FROM (SELECT nullif({}, -2147483648) "
                      "AS m) WHERE m IS NOT NULL)",
                      Int32()));
    case ValueKind::kNumber:
      return value(Real(s.width));
    case ValueKind::kInteger:
      if (s.width == 8) return value(fmt::format("nullif({}, -9223372036854775807 - 1)", Int64()));
      return value(fmt::format("nullif({}, 255)", Byte(0)));
    case ValueKind::kBool:
      return value(fmt::format("nullif({}, 255)", Byte(0)));
    case ValueKind::kEnum:
      return value(EnumCase(c, Byte(0)));
  }
  return "NULL";
}

// The view: for each chunk (the first column's, in order, and the same chunk of every other
// column, joined once a chunk), each of its rows.
std::string ViewSql(const ViewContext& ctx, Table t) {
  const std::vector<StoredColumn> columns = StoredColumns(ctx.d, t);
  const int64_t rows = static_cast<int64_t>(ctx.d.RowCount(t));
  const int64_t chunk_rows = ChunkRowsOf(columns);
  const std::string table = Quoted(TableName(t));
  std::string select, joins;
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string k = fmt::format("k{}", i);
    select += fmt::format("{}\n  {} AS {}", i ? "," : "",
                          ValueSql(ctx, columns[i], ShapeOf(columns[i], chunk_rows), k),
                          QuoteIdentifier(columns[i].name));
    if (i == 0) continue;
    joins += fmt::format(
        "\n  CROSS JOIN data_chunks {k} ON {k}.snapshot = {s} AND {k}.table_name = {t} AND {k}.column_name = "
        "{c} "
        "AND {k}.chunk = k0.chunk",
        fmt::arg("k", k), fmt::arg("s", ctx.snapshot), fmt::arg("t", table),
        fmt::arg("c", Quoted(columns[i].name)));
  }
  if (t == Table::kOpportunityHistory) {
    // Where each history row came from: the export's file, or the changes between snapshots.
    const std::string row = fmt::format("k0.chunk * {} + n.i", chunk_rows);
    select += ctx.derived_history_from < 0
                  ? ",\n  'export' AS source"
                  : fmt::format(",\n  CASE WHEN {} >= {} THEN 'snapshot' ELSE 'export' END AS source", row,
                                ctx.derived_history_from);
  }
  // CROSS JOIN keeps the order of the loops: chunks outside, their rows inside.
  return fmt::format(
      "CREATE VIEW {name} AS\nWITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < "
      "{n})\n"
      "SELECT{select}\nFROM data_chunks k0{joins}\n  CROSS JOIN n\nWHERE k0.snapshot = {s} AND k0.table_name "
      "= {t} AND "
      "k0.column_name = {c} AND n.i < min({cr}, {rows} - k0.chunk * {cr});\n",
      fmt::arg("name", QuoteIdentifier(TableName(t))),
      fmt::arg("n", std::max<int64_t>(1, std::min(rows, chunk_rows))), fmt::arg("select", select),
      fmt::arg("joins", joins), fmt::arg("s", ctx.snapshot), fmt::arg("t", table),
      fmt::arg("c", Quoted(columns[0].name)), fmt::arg("cr", chunk_rows), fmt::arg("rows", rows));
}

}  // namespace

std::vector<std::string> CanonicalViewNames() {
  std::vector<std::string> out;
  for (int t = 0; t < kTableCount; ++t) out.emplace_back(TableName(static_cast<Table>(t)));
  return out;
}

std::string CanonicalViewsSql(const Dataset& d, const SnapshotRecord& record) {
  std::string sql;
  for (const std::string& name : CanonicalViewNames())
    sql += fmt::format("DROP VIEW IF EXISTS \"{}\";\n", name);
  ViewContext ctx{d, record.snapshot, record.derived_history_from, {}};
  for (size_t c = 0; c < d.dict.size(); ++c) ctx.dictionary.push_back(d.dict.Get(static_cast<Code>(c)));
  for (int t = 0; t < kTableCount; ++t) {
    if (d.Has(static_cast<Table>(t))) sql += ViewSql(ctx, static_cast<Table>(t));
  }
  return sql;
}

}  // namespace flywheel
