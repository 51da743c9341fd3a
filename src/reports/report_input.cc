#include "reports/report_input.h"

#include <fmt/core.h>

#include <filesystem>
#include <optional>

#include "ingest/dataset_loader.h"
#include "reports/scored_customers.h"
#include "revenue/revenue_report.h"
#include "workspace/workspace.h"

namespace flywheel {

namespace {

// Settings from --settings FILE, else DATA_DIR/flywheel.toml; nullopt when neither applies
// (then the workspace's stored settings or the defaults are used).
Result<std::optional<Settings>> SettingsFromFiles(const InputOptions& o) {
  std::string path = o.settings_path;
  if (path.empty() && !o.data_dir.empty()) {
    auto beside = std::filesystem::path(o.data_dir) / "flywheel.toml";
    if (std::filesystem::exists(beside)) path = beside.string();
  }
  if (path.empty()) return std::optional<Settings>();
  auto s = LoadSettingsFile(path);
  if (!s.ok()) return s.status();
  return std::optional<Settings>(std::move(*s));
}

}  // namespace

DerivedData::MrrResult DerivedData::Mrr(const Dataset& data, const Settings& settings, Day as_of) {
  return mrr_.Get(as_of, [&]() -> MrrResult {
    auto series = ComputeMrr(data, settings, as_of);
    if (!series.ok()) return series.status();
    auto basis = std::make_shared<MrrBasis>();
    basis->movements = ComputeMovements(*series, settings);
    basis->movements_by_account = IndexMovementsByAccount(basis->movements, series->account_count());
    basis->series = std::move(*series);
    return std::shared_ptr<const MrrBasis>(std::move(basis));
  });
}

DerivedData::ScoredResult DerivedData::Scored(Day as_of,
                                              const std::function<Result<ScoredCustomers>()>& compute) {
  return scored_.Get(as_of, [&]() -> ScoredResult {
    auto scored = compute();
    if (!scored.ok()) return scored.status();
    return std::shared_ptr<const ScoredCustomers>(std::make_shared<ScoredCustomers>(std::move(*scored)));
  });
}

DerivedData::StagesResult DerivedData::AccountStages(const Dataset& data, const Settings& settings,
                                                     Day as_of) {
  return stages_.Get(as_of, [&]() -> StagesResult {
    static const std::vector<AccountMovement> kNoMovements;
    std::shared_ptr<const MrrBasis> basis;
    if (data.Has(Table::kSubscriptions)) {
      auto mrr = Mrr(data, settings, as_of);
      if (!mrr.ok()) return mrr.status();
      basis = std::move(*mrr);
    }
    auto stages = ComputeStageDates(data, settings, basis ? basis->movements : kNoMovements, as_of,
                                    StageUnits::kAccounts);
    if (!stages.ok()) return stages.status();
    return std::shared_ptr<const StageDates>(std::make_shared<StageDates>(std::move(*stages)));
  });
}

Result<std::shared_ptr<const AccountSegments>> DerivedData::Segments(const Dataset& data,
                                                                     const std::string& attribute) {
  {
    std::lock_guard<std::mutex> lock(index_mu_);
    for (const auto& s : segments_) {
      if (s->attribute == attribute) return s;
    }
  }
  // Computed without the lock; two first callers may both compute it, and the first kept wins.
  auto computed = SegmentAccounts(data, attribute);
  if (!computed.ok()) return computed.status();
  auto made = std::make_shared<const AccountSegments>(std::move(*computed));
  std::lock_guard<std::mutex> lock(index_mu_);
  for (const auto& s : segments_) {
    if (s->attribute == attribute) return s;
  }
  segments_.push_back(made);
  return std::shared_ptr<const AccountSegments>(made);
}

std::shared_ptr<const std::vector<uint32_t>> DerivedData::WonNewOpportunities(const Dataset& data) {
  {
    std::lock_guard<std::mutex> lock(index_mu_);
    if (won_new_) return won_new_;
  }
  auto made = std::make_shared<const std::vector<uint32_t>>(WonNewOpportunityRows(data.opportunities));
  std::lock_guard<std::mutex> lock(index_mu_);
  if (!won_new_) won_new_ = made;
  return won_new_;
}

void DerivedData::Clear() {
  mrr_.Clear();
  scored_.Clear();
  stages_.Clear();
  std::lock_guard<std::mutex> lock(index_mu_);
  segments_.clear();
  won_new_.reset();
}

Result<std::shared_ptr<const MrrBasis>> LoadMrr(const Input& in, Day as_of) {
  if (!in.dataset.Has(Table::kSubscriptions)) return Status::BadData("revenue needs subscriptions.csv");
  return in.derived->Mrr(in.dataset, in.settings, as_of);
}

Result<Input> LoadInput(const InputOptions& o) {
  if (o.data_dir.empty() && o.workspace_dir.empty()) {
    return Status::Usage("give the data with --data DIR or --workspace WS");
  }
  std::optional<Day> flag_as_of;
  if (!o.as_of.empty()) {
    flag_as_of = ParseDate(o.as_of);
    if (!flag_as_of)
      return Status::Usage(fmt::format("--as-of: {} is not a date (expected YYYY-MM-DD)", o.as_of));
  }
  if (o.snapshot != 0 && o.workspace_dir.empty()) {
    return Status::Usage("--snapshot needs --workspace WS (a data folder has no snapshots)");
  }
  auto file_settings = SettingsFromFiles(o);
  if (!file_settings.ok()) return file_settings.status();

  Input input;
  if (!o.data_dir.empty()) {
    input.settings = file_settings->value_or(Settings());
    // A data folder loads as an import would store it: rows with errors set aside (up to the
    // settings' share), unless strict.
    LoadOptions load_options = LoadOptionsFor(input.settings, o.strict);
    load_options.threads = o.load_threads;
    // Dates after a configured report date are worth a warning; with no configured date the
    // report date is the latest event, so nothing can lie after it.
    if (flag_as_of) {
      load_options.warn_after = *flag_as_of;
    } else if (input.settings.as_of) {
      load_options.warn_after = *input.settings.as_of;
    }
    auto loaded = LoadDataDirectory(o.data_dir, load_options);
    if (!loaded.ok()) return loaded.status();
    input.dataset = std::move(loaded->dataset);
    input.warnings = std::move(loaded->warnings);
    input.quality = std::move(loaded->quality);
  } else {
    auto loaded = LoadWorkspace(o.workspace_dir, o.snapshot);
    if (!loaded.ok()) return loaded.status();
    input.workspace_dir = o.workspace_dir;
    input.snapshot = loaded->snapshot.snapshot;
    input.dataset = std::move(loaded->data.dataset);
    input.warnings = std::move(loaded->data.warnings);
    input.quality = std::move(loaded->data.quality);
    if (*file_settings) {
      input.settings = std::move(**file_settings);
    } else if (!loaded->settings_toml.empty()) {
      auto s = ParseSettings(loaded->settings_toml, "flywheel.toml (stored in the workspace)");
      if (!s.ok()) return s.status();
      input.settings = std::move(*s);
    }
  }

  if (flag_as_of) {
    input.as_of = *flag_as_of;
  } else if (input.settings.as_of) {
    input.as_of = *input.settings.as_of;
  } else {
    input.as_of = input.dataset.latest_event_date;
  }
  if (input.as_of == kNullDay) {
    return Status::BadData("the data set has no dates; give the report date with --as-of");
  }
  return input;
}

Result<ReportFormat> ParseFormat(const std::string& format) {
  auto f = ParseReportFormat(format);
  if (!f)
    return Status::Usage(fmt::format("--format: unknown format '{}' (expected table, json or csv)", format));
  return *f;
}

Result<Granularity> ParsePeriod(const std::string& period) {
  auto g = ParseGranularity(period);
  if (!g)
    return Status::Usage(
        fmt::format("--period: unknown period '{}' (expected month, quarter or year)", period));
  return *g;
}

}  // namespace flywheel
