// The part of `flywheel import` that reads tool exports (docs/IMPORTS.md): --from PROFILE FILE
// (PROFILE `auto` detects it), --mapping FILE.toml EXPORT.csv, in command-line order, and
// --write-mapping.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace CLI {
class Option;
}

namespace flywheel {

// One export to import: a shipped profile (`profile`, "auto" to detect it) or a mapping file.
struct ExportSource {
  std::string profile;       // "" for a mapping file
  std::string mapping_file;  // "" for a profile
  std::string file;          // the export
};

struct ExportImportOptions {
  std::vector<ExportSource> sources;  // in command-line order: it decides which value wins in merged rows
  std::string workspace_dir;
  std::string settings_path;
  bool dry_run = false;
  bool strict = false;
  std::string format = "table";
  std::string imported_at;  // the snapshot's time (ParseImportTime's form); "" = now
};

// The sources of --from and --mapping in the order they were given: `order` is CLI11's
// parse order of the command's options, `from_values` and `mapping_values` their values in
// pairs.
std::vector<ExportSource> ExportSourcesInOrder(const std::vector<CLI::Option*>& order,
                                               const CLI::Option* from,
                                               const std::vector<std::string>& from_values,
                                               const CLI::Option* mapping,
                                               const std::vector<std::string>& mapping_values);

// Imports the exports; prints the mapping it applied, per table what was imported, repaired
// and set aside; with dry_run validates everything and writes nothing.
Status RunExportImport(const ExportImportOptions& options);

// --from auto FILE --write-mapping OUT: writes a mapping skeleton for FILE to OUT (which must
// not exist) with every export column and a guess for each canonical column.
Status WriteMappingSkeleton(const std::vector<std::string>& from_values, const std::string& out_path);

}  // namespace flywheel
