// `flywheel demo-data`: writes the demo data set and prints the row count of every file.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "demo/demo_generator.h"

namespace flywheel {

namespace {

struct DemoCommandOptions {
  std::string out;
  int64_t accounts = 2000;
  uint64_t seed = 7;
  int months = 36;
  std::string end = "2025-12-31";
  double anonymous_leads = 1.3;
  bool billing_terms = false;
  double outbound_deals = 0;
};

}  // namespace

std::function<Status()> SetupDemoData(CLI::App* app) {
  auto options = std::make_shared<DemoCommandOptions>();
  app->add_option("--out", options->out, "Folder to write the data set to (created if missing)")->required();
  app->add_option("--accounts", options->accounts, "Number of accounts (default 2000)");
  app->add_option("--seed", options->seed, "Random seed; the same seed gives the same files (default 7)");
  app->add_option("--months", options->months, "Months of history (default 36)");
  app->add_option("--end", options->end, "Last day of the history, the as-of date (default 2025-12-31)");
  app->add_option("--anonymous-leads", options->anonymous_leads,
                  "Mean number of leads per account from companies not known as accounts (default 1.3)");
  app->add_flag("--billing-terms", options->billing_terms,
                "One subscription row per billing term, and a renewal deal per quarterly term");
  app->add_option("--outbound-deals", options->outbound_deals,
                  "Mean number of outbound deals per account, opened before the company buys and lost, or "
                  "open when it never does (default 0)");
  return [options]() -> Status {
    DemoOptions demo;
    if (options->accounts < 1 || options->accounts > 100'000'000) {
      return Status::Usage(fmt::format("--accounts: {} is out of range (1 to 100000000)", options->accounts));
    }
    if (options->months < 1 || options->months > 600) {
      return Status::Usage(fmt::format("--months: {} is out of range (1 to 600)", options->months));
    }
    const std::optional<Day> end = ParseDate(options->end);
    if (!end || options->end.size() != 10) {
      return Status::Usage(fmt::format("--end: {} is not a date (expected YYYY-MM-DD)", options->end));
    }
    if (!(options->anonymous_leads >= 0 && options->anonymous_leads <= 100)) {
      return Status::Usage(
          fmt::format("--anonymous-leads: {} is out of range (0 to 100)", options->anonymous_leads));
    }
    if (!(options->outbound_deals >= 0 && options->outbound_deals <= 20)) {
      return Status::Usage(
          fmt::format("--outbound-deals: {} is out of range (0 to 20)", options->outbound_deals));
    }
    demo.accounts = options->accounts;
    demo.anonymous_leads = options->anonymous_leads;
    demo.billing_terms = options->billing_terms;
    demo.outbound_deals = options->outbound_deals;
    demo.seed = options->seed;
    demo.months = options->months;
    demo.end = *end;
    std::vector<DemoFileSummary> files;
    FLYWHEEL_RETURN_IF_ERROR(WriteDemoDataSet(options->out, demo, &files));
    for (const DemoFileSummary& file : files) {
      fmt::print("{:<24} {:>10} rows\n", file.file_name, file.rows);
    }
    fmt::print("{:<24} written\n", "flywheel.toml");
    return Status::Ok();
  };
}

}  // namespace flywheel
