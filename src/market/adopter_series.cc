#include "market/adopter_series.h"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "base/file_text.h"
#include "base/strings.h"
#include "market/toml_input.h"

namespace flywheel {

Result<std::vector<double>> ParseAdoptersCsv(std::string_view text, std::string_view file) {
  std::vector<double> out;
  size_t line_number = 0;
  bool header = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty()) continue;
    size_t comma = line.find(',');
    std::vector<std::string_view> fields;
    if (comma == std::string_view::npos) {
      fields = {line};
    } else {
      fields = {line.substr(0, comma), line.substr(comma + 1)};
      if (fields[1].find(',') != std::string_view::npos) fields.push_back("");
    }
    if (!header) {
      if (fields.size() != 2 || Trim(fields[0]) != "period" || Trim(fields[1]) != "adopters") {
        return Status::BadData(
            fmt::format("{}:{}: expected the header 'period,adopters'", file, line_number));
      }
      header = true;
      continue;
    }
    if (fields.size() != 2) {
      return Status::BadData(
          fmt::format("{}:{}: expected 2 fields (period,adopters), found {}", file, line_number,
                      fields.size() == 1 ? 1 : std::count(line.begin(), line.end(), ',') + 1));
    }
    std::string_view period_text = Trim(fields[0]), adopters_text = Trim(fields[1]);
    long period = 0;
    auto [pend, perr] = std::from_chars(period_text.data(), period_text.data() + period_text.size(), period);
    if (perr != std::errc() || pend != period_text.data() + period_text.size()) {
      return Status::BadData(
          fmt::format("{}:{}: period: '{}' is not a whole number", file, line_number, period_text));
    }
    long expected = static_cast<long>(out.size()) + 1;
    if (period != expected) {
      return Status::BadData(
          fmt::format("{}:{}: period {} where {} was expected (periods run 1, 2, 3, ... in order)", file,
                      line_number, period, expected));
    }
    double adopters = 0;
    auto [aend, aerr] =
        std::from_chars(adopters_text.data(), adopters_text.data() + adopters_text.size(), adopters);
    if (aerr != std::errc() || aend != adopters_text.data() + adopters_text.size() ||
        !std::isfinite(adopters)) {
      return Status::BadData(
          fmt::format("{}:{}: adopters: '{}' is not a number", file, line_number, adopters_text));
    }
    if (adopters < 0) {
      return Status::BadData(
          fmt::format("{}:{}: adopters: {} is negative", file, line_number, adopters_text));
    }
    out.push_back(adopters);
  }
  if (!header)
    return Status::BadData(
        fmt::format("{}: the file is empty (expected the header 'period,adopters')", file));
  if (out.empty()) return Status::BadData(fmt::format("{}: no data rows after the header", file));
  return out;
}

Result<std::vector<double>> LoadAdoptersCsv(const std::string& path) {
  auto text = ReadFileText(path);
  if (!text.ok()) return text.status();
  return ParseAdoptersCsv(*text, path);
}

std::vector<double> CountAdoptersPerPeriod(const std::vector<Month>& first_months,
                                           const PeriodCalendar& calendar, Month last_month) {
  Month first = kNullMonth;
  for (Month m : first_months) {
    if (m != kNullMonth && (first == kNullMonth || m < first)) first = m;
  }
  if (first == kNullMonth) return {};
  const int step = MonthsPerPeriod(calendar.granularity);
  const Month start = calendar.PeriodStart(first);
  const Month end = std::max(calendar.PeriodStart(last_month), start);
  std::vector<double> out(static_cast<size_t>((end - start) / step + 1), 0.0);
  for (Month m : first_months) {
    if (m == kNullMonth || m > calendar.PeriodEnd(end)) continue;
    out[static_cast<size_t>((calendar.PeriodStart(m) - start) / step)] += 1.0;
  }
  return out;
}

}  // namespace flywheel
