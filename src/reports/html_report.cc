#include "reports/html_report.h"

#include <algorithm>
#include <fstream>
#include <string_view>
#include <utility>
#include <vector>

#include "base/date.h"
#include "output/json_text.h"
#include "output/report_writer.h"
#include "reports/report_registry.h"
#include "web_assets/embedded_assets.h"

namespace flywheel {
namespace {

// The reports of the board file: {embedded key, report name, the page's own parameter}.
// Keys follow web/src/data.js embeddedKey: name, then "?k=v" for the page's parameters.
struct Entry {
  const char* key;
  const char* report;
  const char* param;
  const char* value;
};
constexpr Entry kEntries[] = {
    {"flywheel", "flywheel", nullptr, nullptr},           {"revenue", "revenue", nullptr, nullptr},
    {"cohorts?metric=nrr", "cohorts", "metric", "nrr"},   {"cohorts?metric=grr", "cohorts", "metric", "grr"},
    {"cohorts?metric=logo", "cohorts", "metric", "logo"}, {"pipeline", "pipeline", nullptr, nullptr},
    {"bowtie?mode=cohort", "bowtie", "mode", "cohort"},   {"ttv", "ttv", nullptr, nullptr},
    {"efficiency", "efficiency", nullptr, nullptr},       {"customers", "customers", nullptr, nullptr},
    {"accounts", "accounts", nullptr, nullptr},
};

// Text placed inside <script> or <style>: "</" and "<!--" cannot end or open anything there.
// In JSON and in the bundle both only occur inside strings, where "<\/" and "<\!--" mean
// the same characters.
std::string InlineSafe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '/') {
      out += "<\\/";
      ++i;
    } else if (text.substr(i, 4) == "<!--") {
      out += "<\\!--";
      i += 3;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string HtmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

Result<std::string> RenderHtmlReport(const Input& input, const ReportParams& params) {
  const EmbeddedAsset* js = DashboardScript();
  const EmbeddedAsset* css = DashboardStyle();
  if (js == nullptr || css == nullptr) {
    return Status::NotFound(
        "--html: the dashboard is not built into this binary (no script or style sheet under assets/)");
  }
  Result<std::optional<Day>> as_of = DateParam(params, "as_of");
  if (!as_of.ok()) return as_of.status();
  const std::string as_of_text = FormatDate(as_of.value().value_or(input.as_of));
  const std::string period = params.Get("period", "month");

  std::string reports;
  for (const Entry& entry : kEntries) {
    Result<const ReportSpec*> spec = FindReport(entry.report);
    if (!spec.ok()) continue;  // a report this build does not have
    ReportParams run_params;
    const std::vector<std::string>& known = spec.value()->params;
    for (const auto& [name, value] : params.values()) {
      if (name == "format") continue;
      // The customers reports take no period or segment: they are as of a date.
      if (name != "as_of" && std::find(known.begin(), known.end(), name) == known.end()) continue;
      run_params.Set(name, value);
    }
    if (entry.param != nullptr) run_params.Set(entry.param, entry.value);
    Status names = CheckParamNames(*spec.value(), run_params);
    if (!names.ok()) return names;
    Result<Report> report = RunReport(*spec.value(), input, run_params);
    if (!report.ok()) {
      // Data the set lacks (no opportunity history, no usage): the page says "not available".
      if (report.status().code() == StatusCode::kUsage) return report.status();
      continue;
    }
    if (!reports.empty()) reports += ",\n";
    reports += JsonString(entry.key) + ": " + RenderJson(report.value());
  }

  std::string page;
  page.reserve(js->body.size() + reports.size() + 8192);
  page += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  page += "<meta name=\"generator\" content=\"flywheel report --html\">\n";
  page += "<title>Flywheel board report · as of " + HtmlEscape(as_of_text) + "</title>\n<style>\n";
  page += InlineSafe(css->body);
  page +=
      "\n</style>\n</head>\n<body>\n<div id=\"app\"></div>\n<script>\nwindow.FLYWHEEL_EMBEDDED = "
      "{\"as_of\": ";
  page += JsonString(as_of_text) + ", \"period\": " + JsonString(period) + ", \"reports\": {\n";
  page += InlineSafe(reports);
  page += "\n}};\n</script>\n<script type=\"module\">\n";
  page += InlineSafe(js->body);
  page += "\n</script>\n</body>\n</html>\n";
  return page;
}

Status WriteHtmlReport(const Input& input, const ReportParams& params, const std::string& path) {
  Result<std::string> page = RenderHtmlReport(input, params);
  if (!page.ok()) return page.status();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return Status::Io("--html: cannot write " + path);
  out << page.value();
  out.close();
  if (!out) return Status::Io("--html: cannot write " + path);
  return Status::Ok();
}

}  // namespace flywheel
