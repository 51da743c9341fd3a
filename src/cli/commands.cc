// The command table. Each command's setup lives in the cli/*_command(s).cc file named
// beside it.
#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace flywheel {

// cli/data_commands.cc
std::function<Status()> SetupCheck(CLI::App* app);
std::function<Status()> SetupImport(CLI::App* app);
// cli/import_commands.cc
std::function<Status()> SetupProfiles(CLI::App* app);
// cli/history_commands.cc
std::function<Status()> SetupHistory(CLI::App* app);
std::function<Status()> SetupDiff(CLI::App* app);
// cli/demo_command.cc
std::function<Status()> SetupDemoData(CLI::App* app);
// cli/revenue_commands.cc
std::function<Status()> SetupRevenue(CLI::App* app);
std::function<Status()> SetupCohorts(CLI::App* app);

// cli/pipeline_commands.cc
std::function<Status()> SetupPipeline(CLI::App* app);
std::function<Status()> SetupWaterfall(CLI::App* app);

// cli/market_commands.cc
std::function<Status()> SetupSegments(CLI::App* app);
std::function<Status()> SetupMarket(CLI::App* app);

// cli/bowtie_commands.cc
std::function<Status()> SetupBowtie(CLI::App* app);
std::function<Status()> SetupTtv(CLI::App* app);
std::function<Status()> SetupEfficiency(CLI::App* app);
std::function<Status()> SetupFlywheel(CLI::App* app);

// cli/sql_command.cc
std::function<Status()> SetupSql(CLI::App* app);

// cli/customers_commands.cc
std::function<Status()> SetupCustomers(CLI::App* app);
std::function<Status()> SetupProspects(CLI::App* app);
std::function<Status()> SetupAttention(CLI::App* app);
std::function<Status()> SetupMigration(CLI::App* app);
std::function<Status()> SetupAccounts(CLI::App* app);
std::function<Status()> SetupAccount(CLI::App* app);
std::function<Status()> SetupIcp(CLI::App* app);
// cli/programs_commands.cc
std::function<Status()> SetupPrograms(CLI::App* app);
// cli/serve_command.cc, cli/report_command.cc
std::function<Status()> SetupServe(CLI::App* app);
std::function<Status()> SetupReport(CLI::App* app);

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"demo-data", "Generate a realistic demo data set (every table of the data model)", SetupDemoData},
      {"check", "Validate a data set and print the row count of every table", SetupCheck},
      {"import",
       "Load a data set or tool exports into a SQLite workspace as its next snapshot (rows that cannot be "
       "used set aside)",
       SetupImport},
      {"history", "A workspace's snapshots (one per import); --keep N deletes all but the latest N",
       SetupHistory},
      {"diff", "What changed between two snapshots of a workspace: rows added, removed, changed", SetupDiff},
      {"profiles", "List the shipped import profiles and the export columns each reads", SetupProfiles},
      {"revenue",
       "MRR, ARR, the five MRR movements and the FX impact, growth, churn, quick ratio, ARPA, NRR/GRR, ACV",
       SetupRevenue},
      {"cohorts", "Cohort retention triangle: nrr, grr or logo", SetupCohorts},
      {"pipeline",
       "Pipeline: qualified leads, LVR, win rates, sales cycle, velocity, CPP, coverage, open-deal ageing",
       SetupPipeline},
      {"waterfall",
       "Pipeline waterfall between --from and --to (needs opportunity_history.csv or two workspace "
       "snapshots)",
       SetupWaterfall},
      {"segments", "Segment scoring: ranking, notes, vetoes, sensitivity and rank stability", SetupSegments},
      {"market", "Market: beachhead sizing, TAM/SAM/SOM, Bass adoption forecast and fit", SetupMarket},
      {"bowtie", "Bowtie: volume, conversion and Δt per stage (--mode cohort or period)", SetupBowtie},
      {"ttv", "Time to value by onboarding cohort: median days and share within the targets", SetupTtv},
      {"efficiency", "CAC, CAC payback, burn multiple, GTM spend ratio, magic number", SetupEfficiency},
      {"flywheel", "Force, friction, speed, momentum, and the leading / lagging indicators", SetupFlywheel},
      {"customers", "Account scorecard: score, class, reasons and action per account (--explain for one)",
       SetupCustomers},
      {"prospects", "Open opportunities and leads by ICP fit: Prio 1, Prio 2, disqualify", SetupProspects},
      {"accounts", "Customers with name, segment, plan, MRR and ARR, highest MRR first", SetupAccounts},
      {"account",
       "One account: MRR per month with its movements, scorecard and reasons, opportunities, tickets, NPS",
       SetupAccount},
      {"attention", "Accounts with executive escalations against the executive attention budget",
       SetupAttention},
      {"sql", "The metric definitions as SQL views for sqlite, duckdb or postgres (--dialect)", SetupSql},
      {"migration", "ARR on sunset product lines: notice periods, earliest end, by quarter", SetupMigration},
      {"icp", "ICP discovery (icp discover): which attributes go with good customers, and proposed rules",
       SetupIcp},
      {"programs", "Sales programs: list, apply with an open opportunity, decide, report (docs/PROGRAMS.md)",
       SetupPrograms},
      {"serve", "HTTP API and dashboard over one data set (docs/API.md)", SetupServe},
      {"report", "All main reports in one file: Excel workbook (--xlsx) or HTML page (--html)", SetupReport},
  };
  return kCommands;
}

}  // namespace flywheel
