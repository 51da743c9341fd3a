// `flywheel sql`: prints the metric definitions as SQL views for one engine (docs/SQL.md).
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <memory>
#include <optional>
#include <string>

#include "base/date.h"
#include "base/status.h"
#include "sql/metrics_sql.h"
#include "sql/sql_dialect.h"

namespace flywheel {

namespace {

struct SqlCommandOptions {
  std::string dialect;
  std::string as_of;
  std::string currency = "USD";
  std::optional<int> reactivation_window;
  double gross_margin = 0.8;
  int bowtie_window_days = 365;
  std::string value_event_metric;
  double value_event_threshold = 1;
};

}  // namespace

std::function<Status()> SetupSql(CLI::App* app) {
  auto options = std::make_shared<SqlCommandOptions>();
  app->add_option("--dialect", options->dialect, "sqlite, duckdb or postgres")->required();
  app->add_option("--as-of", options->as_of,
                  "As-of date YYYY-MM-DD written into the parameters (default: today)");
  app->add_option("--currency", options->currency, "Base currency (default USD)");
  app->add_option("--reactivation-window", options->reactivation_window,
                  "Months of gap after which a return counts as new (default: none)");
  app->add_option("--gross-margin", options->gross_margin, "Default gross margin (default 0.8)");
  app->add_option("--bowtie-window", options->bowtie_window_days,
                  "Days within which a bowtie stage must reach the next to convert (default 365)");
  app->add_option("--value-event-metric", options->value_event_metric,
                  "usage metric whose cumulative value marks the impact stage (default: none)");
  app->add_option("--value-event-threshold", options->value_event_threshold,
                  "Cumulative value of the value-event metric that marks impact (default 1)");
  return [options]() -> Status {
    std::optional<SqlDialect> dialect = ParseSqlDialect(options->dialect);
    if (!dialect) {
      return Status::Usage(fmt::format(
          "--dialect: unknown dialect '{}' (expected sqlite, duckdb or postgres)", options->dialect));
    }
    if (!options->as_of.empty() && (options->as_of.size() != 10 || !ParseDate(options->as_of))) {
      return Status::Usage(fmt::format("--as-of: {} is not a date (expected YYYY-MM-DD)", options->as_of));
    }
    if (options->currency.size() != 3) {
      return Status::Usage(
          fmt::format("--currency: '{}' is not a 3-letter currency code", options->currency));
    }
    for (char c : options->currency) {
      if (c < 'A' || c > 'Z') {
        return Status::Usage(
            fmt::format("--currency: '{}' is not a 3-letter currency code", options->currency));
      }
    }
    if (options->reactivation_window && *options->reactivation_window < 0) {
      return Status::Usage("--reactivation-window: must be 0 or more months");
    }
    if (!(options->gross_margin >= 0 && options->gross_margin <= 1)) {
      return Status::Usage("--gross-margin: must be between 0 and 1");
    }
    if (options->bowtie_window_days < 1 || options->bowtie_window_days > 36500) {
      return Status::Usage("--bowtie-window: must be between 1 and 36500 days");
    }
    if (!(options->value_event_threshold >= 0 && options->value_event_threshold <= 1e15)) {
      return Status::Usage("--value-event-threshold: must be between 0 and 1e15");
    }
    SqlParams params;
    params.as_of = options->as_of;
    params.base_currency = options->currency;
    params.reactivation_window_months = options->reactivation_window;
    params.default_gross_margin = options->gross_margin;
    params.bowtie_window_days = options->bowtie_window_days;
    params.value_event_metric = options->value_event_metric;
    params.value_event_threshold = options->value_event_threshold;
    fmt::print("{}", EmitMetricsSql(*dialect, params));
    return Status::Ok();
  };
}

}  // namespace flywheel
