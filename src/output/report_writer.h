// Writers that turn a Report into text: an aligned table, JSON, or CSV.
#pragma once

#include <functional>
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
// "notes", ...json_extra}. Numbers by the number rule (output/json_number.h), those of
// json_extra included; null cells are null. Ends with a newline.
std::string RenderJson(const Report& report);

// RFC 4180 quoting with LF line ends: a header of the column names, then one line per row; nulls are empty
// fields, rates are fractions, numbers by the number rule (the same text as in JSON). Notes are not included.
std::string RenderCsv(const Report& report);

std::string Render(const Report& report, ReportFormat format);

// The same texts handed to `sink` in pieces as they are written (about 1 MB each, in order;
// their concatenation is the Render* text), for reports too large to hold as one string on
// their way to a file, a pipe or a byte count. The table is aligned over all rows, so it is
// rendered whole and handed over once.
using TextSink = std::function<void(std::string_view)>;
void WriteJson(const Report& report, const TextSink& sink);
void WriteCsv(const Report& report, const TextSink& sink);
void WriteReport(const Report& report, ReportFormat format, const TextSink& sink);

// Helpers shared by the writers and by reports that format numbers in notes.
std::string FormatMoney(double v);  // "1,234,567.89"
std::string FormatRate(double v);   // "25.0 %"
std::string FormatNumber(double v, int decimals);
// A number in a sentence (notes) or a small coefficient in a table: from 1,000 on whole with
// thousands separators ("60,630"), below that at most 4 significant digits ("7.62", "0.0007423").
std::string FormatForNote(double v);

}  // namespace flywheel
