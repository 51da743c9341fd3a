// `flywheel profiles` (the shipped import profiles and the export columns each reads) and
// the part of `flywheel import` that reads tool exports: --from PROFILE FILE and
// --mapping FILE.toml EXPORT.csv (docs/IMPORTS.md).
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <string>
#include <vector>

#include "cli/input.h"
#include "imports/mapped_import.h"
#include "imports/shipped_profiles.h"

namespace flywheel {

namespace {

constexpr size_t kProblemsShown = 20;

Status PlanProblemsStatus(const ImportPlan& plan) {
  std::string joined;
  const size_t shown = std::min(kProblemsShown, plan.problems.size());
  for (size_t i = 0; i < shown; ++i) joined += (i ? "\n" : "") + plan.problems[i];
  if (plan.problems.size() > shown) joined += fmt::format("\n... and {} more problems", plan.problems.size() - shown);
  return Status::BadData(joined);
}

}  // namespace

// cli/data_commands.cc
std::vector<std::string> SnapshotNotes(const ImportSummary& summary);

std::function<Status()> SetupProfiles(CLI::App* /*app*/) {
  return []() -> Status {
    std::string out;
    for (const std::string& name : ShippedProfileNames()) {
      auto profile = FindShippedProfile(name);
      if (!profile.ok()) return profile.status();
      out += fmt::format("{}: {}\n", name, profile->description);
      std::string tables;
      for (const auto& t : profile->tables) tables += (tables.empty() ? "" : ", ") + std::string(TableName(t.target));
      out += fmt::format("  tables:  {}\n", tables);
      std::string columns;
      for (const auto& c : profile->SourceColumns()) columns += (columns.empty() ? "" : ", ") + c;
      out += fmt::format("  columns: {}\n", columns);
    }
    out += "Use one with: flywheel import --from PROFILE FILE --workspace WS (see docs/IMPORTS.md)\n";
    fmt::print("{}", out);
    return Status::Ok();
  };
}

// Imports tool exports. `from` holds PROFILE FILE pairs, `mappings` FILE.toml EXPORT.csv
// pairs (flattened, as the options collect them). Prints the mapping it applied; with
// `dry_run` validates everything and writes nothing. `options`: the snapshot's time.
Status RunExportImport(const std::vector<std::string>& from, const std::vector<std::string>& mappings,
                       const std::string& workspace_dir, bool dry_run, const ImportOptions& options) {
  if (from.size() % 2 != 0) return Status::Usage("--from needs a profile and a file: --from PROFILE FILE");
  if (mappings.size() % 2 != 0) {
    return Status::Usage("--mapping needs a mapping file and an export: --mapping FILE.toml EXPORT.csv");
  }
  std::vector<MappedSource> sources;
  for (size_t i = 0; i < from.size(); i += 2) {
    auto profile = FindShippedProfile(from[i]);
    if (!profile.ok()) return profile.status();
    sources.push_back(MappedSource{std::move(*profile), from[i + 1]});
  }
  for (size_t i = 0; i < mappings.size(); i += 2) {
    auto mapping = LoadMappingFile(mappings[i]);
    if (!mapping.ok()) return mapping.status();
    sources.push_back(MappedSource{std::move(*mapping), mappings[i + 1]});
  }
  auto plan = PlanMappedImport(sources);
  if (!plan.ok()) return plan.status();
  fmt::print("{}", FormatImportPlan(*plan, 0));
  if (!plan->problems.empty()) return PlanProblemsStatus(*plan);
  if (dry_run) {
    auto loaded = ValidateMappedImport(*plan);
    if (!loaded.ok()) return loaded.status();
    PrintWarnings(loaded->warnings);
    fmt::print("dry run: the workspace was not changed\n");
    return Status::Ok();
  }
  auto summary = RunMappedImport(*plan, workspace_dir, options);
  if (!summary.ok()) return summary.status();
  PrintWarnings(summary->warnings);
  fmt::print("imported into {}\n", workspace_dir);
  for (const std::string& note : SnapshotNotes(*summary)) fmt::print("{}\n", note);
  return Status::Ok();
}

}  // namespace flywheel
