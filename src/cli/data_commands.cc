// `flywheel check` and `flywheel import`: validating a data set and loading it into a
// workspace. Both print the row count of every table.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/input.h"
#include "ingest/dataset_loader.h"
#include "workspace/workspace.h"

namespace flywheel {

namespace {

// One row per table of the data model, in Table order: name, row count (null when the
// table is absent), and "loaded" or "missing".
Report RowCountReport(const std::string& name, const std::string& as_of, const std::array<bool, kTableCount>& present,
                      const std::array<int64_t, kTableCount>& counts) {
  Report report;
  report.name = name;
  report.as_of = as_of;
  report.columns = {{"table", ColumnKind::kText, "Table"},
                    {"rows", ColumnKind::kInteger, "Rows"},
                    {"status", ColumnKind::kText, "Status"}};
  for (int t = 0; t < kTableCount; ++t) {
    std::string file = std::string(TableName(static_cast<Table>(t))) + ".csv";
    if (present[t]) {
      report.rows.push_back({file, counts[t], std::string("loaded")});
    } else {
      report.rows.push_back({file, Cell(), std::string("missing")});
    }
  }
  return report;
}

Report DatasetCounts(const std::string& name, const std::string& as_of, const Dataset& d) {
  std::array<int64_t, kTableCount> counts{};
  for (int t = 0; t < kTableCount; ++t) counts[t] = static_cast<int64_t>(d.RowCount(static_cast<Table>(t)));
  return RowCountReport(name, as_of, d.present, counts);
}

struct CheckOptions {
  InputOptions input;
  std::string format = "table";
};

struct ImportCommandOptions {
  std::string data_dir;
  std::vector<std::string> from;      // PROFILE FILE pairs
  std::vector<std::string> mappings;  // FILE.toml EXPORT.csv pairs
  std::string workspace_dir;
  std::string imported_at;            // "" = now
  bool dry_run = false;
  std::string format = "table";
};

}  // namespace

// What an import adds to its output: the snapshot it made, and the deal history it derived.
std::vector<std::string> SnapshotNotes(const ImportSummary& summary) {
  std::vector<std::string> notes = {fmt::format("stored as snapshot {}", summary.snapshot)};
  if (summary.derived_history_rows >= 0) {
    notes.push_back(fmt::format("opportunity_history.csv: {} row{} derived from the changes of snapshots up to this one",
                                summary.derived_history_rows, summary.derived_history_rows == 1 ? "" : "s"));
  }
  return notes;
}

// cli/import_commands.cc
Status RunExportImport(const std::vector<std::string>& from, const std::vector<std::string>& mappings,
                       const std::string& workspace_dir, bool dry_run, const ImportOptions& options);

std::function<Status()> SetupCheck(CLI::App* app) {
  auto o = std::make_shared<CheckOptions>();
  AddInputOptions(app, &o->input);
  AddFormatOption(app, &o->format);
  return [o]() -> Status {
    auto format = ParseFormat(o->format);
    if (!format.ok()) return format.status();
    auto in = LoadInput(o->input);
    if (!in.ok()) return in.status();
    PrintWarnings(in->warnings);
    return PrintReport(DatasetCounts("check", FormatDate(in->as_of), in->dataset), o->format);
  };
}

std::function<Status()> SetupImport(CLI::App* app) {
  auto o = std::make_shared<ImportCommandOptions>();
  app->add_option("data_dir", o->data_dir, "Data set folder of canonical CSV files");
  app->add_option("--from", o->from, "Import a tool's export: --from PROFILE FILE (repeatable; see `flywheel profiles`)")
      ->type_size(2)
      ->allow_extra_args(false);
  app->add_option("--mapping", o->mappings, "Import an export with a mapping file: --mapping FILE.toml EXPORT.csv (repeatable)")
      ->type_size(2)
      ->allow_extra_args(false);
  app->add_option("--workspace", o->workspace_dir, "Workspace folder to import into (created when missing)");
  app->add_flag("--dry-run", o->dry_run, "Validate the data set and settings only; change nothing");
  app->add_option("--imported-at", o->imported_at,
                  "When the export was taken, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (default: now); dates the snapshot");
  AddFormatOption(app, &o->format);
  return [o]() -> Status {
    if (o->workspace_dir.empty()) return Status::Usage("import needs --workspace WS (the folder to import into)");
    ImportOptions import_options;
    if (!o->imported_at.empty()) {
      auto at = ParseImportTime(o->imported_at);
      if (!at.ok()) return Status::Usage("--imported-at: " + at.status().message());
      import_options.imported_at = *at;
    }
    if (!o->from.empty() || !o->mappings.empty()) {
      if (!o->data_dir.empty()) {
        return Status::Usage("import takes either a data set folder or --from/--mapping exports, not both");
      }
      return RunExportImport(o->from, o->mappings, o->workspace_dir, o->dry_run, import_options);
    }
    if (o->data_dir.empty()) {
      return Status::Usage("import needs a data set folder (DATA_DIR) or exports (--from PROFILE FILE, --mapping FILE.toml EXPORT.csv)");
    }
    auto format = ParseFormat(o->format);
    if (!format.ok()) return format.status();
    if (o->dry_run) {
      auto loaded = LoadDataDirectory(o->data_dir);
      if (!loaded.ok()) return loaded.status();
      auto settings_path = std::filesystem::path(o->data_dir) / "flywheel.toml";
      if (std::filesystem::exists(settings_path)) {
        auto settings = LoadSettingsFile(settings_path.string());
        if (!settings.ok()) return settings.status();
      }
      PrintWarnings(loaded->warnings);
      Report report = DatasetCounts("import", "", loaded->dataset);
      report.notes.push_back("dry run: the workspace was not changed");
      return PrintReport(report, o->format);
    }
    auto summary = ImportDataDirectory(o->data_dir, o->workspace_dir, import_options);
    if (!summary.ok()) return summary.status();
    PrintWarnings(summary->warnings);
    std::array<bool, kTableCount> present{};
    std::array<int64_t, kTableCount> counts{};
    for (const auto& [table, rows] : summary->row_counts) {
      for (int t = 0; t < kTableCount; ++t) {
        if (TableName(static_cast<Table>(t)) == table) {
          present[t] = true;
          counts[t] = rows;
        }
      }
    }
    Report report = RowCountReport("import", "", present, counts);
    report.notes.push_back(fmt::format("imported into {}", o->workspace_dir));
    for (std::string& note : SnapshotNotes(*summary)) report.notes.push_back(std::move(note));
    if (summary->derived_history_rows >= 0) {
      report.rows[static_cast<int>(Table::kOpportunityHistory)][2] = std::string("derived");
    }
    return PrintReport(report, o->format);
  };
}

}  // namespace flywheel
