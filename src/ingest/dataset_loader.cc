// LoadDataset: passes of the loader (load_pass.h) until no row error is left, setting rows
// with errors aside between passes when the quarantine policy allows it.
#include "ingest/dataset_loader.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <set>

#include "base/strings.h"
#include "ingest/csv_reader.h"
#include "ingest/load_pass.h"

namespace flywheel {

namespace {

// A pass ends in at most this many: each pass after the first only sets aside rows that
// refer to rows set aside by the one before (accounts -> opportunities -> history).
constexpr int kMaxPasses = 8;

// A source that leaves out the rows on given lines and keeps their fields.
class SkippingRowSource : public RowSource {
 public:
  SkippingRowSource(std::unique_ptr<RowSource> inner, const std::map<int64_t, std::vector<std::string>>* skip,
                    QuarantinedTable* kept)
      : inner_(std::move(inner)), skip_(skip), kept_(kept) {
    kept_->file =
        inner_->DisplayName();  // the header is taken with the first row kept: a file decodes on first use
  }
  const std::string& DisplayName() const override { return inner_->DisplayName(); }
  const std::vector<std::string>& Header() const override { return inner_->Header(); }
  bool Next(std::vector<std::string_view>* fields, int64_t* line) override {
    while (inner_->Next(fields, line)) {
      if (!skip_->count(*line)) return true;
      if (kept_->header.empty()) kept_->header = inner_->Header();
      kept_->rows.push_back(QuarantinedRow{*line, "", {fields->begin(), fields->end()}});
    }
    return false;
  }
  Status status() const override { return inner_->status(); }
  size_t RowCountHint() const override { return inner_->RowCountHint(); }
  bool MayHoldInvalidUtf8() const override { return inner_->MayHoldInvalidUtf8(); }
  const TextDialect* Dialect() const override { return inner_->Dialect(); }

 private:
  std::unique_ptr<RowSource> inner_;
  const std::map<int64_t, std::vector<std::string>>* skip_;
  QuarantinedTable* kept_;
};

// The rows set aside so far, per table.
struct Quarantine {
  std::array<std::map<int64_t, std::vector<std::string>>, kTableCount> reasons;  // line -> "column: message"
  std::array<std::vector<RowProblem>, kTableCount> problems;  // every error that set a row aside
  QuarantinedKeys keys;
};

std::string Reason(const RowProblem& p) { return p.column.empty() ? p.message : p.column + ": " + p.message; }

// "... and N more problems" after the first kLinesShown lines of a file.
void AppendCapped(const std::string& file, const std::vector<std::string>& lines, int64_t count,
                  const char* noun, std::vector<std::string>* out) {
  const size_t shown = std::min(lines.size(), TableProblems::kLinesShown);
  out->insert(out->end(), lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(shown));
  if (count > static_cast<int64_t>(shown)) {
    const int64_t more = count - static_cast<int64_t>(shown);
    out->push_back(fmt::format("{}: ... and {} more {}{}", file, more, noun, more == 1 ? "" : "s"));
  }
}

class QuarantineLoader {
 public:
  QuarantineLoader(const RowSourceOpener& open, const LoadOptions& options)
      : open_(open), options_(options) {}

  Result<LoadedDataset> Run() {
    for (int pass = 0;; ++pass) {
      std::array<QuarantinedTable, kTableCount> kept;
      RowSourceOpener filtered = [this, &kept](Table t) -> Result<std::unique_ptr<RowSource>> {
        auto source = open_(t);
        const int i = static_cast<int>(t);
        if (!source.ok() || !*source || q_.reasons[i].empty()) return source;
        kept[i].table = t;
        return std::unique_ptr<RowSource>(
            std::make_unique<SkippingRowSource>(std::move(*source), &q_.reasons[i], &kept[i]));
      };
      auto run = RunLoadPass(filtered, options_, &q_.keys);
      if (!run.ok()) return run.status();
      if (pass == 0) {
        for (const PassTable& t : run->tables) rows_read_[static_cast<int>(t.table)] = t.rows_read;
      }
      if (!run->HasErrors()) return Finish(*run, kept);
      for (int i = 0; i < kTableCount; ++i) earlier_[i] = q_.problems[i].size();
      if (!options_.quarantine.enabled || HasFileProblems(*run) || pass + 1 == kMaxPasses)
        return Fail(*run, {});
      SetAside(*run);
      std::vector<std::string> over = TablesOverShare(*run);
      if (!over.empty()) return Fail(*run, over);
    }
  }

 private:
  static bool HasFileProblems(const LoadPass& run) {
    for (const PassTable& t : run.tables) {
      if (!t.problems->file_problems().empty()) return true;
    }
    return false;
  }

  void SetAside(const LoadPass& run) {
    for (const PassTable& t : run.tables) {
      const int i = static_cast<int>(t.table);
      earlier_[i] = q_.problems[i].size();
      for (const RowProblem& p : t.problems->errors()) {
        q_.reasons[i][p.line].push_back(Reason(p));
        if (!p.key.empty()) q_.keys[i].emplace(p.key, p.line);
        q_.problems[i].push_back(p);
      }
      // Errors beyond the ones kept mean more than the share: TablesOverShare fails.
      if (!t.problems->errors_complete()) {
        incomplete_[i] = true;
        errors_beyond_[i] += t.problems->error_count() - static_cast<int64_t>(t.problems->errors().size());
      }
    }
  }

  // "opportunities.csv: 38 of 50 rows (76.0 %) have errors, ..." for every table over the share.
  std::vector<std::string> TablesOverShare(const LoadPass& run) const {
    std::vector<std::string> out;
    for (const PassTable& t : run.tables) {
      const int i = static_cast<int>(t.table);
      const int64_t bad = static_cast<int64_t>(q_.reasons[i].size());
      const int64_t rows = rows_read_[i];
      if (bad == 0 || (!incomplete_[i] && static_cast<double>(bad) <=
                                              options_.quarantine.max_share * static_cast<double>(rows))) {
        continue;
      }
      out.push_back(QuarantineShareProblem(t.file, std::min(rows, bad + errors_beyond_[i]), rows,
                                           options_.quarantine.max_share));
    }
    return out;
  }

  // Every error found, per file: those of the rows set aside by earlier passes (in line
  // order), then this pass's (in the order found), at most kLinesShown per file; then why
  // the quarantine could not take them (`over_share`).
  Status Fail(const LoadPass& run, const std::vector<std::string>& over_share) {
    std::vector<std::string> lines;
    for (const PassTable& t : run.tables) {
      const int i = static_cast<int>(t.table);
      std::vector<RowProblem> earlier(q_.problems[i].begin(),
                                      q_.problems[i].begin() + static_cast<std::ptrdiff_t>(earlier_[i]));
      std::stable_sort(earlier.begin(), earlier.end(),
                       [](const RowProblem& a, const RowProblem& b) { return a.line < b.line; });
      std::vector<std::string> table_lines;
      for (const RowProblem& p : earlier) table_lines.push_back(ProblemText(t.file, p));
      const auto& now = t.problems->error_lines();
      table_lines.insert(table_lines.end(), now.begin(), now.end());
      AppendCapped(t.file, table_lines, static_cast<int64_t>(earlier.size()) + t.problems->error_line_count(),
                   "problem", &lines);
    }
    lines.insert(lines.end(), over_share.begin(), over_share.end());
    return Status::BadData(Join(lines, "\n"));
  }

  LoadedDataset Finish(LoadPass& run, std::array<QuarantinedTable, kTableCount>& kept) {
    LoadedDataset out;
    out.dataset = std::move(run.dataset);
    for (const PassTable& t : run.tables) {
      const int i = static_cast<int>(t.table);
      TableQuality quality;
      quality.table = t.table;
      quality.file = t.file;
      quality.rows_read = rows_read_[i];
      quality.rows_loaded = static_cast<int64_t>(out.dataset.RowCount(t.table));
      quality.repaired = t.problems->repaired_rows();
      quality.quarantined = static_cast<int64_t>(q_.reasons[i].size());
      quality.dialect = t.dialect;
      for (const RowProblem& p : q_.problems[i]) Tally(&quality.errors, p);
      quality.warnings = t.problems->warning_tallies();
      out.quality.push_back(std::move(quality));
      AddWarningLines(t, q_.problems[i], options_.show_row_warnings, &out.warnings);
      if (!kept[i].rows.empty()) {
        for (QuarantinedRow& row : kept[i].rows) row.reason = Join(q_.reasons[i][row.line], "; ");
        out.quarantined.push_back(std::move(kept[i]));
      }
    }
    return out;
  }

  // The notices, warnings and rows set aside of one table, in line order.
  static void AddWarningLines(const PassTable& t, const std::vector<RowProblem>& set_aside, bool row_warnings,
                              std::vector<std::string>* out) {
    out->insert(out->end(), t.problems->notices().begin(), t.problems->notices().end());
    std::vector<std::pair<int64_t, std::string>> lines;
    if (row_warnings) {
      for (const RowProblem& p : t.problems->warnings()) lines.emplace_back(p.line, ProblemText(t.file, p));
    }
    for (const RowProblem& p : set_aside)
      lines.emplace_back(p.line, ProblemText(t.file, p) + " (row quarantined)");
    std::stable_sort(lines.begin(), lines.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> texts;
    for (auto& [line, text] : lines) texts.push_back(std::move(text));
    AppendCapped(t.file, texts,
                 (row_warnings ? t.problems->warning_count() : 0) + static_cast<int64_t>(set_aside.size()),
                 "warning", out);
  }

  const RowSourceOpener& open_;
  const LoadOptions& options_;
  Quarantine q_;
  std::array<int64_t, kTableCount> rows_read_{};
  std::array<bool, kTableCount> incomplete_{};
  std::array<int64_t, kTableCount> errors_beyond_{};  // row errors not kept (counted only)
  std::array<size_t, kTableCount> earlier_{};         // q_.problems[t] set aside before the last pass
};

std::string FolderLabel(const std::string& dir) {
  if (!dir.empty() && dir.back() == '/') return dir;
  return dir + "/";
}

}  // namespace

std::string QuarantineShareProblem(const std::string& name, int64_t bad, int64_t rows, double max_share) {
  return fmt::format(
      "{}: {} of {} rows ({:.1f} %) cannot be used, more than max_quarantined_share allows ({:g} %): fix the "
      "file "
      "or its mapping, or raise the setting",
      name, bad, rows, rows == 0 ? 100.0 : 100.0 * static_cast<double>(bad) / static_cast<double>(rows),
      max_share * 100);
}

Result<LoadedDataset> LoadDataset(const RowSourceOpener& open, const LoadOptions& options) {
  return QuarantineLoader(open, options).Run();
}

Result<LoadedDataset> LoadDataDirectory(const std::string& dir, const LoadOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const std::string label = FolderLabel(dir);
  if (!fs::exists(dir, ec)) return Status::NotFound(fmt::format("data folder {} does not exist", label));
  if (!fs::is_directory(dir, ec))
    return Status::NotFound(fmt::format("data folder {} is not a folder", label));
  if (!fs::exists(fs::path(dir) / "accounts.csv", ec)) {
    return Status::NotFound(fmt::format("{}: accounts.csv is missing (it is the one required table)", label));
  }
  RowSourceOpener opener = [&](Table t) -> Result<std::unique_ptr<RowSource>> {
    std::string file = std::string(TableName(t)) + ".csv";
    fs::path path = fs::path(dir) / file;
    std::error_code e;
    if (!fs::exists(path, e)) return std::unique_ptr<RowSource>();
    auto source = CsvRowSource::Open(path.string(), file);
    if (!source.ok()) return source.status();
    return std::unique_ptr<RowSource>(std::move(*source));
  };
  return LoadDataset(opener, options);
}

}  // namespace flywheel
