// `flywheel profiles`: the shipped import profiles and the export columns each reads.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <string>

#include "imports/shipped_profiles.h"

namespace flywheel {

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
    out += "Use one with: flywheel import --from PROFILE FILE --workspace WS (docs/IMPORTS.md)\n";
    fmt::print("{}", out);
    return Status::Ok();
  };
}

}  // namespace flywheel
