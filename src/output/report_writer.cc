#include "output/report_writer.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "base/csv_field.h"
#include "output/field_direction.h"
#include "output/field_label.h"
#include "output/json_number.h"
#include "output/json_row_layout.h"
#include "output/json_writer.h"

namespace flywheel {
namespace {

constexpr std::string_view kNullText = "—";

// Display width of UTF-8 text: code points, not bytes.
size_t DisplayWidth(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string PadLeft(const std::string& s, size_t width) {
  size_t w = DisplayWidth(s);
  return w >= width ? s : std::string(width - w, ' ') + s;
}
std::string PadRight(const std::string& s, size_t width) {
  size_t w = DisplayWidth(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

std::string CellText(const Cell& cell, ColumnKind kind) {
  if (std::holds_alternative<std::monostate>(cell)) return std::string(kNullText);
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  if (const auto* list = std::get_if<TextList>(&cell)) return ListText(*list);
  if (const auto* i = std::get_if<int64_t>(&cell)) {
    if (kind == ColumnKind::kMoney) return FormatMoney(static_cast<double>(*i));
    return FormatNumber(static_cast<double>(*i), 0);
  }
  double v = std::get<double>(cell);
  if (std::isnan(v)) return std::string(kNullText);
  switch (kind) {
    case ColumnKind::kMoney:
      return FormatMoney(v);
    case ColumnKind::kRate:
      return FormatRate(v);
    case ColumnKind::kInteger:
      return FormatNumber(v, 0);
    case ColumnKind::kDays:
      return FormatNumber(v, 1);
    case ColumnKind::kNumber:
    case ColumnKind::kRatio:
      return FormatNumber(v, 2);
    case ColumnKind::kCoefficient:
      return FormatForNote(v);
    case ColumnKind::kText:
    case ColumnKind::kDate:
      return JsonNumber(v);
  }
  return JsonNumber(v);
}

std::string RawText(const Cell& cell) {
  if (std::holds_alternative<std::monostate>(cell)) return "";
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  if (const auto* i = std::get_if<int64_t>(&cell)) return std::to_string(*i);
  if (const auto* list = std::get_if<TextList>(&cell)) return ListText(*list);
  double v = std::get<double>(cell);
  return std::isfinite(v) ? JsonNumber(v) : "";  // the number rule, as in JSON (null there)
}

void WriteCell(JsonWriter& w, const Cell& cell) {
  if (std::holds_alternative<std::monostate>(cell)) return w.Null();
  if (const auto* s = std::get_if<std::string>(&cell)) return w.String(*s);
  if (const auto* i = std::get_if<int64_t>(&cell)) return w.Int(*i);
  if (const auto* list = std::get_if<TextList>(&cell)) {
    w.BeginArray();
    for (const std::string& item : *list) w.String(item);
    return w.EndArray();
  }
  w.Number(std::get<double>(cell));  // NaN and infinities: null
}

void WriteField(JsonWriter& w, const Column& col) {
  w.Key(col.name);
  w.BeginObject();
  w.Key("label");
  w.String(FieldLabel(col.name));
  w.Key("unit");
  w.String(ColumnUnit(col.kind));
  w.Key("drilldown");
  w.Bool(col.drilldown);
  if (std::string_view better = GoodDirectionName(GoodDirectionOf(col.name)); !better.empty()) {
    w.Key("better");
    w.String(better);
  }
  if (!col.unit_from.empty()) {
    w.Key("unit_from");
    w.String(col.unit_from);
  }
  w.EndObject();
}

// "fields": every column, then the extra fields, each once.
void WriteFields(JsonWriter& w, const Report& report) {
  w.Key("fields");
  w.BeginObject();
  std::vector<std::string_view> seen;
  for (const auto* list : {&report.columns, &report.extra_fields}) {
    for (const Column& col : *list) {
      if (std::find(seen.begin(), seen.end(), col.name) != seen.end()) continue;
      seen.push_back(col.name);
      WriteField(w, col);
    }
  }
  w.EndObject();
}

std::string Header(const Report& r) {
  std::string h = r.name;
  if (!r.as_of.empty()) h += " · as of " + r.as_of;
  if (!r.period.empty()) h += " · by " + r.period;
  if (!r.segment_by.empty()) h += " · segment by " + r.segment_by;
  if (!r.currency.empty()) h += " · " + r.currency;
  return h;
}

}  // namespace

std::optional<ReportFormat> ParseReportFormat(std::string_view text) {
  if (text == "table") return ReportFormat::kTable;
  if (text == "json") return ReportFormat::kJson;
  if (text == "csv") return ReportFormat::kCsv;
  return std::nullopt;
}

std::string FormatNumber(double v, int decimals) {
  if (std::isnan(v)) return std::string(kNullText);
  // Half away from zero on the decimal value the user sees: 105.25 % shows as 105.3 %, even
  // though the double behind it is 105.249999…; OutputNumber (the value JSON and CSV carry,
  // 15 significant digits) removes that binary residue first.
  const double scale = std::pow(10.0, decimals);
  const double rounded = std::floor(OutputNumber(std::fabs(v) * scale) + 0.5) / scale;
  std::string digits = fmt::format("{:.{}f}", rounded, decimals);
  if (digits.find_first_not_of("0.") == std::string::npos) return digits;  // no "-0.00"
  size_t point = digits.find('.');
  std::string int_part = digits.substr(0, point);
  std::string frac = point == std::string::npos ? "" : digits.substr(point);
  std::string grouped;
  for (size_t i = 0; i < int_part.size(); ++i) {
    if (i > 0 && (int_part.size() - i) % 3 == 0) grouped += ',';
    grouped += int_part[i];
  }
  return (v < 0 ? "-" : "") + grouped + frac;
}

std::string FormatMoney(double v) { return FormatNumber(v, 2); }

std::string FormatForNote(double v) {
  if (std::isnan(v)) return std::string(kNullText);
  if (std::fabs(v) >= 1000) return FormatNumber(v, 0);
  return fmt::format("{:.4g}", OutputNumber(v));
}

std::string FormatRate(double v) {
  if (std::isnan(v)) return std::string(kNullText);
  return FormatNumber(v * 100.0, 1) + " %";
}

std::string RenderTable(const Report& report, int width) {
  const size_t ncol = report.columns.size();
  std::vector<std::vector<std::string>> cells;
  cells.reserve(RowCount(report));
  std::vector<size_t> col_width(ncol);
  std::vector<bool> right(ncol);
  for (size_t c = 0; c < ncol; ++c) {
    const Column& col = report.columns[c];
    col_width[c] = DisplayWidth(col.title.empty() ? col.name : col.title);
    right[c] = col.kind != ColumnKind::kText && col.kind != ColumnKind::kDate;
  }
  ForEachRow(report, [&](const std::vector<Cell>& row) {
    std::vector<std::string>& texts = cells.emplace_back(ncol);
    for (size_t c = 0; c < ncol && c < row.size(); ++c) {
      texts[c] = CellText(row[c], report.columns[c].kind);
      col_width[c] = std::max(col_width[c], DisplayWidth(texts[c]));
    }
  });
  // Leading text columns are the row keys, repeated in every block.
  size_t nkeys = 0;
  while (nkeys < ncol && !right[nkeys] && nkeys < 2) ++nkeys;
  size_t key_width = 0;
  for (size_t c = 0; c < nkeys; ++c) key_width += col_width[c] + 2;

  std::vector<std::vector<size_t>> blocks;
  std::vector<size_t> current;
  size_t used = key_width;
  for (size_t c = nkeys; c < ncol; ++c) {
    size_t need = col_width[c] + 2;
    if (!current.empty() && used + need > static_cast<size_t>(width)) {
      blocks.push_back(current);
      current.clear();
      used = key_width;
    }
    current.push_back(c);
    used += need;
  }
  if (!current.empty() || blocks.empty()) blocks.push_back(current);

  std::string out = Header(report) + "\n";
  for (size_t b = 0; b < blocks.size(); ++b) {
    std::vector<size_t> cols;
    for (size_t c = 0; c < nkeys; ++c) cols.push_back(c);
    cols.insert(cols.end(), blocks[b].begin(), blocks[b].end());
    out += "\n";
    std::string line, rule;
    for (size_t i = 0; i < cols.size(); ++i) {
      size_t c = cols[i];
      const Column& col = report.columns[c];
      std::string title = col.title.empty() ? col.name : col.title;
      std::string sep = i == 0 ? "" : "  ";
      line += sep + (right[c] ? PadLeft(title, col_width[c]) : PadRight(title, col_width[c]));
      rule += sep + std::string(col_width[c], '-');
    }
    out += line.substr(0, line.find_last_not_of(' ') + 1) + "\n" + rule + "\n";
    for (const auto& row : cells) {
      line.clear();
      for (size_t i = 0; i < cols.size(); ++i) {
        size_t c = cols[i];
        std::string sep = i == 0 ? "" : "  ";
        line += sep + (right[c] ? PadLeft(row[c], col_width[c]) : PadRight(row[c], col_width[c]));
      }
      out += line.substr(0, line.find_last_not_of(' ') + 1) + "\n";
    }
  }
  if (cells.empty()) out += "(no rows)\n";
  for (const auto& note : report.notes) out += "\n" + note;
  if (!report.notes.empty()) out += "\n";
  return out;
}

namespace {

// Text is handed to the sink in pieces of about this size, so a report of hundreds of MB is
// never held whole when it goes to a file or a pipe.
constexpr size_t kSinkChunk = 1 << 20;

void FlushIfFull(std::string* out, const TextSink& sink) {
  if (out->size() < kSinkChunk) return;
  sink(*out);
  out->clear();
}

// Writes the rows of `source` as elements of the array `w` has open, each an object of
// `members`, handing full pieces of *out to `sink`.
void WriteRowObjects(JsonWriter& w, const std::vector<std::pair<const Column*, size_t>>& members,
                     const std::vector<std::vector<Cell>>& rows, size_t count,
                     const std::function<void(size_t, std::vector<Cell>*)>& at, size_t first, size_t last,
                     std::string* out, const TextSink& sink) {
  JsonRowLayout layout(members, w.Level());
  auto write = [&](const std::vector<Cell>& row) {
    layout.AppendMembers(w.BeginLiteral(layout.head(), layout.separated_head()), row);
    FlushIfFull(out, sink);
  };
  if (!at) {
    for (size_t i = first; i < last && i < rows.size(); ++i) write(rows[i]);
    return;
  }
  std::vector<Cell> row;
  for (size_t i = first; i < last && i < count; ++i) {
    at(i, &row);
    write(row);
  }
}

std::vector<std::pair<const Column*, size_t>> AllColumns(const std::vector<Column>& columns) {
  std::vector<std::pair<const Column*, size_t>> members;
  for (size_t c = 0; c < columns.size(); ++c) members.emplace_back(&columns[c], c);
  return members;
}

void WriteExtraTable(JsonWriter& w, const ExtraTable& t, std::string* out, const TextSink& sink) {
  w.Key(t.key);
  const TableRows& rows = t.rows;
  if (t.shape == ExtraTable::Shape::kValue) {
    static const Cell kNull;
    const Cell* cell = &kNull;
    std::vector<Cell> given;
    if (rows.at && rows.count > 0) {
      rows.at(0, &given);
      if (!given.empty()) cell = &given[0];
    } else if (!rows.rows.empty() && !rows.rows[0].empty()) {
      cell = &rows.rows[0][0];
    }
    return WriteCell(w, *cell);
  }
  const auto members = AllColumns(t.columns);
  if (t.shape == ExtraTable::Shape::kObject) {
    JsonRowLayout layout(members, w.Level());
    std::vector<Cell> row;
    if (rows.at && rows.count > 0) rows.at(0, &row);
    std::string* text = w.BeginLiteral();
    text->append(layout.head());
    layout.AppendMembers(text, rows.at ? row : rows.rows.empty() ? row : rows.rows[0]);
    return;
  }
  w.BeginObject();
  size_t first = 0;
  for (const auto& [name, end] : t.lists) {
    w.Key(name);
    w.BeginArray();
    WriteRowObjects(w, members, rows.rows, rows.count, rows.at, first, end, out, sink);
    w.EndArray();
    first = end;
  }
  w.EndObject();
}

void WriteHeader(JsonWriter& w, const Report& report) {
  auto text_or_null = [&w](const std::string& v) { v.empty() ? w.Null() : w.String(v); };
  w.Key("report");
  w.String(report.name);
  w.Key("as_of");
  text_or_null(report.as_of);
  w.Key("period");
  text_or_null(report.period);
  w.Key("segment_by");
  text_or_null(report.segment_by);
  w.Key("currency");
  text_or_null(report.currency);
  WriteFields(w, report);
}

}  // namespace

void WriteJson(const Report& report, const TextSink& sink) {
  std::string out;
  out.reserve(kSinkChunk + 4096);
  JsonWriter w(&out);
  w.BeginObject();
  WriteHeader(w, report);
  if (report.json_rows) {
    w.Key("rows");
    w.BeginArray();
    WriteRowObjects(w, JsonRowMembers(report), report.rows, report.row_at_count, report.row_at, 0,
                    RowCount(report), &out, sink);
    w.EndArray();
  }
  for (const auto& [key, text] : report.json_extra) {
    w.Key(key);
    w.Parsed(text);
  }
  for (const ExtraTable& t : report.extra_tables) WriteExtraTable(w, t, &out, sink);
  w.Key("notes");
  w.BeginArray();
  for (const auto& note : report.notes) w.String(note);
  w.EndArray();
  w.EndObject();
  out += '\n';
  sink(out);
}

std::string RenderJson(const Report& report) {
  std::string out;
  // Room for the whole text up front: large reports would otherwise copy it on every doubling.
  size_t estimate = 1024 + RowCount(report) * report.columns.size() * 32;
  for (const auto& extra : report.json_extra) estimate += extra.first.size() + extra.second.size() + 8;
  for (const auto& note : report.notes) estimate += note.size() + 8;
  out.reserve(estimate);
  WriteJson(report, [&out](std::string_view piece) { out += piece; });
  return out;
}

void WriteCsv(const Report& report, const TextSink& sink) {
  std::string out;
  for (size_t c = 0; c < report.columns.size(); ++c) {
    if (c) out += ',';
    out += CsvField(report.columns[c].name);
  }
  out += "\n";
  ForEachRow(report, [&](const std::vector<Cell>& row) {
    for (size_t c = 0; c < report.columns.size(); ++c) {
      if (c) out += ',';
      if (c < row.size()) out += CsvField(RawText(row[c]));
    }
    out += "\n";
    FlushIfFull(&out, sink);
  });
  sink(out);
}

std::string RenderCsv(const Report& report) {
  std::string out;
  WriteCsv(report, [&out](std::string_view piece) { out += piece; });
  return out;
}

void WriteReport(const Report& report, ReportFormat format, const TextSink& sink) {
  switch (format) {
    case ReportFormat::kJson:
      return WriteJson(report, sink);
    case ReportFormat::kCsv:
      return WriteCsv(report, sink);
    case ReportFormat::kTable:
      break;
  }
  sink(RenderTable(report));
}

std::string Render(const Report& report, ReportFormat format) {
  switch (format) {
    case ReportFormat::kTable:
      return RenderTable(report);
    case ReportFormat::kJson:
      return RenderJson(report);
    case ReportFormat::kCsv:
      return RenderCsv(report);
  }
  return RenderTable(report);
}

}  // namespace flywheel
