#include "imports/mapped_import.h"

#include <fmt/core.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "base/csv_field.h"
#include "base/strings.h"
#include "imports/delimited_text.h"
#include "imports/source_mapper.h"
#include "ingest/field_parsers.h"
#include "model/schema.h"

namespace flywheel {

namespace {

std::string FileName(const std::string& path) { return std::filesystem::path(path).filename().string(); }

// A temporary folder removed when this goes out of scope.
class TempFolder {
 public:
  TempFolder() {
    std::string pattern = (std::filesystem::temp_directory_path() / "flywheel-import-XXXXXX").string();
    if (mkdtemp(pattern.data())) path_ = pattern;
  }
  ~TempFolder() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Where the rows of the canonical files came from, to translate the loader's messages.
class RowOrigins {
 public:
  RowOrigins(const ImportPlan& plan, const CanonicalLines& lines) : plan_(plan), lines_(lines) {}

  // The row of table `t` that starts on line `line` of its canonical file, or null.
  const CanonicalRow* Row(Table t, int64_t line) const {
    const auto& starts = lines_[static_cast<int>(t)];
    auto it = std::lower_bound(starts.begin(), starts.end(), line);
    if (it == starts.end() || *it != line) return nullptr;
    for (const auto& table : plan_.tables) {
      if (table.table == t) return &table.rows[static_cast<size_t>(it - starts.begin())];
    }
    return nullptr;
  }

  // "subscriptions.csv:5: ..." -> "stripe.csv:7: ...", and "(first on line 4)" -> "(first on
  // stripe.csv:6)" inside it.
  std::string Line(std::string line) const {
    for (const auto& t : plan_.tables) {
      const std::string prefix = std::string(TableName(t.table)) + ".csv:";
      if (!line.starts_with(prefix)) continue;
      const size_t colon = line.find(':', prefix.size());
      if (colon == std::string::npos) continue;
      auto n = ParseInteger(line.substr(prefix.size(), colon - prefix.size()));
      const CanonicalRow* row = n ? Row(t.table, *n) : nullptr;
      if (row == nullptr) continue;
      return fmt::format("{}:{}: {}", row->file, row->line, Inner(t.table, Trim(line.substr(colon + 1))));
    }
    return line;
  }

  // "... on line N)" within a message about table t -> "... on FILE:LINE)".
  std::string Inner(Table t, std::string_view text) const {
    std::string out(text);
    static constexpr std::string_view kOnLine = "on line ";
    const size_t at = out.find(kOnLine);
    if (at == std::string::npos) return out;
    const size_t digits = at + kOnLine.size();
    size_t end = digits;
    while (end < out.size() && std::isdigit(static_cast<unsigned char>(out[end]))) ++end;
    auto n = ParseInteger(std::string_view(out).substr(digits, end - digits));
    const CanonicalRow* row = n ? Row(t, *n) : nullptr;
    if (row == nullptr) return out;
    return out.substr(0, at) + fmt::format("on {}:{}", row->file, row->line) + out.substr(end);
  }

  std::string Text(const std::string& messages) const {
    std::string out;
    size_t start = 0;
    while (start <= messages.size()) {
      size_t end = messages.find('\n', start);
      if (end == std::string::npos) end = messages.size();
      out += (out.empty() ? "" : "\n") + Line(messages.substr(start, end - start));
      start = end + 1;
    }
    return out;
  }

 private:
  const ImportPlan& plan_;
  const CanonicalLines& lines_;
};

constexpr size_t kProblemsShown = 20;

// The first kProblemsShown of `texts` and a count of the rest, as one kBadData status.
Status ProblemsStatus(const std::vector<std::string>& texts, const std::vector<std::string>& after = {}) {
  std::vector<std::string> lines(
      texts.begin(), texts.begin() + static_cast<std::ptrdiff_t>(std::min(kProblemsShown, texts.size())));
  if (texts.size() > kProblemsShown)
    lines.push_back(fmt::format("... and {} more problems", texts.size() - kProblemsShown));
  lines.insert(lines.end(), after.begin(), after.end());
  return Status::BadData(Join(lines, "\n"));
}

std::string ReasonOf(const std::vector<RowProblem>& problems) {
  std::vector<std::string> parts;
  for (const RowProblem& p : problems)
    parts.push_back(p.column.empty() ? p.message : p.column + ": " + p.message);
  return Join(parts, "; ");
}

// Adds the rows the mapping rejected to what the loader set aside (the warnings, and per table
// the counts and rules) and translates the loader's lines to the exports' files and lines.
// Fails when a table then loses more than `max_share` of its rows.
Status SettleQuarantine(const ImportPlan& plan, const RowOrigins& origins, double max_share,
                        LoadedDataset* data) {
  std::vector<std::string> warnings;
  std::set<std::string> seen;
  for (const RejectedRow& r : plan.rejected) {
    for (const RowProblem& p : r.problems) {
      std::string text = ProblemText(r.row.file, p) + " (row quarantined)";
      if (seen.insert(text).second) warnings.push_back(std::move(text));
    }
  }
  for (const auto& w : data->warnings) warnings.push_back(origins.Line(w));
  data->warnings = std::move(warnings);
  std::vector<std::string> over;
  for (TableQuality& q : data->quality) {
    for (const RejectedRow& r : plan.rejected) {
      if (r.table != q.table) continue;
      ++q.rows_read;
      ++q.quarantined;
      for (const RowProblem& p : r.problems) Tally(&q.errors, p);
    }
    if (q.quarantined > 0 &&
        static_cast<double>(q.quarantined) > max_share * static_cast<double>(q.rows_read)) {
      over.push_back(
          QuarantineShareProblem(std::string(TableName(q.table)), q.quarantined, q.rows_read, max_share));
    }
  }
  if (over.empty()) return Status::Ok();
  std::vector<std::string> texts = plan.ProblemTexts();
  for (const QuarantinedTable& t : data->quarantined) {
    for (const QuarantinedRow& row : t.rows)
      texts.push_back(origins.Line(fmt::format("{}:{}: {}", t.file, row.line, row.reason)));
  }
  return ProblemsStatus(texts, over);
}

// The quarantine files of a mapped import: per canonical table, the rows the mapping
// rejected (the values it had mapped) and those the loader set aside, each with the export
// file and line it came from.
std::vector<QuarantineFile> QuarantineFiles(const ImportPlan& plan, const RowOrigins& origins,
                                            const LoadedDataset& data) {
  std::vector<QuarantineFile> files;
  for (const CanonicalTable& t : plan.tables) {
    QuarantineFile file;
    file.table = std::string(TableName(t.table));
    file.columns = t.Columns();
    for (const RejectedRow& r : plan.rejected) {
      if (r.table != t.table) continue;
      QuarantineFile::Row row{fmt::format("{}:{}", r.row.file, r.row.line), ReasonOf(r.problems), {}};
      for (const auto& c : file.columns) {
        auto it = r.row.values.find(c);
        row.values.push_back(it == r.row.values.end() ? "" : it->second);
      }
      file.rows.push_back(std::move(row));
    }
    for (const QuarantinedTable& q : data.quarantined) {
      if (q.table != t.table) continue;
      for (const QuarantinedRow& r : q.rows) {
        const CanonicalRow* origin = origins.Row(t.table, r.line);
        file.rows.push_back({origin ? fmt::format("{}:{}", origin->file, origin->line) : "",
                             origins.Inner(t.table, r.reason), r.fields});
      }
    }
    if (!file.rows.empty()) files.push_back(std::move(file));
  }
  return files;
}

}  // namespace

Result<ImportPlan> PlanMappedImport(const std::vector<MappedSource>& sources) {
  ImportPlan plan;
  plan.sources.reserve(sources.size());
  std::vector<DelimitedText> texts;
  texts.reserve(sources.size());
  for (const MappedSource& s : sources) {
    const std::string file = FileName(s.path);
    auto text = ReadDelimitedFile(s.path, s.mapping.delimiter, file);
    if (!text.ok()) return text.status();
    texts.push_back(std::move(*text));
    SourcePlan source;
    source.file = file;
    source.path = s.path;
    source.mapping = s.mapping.name;
    source.dialect = texts.back().dialect;
    source.rows = static_cast<int64_t>(texts.back().rows.size());
    plan.sources.push_back(std::move(source));
    MapSource(s.mapping, texts.back(), file, &plan, &plan.sources.back());
  }
  std::sort(plan.tables.begin(), plan.tables.end(),
            [](const CanonicalTable& a, const CanonicalTable& b) { return a.table < b.table; });
  return plan;
}

Result<CanonicalLines> WriteCanonicalTables(const ImportPlan& plan, const std::string& dir) {
  CanonicalLines lines;
  for (const CanonicalTable& t : plan.tables) {
    const std::string path =
        (std::filesystem::path(dir) / (std::string(TableName(t.table)) + ".csv")).string();
    const auto columns = t.Columns();
    std::string text;
    AppendCsvRow(&text, columns);
    int64_t line = 2;
    auto& starts = lines[static_cast<int>(t.table)];
    for (const auto& row : t.rows) {
      std::vector<std::string> fields;
      for (const auto& c : columns) {
        auto it = row.values.find(c);
        fields.push_back(it == row.values.end() ? "" : it->second);
      }
      starts.push_back(line);
      const size_t before = text.size();
      AppendCsvRow(&text, fields);
      line += static_cast<int64_t>(
          std::count(text.begin() + static_cast<std::ptrdiff_t>(before), text.end(), '\n'));
    }
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) return Status::Io(fmt::format("cannot write {}", path));
  }
  return lines;
}

Result<ValidatedImport> ValidateMappedImport(const ImportPlan& plan, const ValidationOptions& options) {
  // Problems of a file as a whole come alone: the rows they spoil would only repeat them.
  if (!plan.problems.empty()) return ProblemsStatus(plan.problems);
  if (options.strict && !plan.rejected.empty()) return ProblemsStatus(plan.ProblemTexts());
  auto settings = ReadSettingsFile(options.settings_path, "");
  if (!settings.ok()) return settings.status();
  const Settings used = *settings ? (*settings)->settings : options.settings.value_or(Settings());
  // The share is checked below, over the rows the mapping rejected and those the loader sets aside.
  LoadOptions load = LoadOptionsFor(used, options.strict);
  load.quarantine.max_share = 1.0;
  TempFolder dir;
  if (dir.path().empty()) return Status::Io("cannot create a temporary folder");
  auto lines = WriteCanonicalTables(plan, dir.path());
  if (!lines.ok()) return lines.status();
  const RowOrigins origins(plan, *lines);
  auto loaded = LoadDataDirectory(dir.path(), load);
  if (!loaded.ok()) {
    if (loaded.status().code() != StatusCode::kBadData) return loaded.status();
    std::vector<std::string> texts = plan.ProblemTexts();
    texts.push_back(origins.Text(loaded.status().message()));
    return Status::BadData(Join(texts, "\n"));
  }
  ValidatedImport out;
  out.data = std::move(*loaded);
  FLYWHEEL_RETURN_IF_ERROR(SettleQuarantine(plan, origins, used.max_quarantined_share, &out.data));
  out.quarantine = QuarantineFiles(plan, origins, out.data);
  out.source_dir =
      plan.sources.empty() ? "" : std::filesystem::path(plan.sources.front().path).parent_path().string();
  for (const SourcePlan& s : plan.sources) {
    out.source += fmt::format("{}{} {}", out.source.empty() ? "" : ", ", s.mapping, s.file);
  }
  if (*settings) out.settings_toml = std::move((*settings)->text);
  return out;
}

Result<ImportSummary> RunMappedImport(const ImportPlan& plan, const std::string& workspace_dir,
                                      const ImportOptions& options) {
  auto validated = ValidateMappedImport(plan, options.validation);
  if (!validated.ok()) return validated.status();
  return StoreImport(std::move(*validated), workspace_dir, options);
}

std::string FormatImportPlan(const ImportPlan& plan, size_t max_problems) {
  std::string out;
  for (const SourcePlan& s : plan.sources) {
    out += fmt::format("{} ({}): {} rows\n", s.file, s.mapping, s.rows);
    for (const TablePlan& t : s.tables) {
      out += fmt::format("  {}: {} rows\n", TableName(t.target), t.rows);
      size_t width = 0;
      for (const auto& [c, from] : t.columns) width = std::max(width, c.size());
      for (const auto& [c, from] : t.columns) out += fmt::format("    {:<{}} <- {}\n", c, width, from);
    }
    for (const auto& note : s.notes) out += fmt::format("  note: {}\n", note);
    if (!s.skipped.empty()) {
      out += fmt::format("  skipped {} row{}:\n", s.skipped.size(), s.skipped.size() == 1 ? "" : "s");
      for (const auto& k : s.skipped) out += fmt::format("    line {}: {}\n", k.line, k.reason);
    }
  }
  out += "canonical rows:";
  for (const auto& t : plan.tables) out += fmt::format(" {} {}", TableName(t.table), t.rows.size());
  out += "\n";
  const std::vector<std::string> problems = plan.ProblemTexts();
  if (!problems.empty() && max_problems > 0) {
    const size_t shown = std::min(max_problems, problems.size());
    out += fmt::format("problems ({}{}):\n",
                       problems.size() > shown ? fmt::format("first {} of ", shown) : "", problems.size());
    for (size_t i = 0; i < shown; ++i) out += "  " + problems[i] + "\n";
  }
  return out;
}

}  // namespace flywheel
