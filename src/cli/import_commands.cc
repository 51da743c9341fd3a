// `flywheel profiles` (the shipped import profiles and the export columns each reads) and
// the part of `flywheel import` that reads tool exports: --from PROFILE FILE (PROFILE auto
// detects it), --mapping FILE.toml EXPORT.csv, --write-mapping (docs/IMPORTS.md).
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli/export_import.h"
#include "cli/input.h"
#include "cli/quality_report.h"
#include "imports/mapped_import.h"
#include "imports/profile_detection.h"
#include "imports/shipped_profiles.h"

namespace flywheel {

namespace {

std::string FileNameOf(const std::string& path) { return std::filesystem::path(path).filename().string(); }

// The profile of `source`: the one named, or for "auto" the one that fits the file's
// header best (printed as "detected: NAME (k of n columns)").
Result<Mapping> ProfileFor(const ExportSource& source) {
  if (source.profile != "auto") return FindShippedProfile(source.profile);
  const std::string file = FileNameOf(source.file);
  auto text = ReadDelimitedFile(source.file, 0, file);
  if (!text.ok()) return text.status();
  auto match = DetectProfile(text->header, file);
  if (!match.ok()) return match.status();
  fmt::print("detected: {} ({} of {} columns)\n", match->name, match->present, match->total);
  return FindShippedProfile(match->name);
}

Result<std::vector<MappedSource>> MappedSources(const std::vector<ExportSource>& sources) {
  std::vector<MappedSource> out;
  for (const ExportSource& s : sources) {
    auto mapping = s.profile.empty() ? LoadMappingFile(s.mapping_file) : ProfileFor(s);
    if (!mapping.ok()) return mapping.status();
    out.push_back(MappedSource{std::move(*mapping), s.file});
  }
  return out;
}

}  // namespace

std::function<Status()> SetupProfiles(CLI::App* /*app*/) {
  return []() -> Status {
    std::string out;
    for (const std::string& name : ShippedProfileNames()) {
      auto profile = FindShippedProfile(name);
      if (!profile.ok()) return profile.status();
      out += fmt::format("{}: {}\n", name, profile->description);
      std::string tables;
      for (const auto& t : profile->tables)
        tables += (tables.empty() ? "" : ", ") + std::string(TableName(t.target));
      out += fmt::format("  tables:  {}\n", tables);
      std::string columns;
      for (const auto& c : profile->SourceColumns()) columns += (columns.empty() ? "" : ", ") + c;
      out += fmt::format("  columns: {}\n", columns);
    }
    out +=
        "Use one with: flywheel import --from PROFILE FILE --workspace WS (PROFILE auto detects it; see "
        "docs/IMPORTS.md)\n";
    fmt::print("{}", out);
    return Status::Ok();
  };
}

std::vector<ExportSource> ExportSourcesInOrder(const std::vector<CLI::Option*>& order,
                                               const CLI::Option* from,
                                               const std::vector<std::string>& from_values,
                                               const CLI::Option* mapping,
                                               const std::vector<std::string>& mapping_values) {
  std::vector<ExportSource> out;
  size_t next_from = 0, next_mapping = 0;
  for (const CLI::Option* option : order) {
    if (option == from && next_from + 2 <= from_values.size()) {
      out.push_back({from_values[next_from], "", from_values[next_from + 1]});
      next_from += 2;
    } else if (option == mapping && next_mapping + 2 <= mapping_values.size()) {
      out.push_back({"", mapping_values[next_mapping], mapping_values[next_mapping + 1]});
      next_mapping += 2;
    }
  }
  return out;
}

Status RunExportImport(const ExportImportOptions& o) {
  auto sources = MappedSources(o.sources);
  if (!sources.ok()) return sources.status();
  auto plan = PlanMappedImport(*sources);
  if (!plan.ok()) return plan.status();
  if (o.format == "table") fmt::print("{}", FormatImportPlan(*plan, 0));
  PrintWarnings(plan->warnings);
  ImportOptions options;
  options.validation.strict = o.strict;
  options.validation.settings_path = o.settings_path;
  options.imported_at = o.imported_at;
  auto validated = ValidateMappedImport(*plan, options.validation);
  if (!validated.ok()) return validated.status();
  return FinishImport(std::move(*validated), options, o.workspace_dir, o.dry_run, o.format);
}

Status WriteMappingSkeleton(const std::vector<std::string>& from_values, const std::string& out_path) {
  if (from_values.size() != 2 || from_values[0] != "auto") {
    return Status::Usage("--write-mapping needs one export given as --from auto FILE");
  }
  const std::string& path = from_values[1];
  std::error_code ec;
  if (std::filesystem::exists(out_path, ec)) {
    return Status::Usage(
        fmt::format("--write-mapping: {} exists; give a new file name (it is not overwritten)", out_path));
  }
  const std::string file = FileNameOf(path);
  auto text = ReadDelimitedFile(path, 0, file);
  if (!text.ok()) return text.status();
  std::ofstream out(out_path, std::ios::binary);
  out << MappingSkeleton(*text, file);
  if (!out) return Status::Io(fmt::format("cannot write {}", out_path));
  fmt::print(
      "wrote {}: a mapping for {} with a guess for each column; check it, then import with:\n"
      "  flywheel import --mapping {} {} --workspace WS\n",
      out_path, file, out_path, path);
  return Status::Ok();
}

}  // namespace flywheel
