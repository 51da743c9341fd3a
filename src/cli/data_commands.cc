// `flywheel check` and `flywheel import`: validating a data set and loading it into a
// workspace. Both print, per table, the rows read, repaired and set aside (quarantined).
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

#include "cli/export_import.h"
#include "cli/input.h"
#include "cli/quality_report.h"
#include "ingest/dataset_loader.h"
#include "workspace/workspace.h"

namespace flywheel {

namespace {

struct CheckOptions {
  InputOptions input;
  std::string format = "table";
};

struct ImportCommandOptions {
  std::string data_dir;
  std::vector<std::string> from;      // PROFILE FILE pairs
  std::vector<std::string> mappings;  // FILE.toml EXPORT.csv pairs
  std::string workspace_dir;
  std::string imported_at;  // "" = now
  std::string settings_path;
  std::string write_mapping;
  bool dry_run = false;
  bool strict = false;
  std::string format = "table";
};

Status ImportDataFolder(const ImportCommandOptions& o, const std::string& imported_at) {
  ImportOptions options;
  options.validation.strict = o.strict;
  options.validation.settings_path = o.settings_path;
  options.imported_at = imported_at;
  auto validated = ValidateDataDirectory(o.data_dir, options.validation);
  if (!validated.ok()) return validated.status();
  return FinishImport(std::move(*validated), options, o.workspace_dir, o.dry_run, o.format);
}

}  // namespace

std::function<Status()> SetupCheck(CLI::App* app) {
  auto o = std::make_shared<CheckOptions>();
  AddInputOptions(app, &o->input);
  AddFormatOption(app, &o->format);
  app->add_flag("--strict", o->input.strict,
                "Fail on any row error instead of setting the row aside (quarantine)");
  return [o]() -> Status {
    auto format = ParseFormat(o->format);
    if (!format.ok()) return format.status();
    auto in = LoadInput(o->input);
    if (!in.ok()) return in.status();
    PrintWarnings(in->warnings);
    return PrintReport(
        CheckReport(FormatDate(in->as_of), in->dataset.present, in->quality, o->format == "table"),
        o->format);
  };
}

std::function<Status()> SetupImport(CLI::App* app) {
  auto o = std::make_shared<ImportCommandOptions>();
  app->add_option("data_dir", o->data_dir, "Data set folder of canonical CSV files");
  CLI::Option* from =
      app->add_option("--from", o->from,
                      "Import a tool's export: --from PROFILE FILE (repeatable; PROFILE auto detects it; see "
                      "`flywheel profiles`)")
          ->type_size(2)
          ->allow_extra_args(false);
  CLI::Option* mapping =
      app->add_option("--mapping", o->mappings,
                      "Import an export with a mapping file: --mapping FILE.toml EXPORT.csv (repeatable)")
          ->type_size(2)
          ->allow_extra_args(false);
  app->add_option("--workspace", o->workspace_dir, "Workspace folder to import into (created when missing)");
  app->add_option("--settings", o->settings_path,
                  "Settings file to check and store (default: flywheel.toml in the data set folder)");
  app->add_option(
      "--write-mapping", o->write_mapping,
      "With --from auto FILE: write a mapping file skeleton for FILE to this path and import nothing");
  app->add_flag("--dry-run", o->dry_run, "Validate the data set and settings only; change nothing");
  app->add_flag("--strict", o->strict,
                "All or nothing: fail on any row error instead of setting the row aside");
  app->add_option(
      "--imported-at", o->imported_at,
      "When the export was taken, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (default: now); dates the snapshot");
  AddFormatOption(app, &o->format);
  return [o, app, from, mapping]() -> Status {
    auto format = ParseFormat(o->format);
    if (!format.ok()) return format.status();
    const bool exports = !o->from.empty() || !o->mappings.empty();
    if (!o->write_mapping.empty()) return WriteMappingSkeleton(o->from, o->write_mapping);
    if (o->workspace_dir.empty())
      return Status::Usage("import needs --workspace WS (the folder to import into)");
    std::string imported_at;
    if (!o->imported_at.empty()) {
      auto at = ParseImportTime(o->imported_at);
      if (!at.ok()) return Status::Usage("--imported-at: " + at.status().message());
      imported_at = *at;
    }
    if (exports) {
      if (!o->data_dir.empty()) {
        return Status::Usage("import takes either a data set folder or --from/--mapping exports, not both");
      }
      ExportImportOptions options;
      options.sources = ExportSourcesInOrder(app->parse_order(), from, o->from, mapping, o->mappings);
      options.workspace_dir = o->workspace_dir;
      options.settings_path = o->settings_path;
      options.dry_run = o->dry_run;
      options.strict = o->strict;
      options.format = o->format;
      options.imported_at = imported_at;
      return RunExportImport(options);
    }
    if (o->data_dir.empty()) {
      return Status::Usage(
          "import needs a data set folder (DATA_DIR) or exports (--from PROFILE FILE, --mapping FILE.toml "
          "EXPORT.csv)");
    }
    return ImportDataFolder(*o, imported_at);
  };
}

}  // namespace flywheel
