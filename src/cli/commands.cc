// The command table. Each command's setup lives in the cli/*_command(s).cc file named
// beside it.
#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace flywheel {

// cli/data_commands.cc
std::function<Status()> SetupCheck(CLI::App* app);
std::function<Status()> SetupImport(CLI::App* app);
// cli/demo_command.cc
std::function<Status()> SetupDemoData(CLI::App* app);
// cli/revenue_commands.cc
std::function<Status()> SetupRevenue(CLI::App* app);
std::function<Status()> SetupCohorts(CLI::App* app);

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"demo-data", "Generate a realistic demo data set (every table of the data model)", SetupDemoData},
      {"check", "Validate a data set and print the row count of every table", SetupCheck},
      {"import", "Load a data set into a SQLite workspace (all or nothing)", SetupImport},
      {"revenue", "MRR, ARR, the five MRR movements, growth, churn, quick ratio, ARPA, NRR/GRR, ACV", SetupRevenue},
      {"cohorts", "Cohort retention triangle: nrr, grr or logo", SetupCohorts},
  };
  return kCommands;
}

}  // namespace flywheel
