// Writers that turn a Report into text: an aligned table, JSON, or CSV.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "output/report.h"

namespace flywheel {

enum class ReportFormat { kTable, kJson, kCsv };
std::optional<ReportFormat> ParseReportFormat(std::string_view text);

// Aligned text for a terminal. Columns that do not fit in `width` characters are moved to
// further blocks, each repeating the leading text columns (period, segment), so every line
// stays within `width`. Null cells are "—", rates "25.0 %", money with thousands
// separators and two decimals. Notes follow the table.
std::string RenderTable(const Report& report, int width = 100);

// metrics.md "JSON shape": {"report", "as_of", "period", "segment_by", "currency", "rows",
// "notes", ...json_extra}. Numbers are unrounded (shortest round-trip form); null cells are
// null. Ends with a newline.
std::string RenderJson(const Report& report);

// RFC 4180 quoting with LF line ends: a header of the column names, then one line per row; nulls are empty fields,
// rates are fractions, numbers unrounded. Notes are not included.
std::string RenderCsv(const Report& report);

std::string Render(const Report& report, ReportFormat format);

// Helpers shared by the writers and by reports that format numbers in notes.
std::string FormatMoney(double v);       // "1,234,567.89"
std::string FormatRate(double v);        // "25.0 %"
std::string FormatNumber(double v, int decimals);
std::string CsvEscape(std::string_view field);

}  // namespace flywheel
