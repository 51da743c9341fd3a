#include "reports/xlsx_workbook.h"

#include <fmt/core.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <variant>

#include "base/date.h"
#include "output/json_number.h"
#include "reports/report_registry.h"

namespace flywheel {
namespace {

struct Formats {
  lxw_format* header;
  lxw_format* money;
  lxw_format* rate;
  lxw_format* number;
  lxw_format* date;
};

bool IsDateColumn(const Column& c) { return c.name == "as_of" || c.name.ends_with("_date"); }

// Writes `report` as a table from row 0; returns the number of data rows.
size_t WriteTable(lxw_worksheet* ws, const Report& report, const Formats& f) {
  for (size_t c = 0; c < report.columns.size(); ++c) {
    worksheet_write_string(ws, 0, c, report.columns[c].name.c_str(), f.header);
    worksheet_set_column(ws, c, c, c == 0 ? 14 : 12, nullptr);
  }
  size_t r = 0;
  ForEachRow(report, [&](const std::vector<Cell>& row) {
    for (size_t c = 0; c < row.size() && c < report.columns.size(); ++c) {
      const Cell& cell = row[c];
      const Column& col = report.columns[c];
      lxw_row_t xr = static_cast<lxw_row_t>(r + 1);
      if (const auto* s = std::get_if<std::string>(&cell)) {
        auto day = IsDateColumn(col) ? ParseDate(*s) : std::nullopt;
        if (day) {
          lxw_datetime dt = {
              std::stoi(s->substr(0, 4)), std::stoi(s->substr(5, 2)), std::stoi(s->substr(8, 2)), 0, 0, 0};
          worksheet_write_datetime(ws, xr, c, &dt, f.date);
        } else {
          worksheet_write_string(ws, xr, c, s->c_str(), nullptr);
        }
      } else if (const auto* list = std::get_if<TextList>(&cell)) {
        worksheet_write_string(ws, xr, c, ListText(*list).c_str(), nullptr);
      } else if (const auto* i = std::get_if<int64_t>(&cell)) {
        worksheet_write_number(ws, xr, c, static_cast<double>(*i), nullptr);
      } else if (const auto* d = std::get_if<double>(&cell)) {
        lxw_format* fmt = col.kind == ColumnKind::kRate    ? f.rate
                          : col.kind == ColumnKind::kMoney ? f.money
                          : col.kind == ColumnKind::kText || col.kind == ColumnKind::kDate ||
                                  col.kind == ColumnKind::kCoefficient
                              ? nullptr
                              : f.number;
        worksheet_write_number(ws, xr, c, OutputNumber(*d), fmt);  // the value JSON and CSV carry
      }
    }
    ++r;
  });
  return r;
}

int ColumnIndex(const Report& report, std::string_view name) {
  for (size_t c = 0; c < report.columns.size(); ++c) {
    if (report.columns[c].name == name) return static_cast<int>(c);
  }
  return -1;
}

void AddSeries(lxw_chart* chart, const char* sheet, const Report& report, int col, size_t rows) {
  if (col < 0 || rows == 0) return;
  lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
  chart_series_set_categories(s, sheet, 1, 0, rows, 0);
  chart_series_set_values(s, sheet, 1, col, rows, col);
  chart_series_set_name(s, report.columns[col].name.c_str());
}

void ChartsFor(lxw_workbook* wb, lxw_worksheet* ws, const char* sheet, const Report& report, size_t rows) {
  if (rows == 0) return;
  lxw_row_t below = static_cast<lxw_row_t>(rows + 3);
  if (report.name == "revenue") {
    lxw_chart* line = workbook_add_chart(wb, LXW_CHART_LINE);
    chart_title_set_name(line, "MRR");
    AddSeries(line, sheet, report, ColumnIndex(report, "mrr"), rows);
    worksheet_insert_chart(ws, below, 0, line);
    lxw_chart* bars = workbook_add_chart(wb, LXW_CHART_COLUMN_STACKED);
    chart_title_set_name(bars, "MRR movements");
    for (const char* m : {"new_mrr", "reactivation_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr",
                          "fx_impact_mrr"}) {
      AddSeries(bars, sheet, report, ColumnIndex(report, m), rows);
    }
    worksheet_insert_chart(ws, below, 8, bars);
  } else if (report.name == "bowtie") {
    lxw_chart* bar = workbook_add_chart(wb, LXW_CHART_BAR);
    chart_title_set_name(bar, "Bowtie");
    for (size_t c = 0; c < report.columns.size(); ++c) {
      if (report.columns[c].kind == ColumnKind::kInteger) {
        AddSeries(bar, sheet, report, static_cast<int>(c), rows);
        break;
      }
    }
    worksheet_insert_chart(ws, below, 0, bar);
  } else if (report.name == "cohorts") {
    lxw_conditional_format scale = {};
    scale.type = LXW_CONDITIONAL_3_COLOR_SCALE;
    worksheet_conditional_format_range(ws, 1, 2, rows, report.columns.size() - 1, &scale);
  }
}

}  // namespace

Status WriteXlsxReport(const Input& input, const ReportParams& params, const std::string& path) {
  std::string tmp = path + ".tmp";
  lxw_workbook* wb = workbook_new(tmp.c_str());
  if (!wb) return Status::Io(fmt::format("cannot write {}", tmp));
  Formats f;
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  f.money = workbook_add_format(wb);
  format_set_num_format(f.money, "#,##0.00");
  f.rate = workbook_add_format(wb);
  format_set_num_format(f.rate, "0.0%");
  f.number = workbook_add_format(wb);
  format_set_num_format(f.number, "0.00");
  f.date = workbook_add_format(wb);
  format_set_num_format(f.date, "yyyy-mm-dd");
  for (const char* name :
       {"revenue", "cohorts", "pipeline", "bowtie", "efficiency", "flywheel", "customers"}) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name);
    auto spec = FindReport(name);
    ReportParams p = params;
    p.Set("format", "csv");  // every age of the cohort triangle
    auto report = spec.ok() ? RunReport(*spec.value(), input, p) : Result<Report>(spec.status());
    if (!report.ok()) {
      worksheet_write_string(ws, 0, 0, fmt::format("not available: {}", report.status().message()).c_str(),
                             nullptr);
      continue;
    }
    size_t rows = WriteTable(ws, *report, f);
    ChartsFor(wb, ws, name, *report, rows);
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) {
    std::filesystem::remove(tmp);
    return Status::Io(fmt::format("cannot write {}: {}", path, lxw_strerror(err)));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::Io(fmt::format("cannot write {}: {}", path, ec.message()));
  return Status::Ok();
}

}  // namespace flywheel
