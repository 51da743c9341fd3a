// Settings: the contents of flywheel.toml, with the documented default of every key.
//
// The file lives beside the data (DATA_DIR/flywheel.toml) or is given with --settings.
// Unknown keys are errors ("did you mean"). docs/SETTINGS.md lists every key; keep the two
// in step. Capabilities that need more settings add a field here, its key to the loader's
// table in settings.cc, and a line to docs/SETTINGS.md.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/status.h"

namespace flywheel {

struct ValueEventSetting {
  std::string metric;      // usage.csv metric that marks the impact stage; default "" = none
  double threshold = 1.0;  // cumulative value that must be reached; default 1
};

struct Settings {
  std::string base_currency = "USD";          // base_currency
  std::optional<Day> as_of;                   // as_of; default: the latest event date in the data
  int fiscal_year_start_month = 1;            // fiscal_year_start_month, 1..12; default 1 (January)
  std::string segment_attribute = "segment";  // segment_by; any account attribute
  double default_gross_margin = 0.8;          // gross_margin; default 0.8
  // max_quarantined_share: the largest share of a table's rows that an import (and every
  // load of a data folder) may set aside as unusable; more fails the load, since that is a
  // mapping problem rather than dirty data. 0..1; default 0.05. docs/DATA.md "Quarantine".
  double max_quarantined_share = 0.05;
  // revenue.reactivation_window_months: a return after a gap longer than this many months
  // counts as `new` instead of `reactivation`. Default: none (any gap is a reactivation).
  std::optional<int> reactivation_window_months;
  // fx.pinned: one fixed rate per currency (base units per unit), used instead of fx.csv.
  std::map<std::string, double> pinned_rates;

  // Used by the bowtie, pipeline and customer capabilities.
  ValueEventSetting value_event;                     // [value_event] metric, threshold
  int bowtie_window_days = 365;                      // bowtie.window_days
  std::vector<int> ttv_targets_days = {30, 60, 90};  // ttv.targets_days
  std::vector<std::string> strategic_lines, maintenance_lines, sunset_lines;  // [product_lines]
  std::vector<std::string> excluded_countries, excluded_industries;           // [exclusions]
  int executive_budget = 10;                                                  // attention.executive_budget
  // cohorts.min_size: cohorts with fewer accounts than this are shown greyed by the dashboard
  // (their rates swing with one account); reports still compute them. 1..1000000; default 5.
  int min_cohort_size = 5;

  std::string source_path;  // the file these settings came from; "" when defaults

  // Used by the pipeline capability.
  // pipeline.target: bookings target per reporting period (Σ amount of won `new` deals, base
  // currency) that pipeline coverage is measured against. Default: none (no coverage).
  std::optional<double> pipeline_target;
  // [pipeline.crm_stages]: free-text CRM stage name -> "open", "won" or "lost"; gives the status of
  // opportunity_history rows that carry a stage but no status. Default: empty (such rows
  // keep the status of the deal's previous state).
  std::map<std::string, std::string> crm_stages;

  // Used by the efficiency and flywheel capabilities.
  // efficiency.shared_spend_allocation: how spend.csv rows without a segment are charged to
  // segments: "new_customers" (in proportion to the period's new customers, the default),
  // "pipeline" (to the period's pipeline generated) or "none" (only the "all" rows).
  std::string shared_spend_allocation = "new_customers";
};

// Parses TOML text. `path` names the file in messages ("flywheel.toml:3: ...").
// On failure returns kBadData with every problem found, one per line.
Result<Settings> ParseSettings(const std::string& toml_text, const std::string& path);

// Reads `path`; a missing file is kNotFound.
Result<Settings> LoadSettingsFile(const std::string& path);

}  // namespace flywheel
