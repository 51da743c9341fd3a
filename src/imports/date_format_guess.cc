#include "imports/date_format_guess.h"

#include <fmt/core.h>

#include <algorithm>
#include <optional>

#include "imports/export_values.h"

namespace flywheel {

namespace {

// Day, month and year layouts seen in exports, with the times that may follow them.
constexpr std::string_view kDates[] = {
    "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d-%m-%Y",  "%m-%d-%Y",  "%Y/%m/%d", "%d/%m/%y", "%m/%d/%y",
    "%d.%m.%y", "%Y%m%d",   "%d %b %Y", "%b %d, %Y", "%d %b, %Y", "%b %d %Y", "%d-%b-%Y", "%d-%b-%y"};
constexpr std::string_view kTimes[] = {"", " %H:%M", " %H:%M:%S", " %I:%M %p", " %I:%M:%S %p", "T%H:%M:%S%z"};

std::optional<Day> Read(std::string_view value, const std::string& format) {
  return ParseExportDate(value, std::vector<std::string>{format});
}

}  // namespace

DateFormatGuess GuessDateFormat(const std::vector<std::string_view>& values,
                                const std::vector<std::string>& known) {
  DateFormatGuess guess;
  std::optional<std::string_view> unread;
  for (std::string_view v : values) {
    if (!ParseExportDate(v, known)) {
      unread = v;
      break;
    }
  }
  if (!unread) return guess;
  // Layouts that read the first unread value, then those of them that read every value.
  std::vector<std::string> fits;
  for (std::string_view date : kDates) {
    for (std::string_view time : kTimes) {
      std::string format = std::string(date) + std::string(time);
      if (!Read(*unread, format)) continue;
      bool all = true;
      for (std::string_view v : values) all = all && Read(v, format).has_value();
      if (all) fits.push_back(std::move(format));
    }
  }
  if (fits.empty()) return guess;
  // Values on which the fitting layouts disagree.
  std::vector<std::string_view> disputed;
  std::vector<std::string> rivals = {fits.front()};
  for (size_t f = 1; f < fits.size(); ++f) {
    bool differs = false;
    for (std::string_view v : values) {
      if (Read(v, fits[f]) == Read(v, fits.front())) continue;
      differs = true;
      if (disputed.size() < 3 && std::find(disputed.begin(), disputed.end(), v) == disputed.end())
        disputed.push_back(v);
    }
    if (differs) rivals.push_back(fits[f]);
  }
  if (rivals.size() == 1) {
    guess.format = fits.front();
    return guess;
  }
  std::string examples;
  for (size_t i = 0; i < disputed.size(); ++i) {
    examples += (i == 0 ? "" : i + 1 == disputed.size() ? " and " : ", ") + std::string(disputed[i]);
  }
  std::string formats;
  for (size_t i = 0; i < rivals.size(); ++i) {
    formats += (i == 0 ? "" : i + 1 == rivals.size() ? " or " : ", ") + fmt::format("\"{}\"", rivals[i]);
  }
  bool day_first = false, month_first = false;
  for (const auto& r : rivals) {
    const size_t d = r.find("%d"), m = r.find("%m");
    if (d != std::string::npos && m != std::string::npos) (d < m ? day_first : month_first) = true;
  }
  guess.problem =
      fmt::format("dates like {} could be {}; state the format in a mapping file: date_format = {}", examples,
                  day_first && month_first ? "day/month or month/day" : "read more than one way", formats);
  return guess;
}

}  // namespace flywheel
