// Validating what an import will store: the settings file, checked exactly as `flywheel
// check` checks it, and the data set, loaded with the settings' quarantine share and
// currencies. Bad settings fail before anything is read or written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "ingest/dataset_loader.h"
#include "settings/settings.h"
#include "workspace/quarantine_files.h"

namespace flywheel {

struct ValidationOptions {
  // Any row error fails (no quarantine): all or nothing, for pipelines that want it.
  bool strict = false;
  // The settings file to validate and store; "" = DATA_DIR/flywheel.toml when present.
  std::string settings_path;
  // Settings to validate with when no file applies (library callers, tests); not stored.
  std::optional<Settings> settings;
};

// A data set ready to be stored: validated, with what validation set aside.
struct ValidatedImport {
  LoadedDataset data;
  std::string source_dir;  // the folder the data set came from
  // What the snapshot records as its source ("stripe stripe_subscriptions.csv, ..." for
  // exports); "" = the absolute path of source_dir.
  std::string source;
  std::optional<std::string> settings_toml;  // the settings file's text, when there is one
  std::vector<QuarantineFile> quarantine;    // the rows set aside, per table
};

// The load options that `settings` ask for: the quarantine share (none when `strict`) and the
// currencies that need no rate.
LoadOptions LoadOptionsFor(const Settings& settings, bool strict);

// The settings file's text and its parsed settings, when there is one. Reads `path` when
// given (a missing file is kNotFound), else `dir`/flywheel.toml when it exists.
struct SettingsFile {
  std::string text;
  Settings settings;
};
Result<std::optional<SettingsFile>> ReadSettingsFile(const std::string& path, const std::string& dir);

// The quarantine files of a loaded data set: the rows set aside, with their file's own
// columns, `source` as "FILE:LINE".
std::vector<QuarantineFile> QuarantineFilesOf(const LoadedDataset& data);

// Reads and checks the settings (ReadSettingsFile), then loads and validates `data_dir` with
// them: rows with errors are set aside unless options.strict, up to max_quarantined_share.
Result<ValidatedImport> ValidateDataDirectory(const std::string& data_dir,
                                              const ValidationOptions& options = {});

}  // namespace flywheel
