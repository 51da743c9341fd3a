// `flywheel bowtie`, `ttv`, `efficiency` and `flywheel`: the journey and efficiency
// reports, each from the MRR movements of the revenue engine.
#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <memory>

#include "bowtie/bowtie_report.h"
#include "bowtie/segmenter.h"
#include "bowtie/stage_dates.h"
#include "bowtie/ttv_report.h"
#include "cli/input.h"
#include "efficiency/efficiency_report.h"
#include "efficiency/flywheel_report.h"
#include "efficiency/gtm_ledger.h"
#include "efficiency/new_deal_speed.h"
#include "revenue/movements.h"
#include "revenue/mrr_series.h"

namespace flywheel {
namespace {

// Everything the four reports share: input, calendar, segments and MRR movements.
struct Prepared {
  Input input;
  PeriodCalendar calendar;
  Segmenter segmenter;
  std::vector<AccountMovement> movements;
};

// Returned through a unique_ptr: the segmenter points into the data set, which must not move.
Result<std::unique_ptr<Prepared>> Prepare(const InputOptions& io, const ReportOptions& ro) {
  auto format = ParseFormat(ro.format);
  if (!format.ok()) return format.status();
  auto period = ParsePeriod(ro.period);
  if (!period.ok()) return period.status();
  auto input = LoadInput(io);
  if (!input.ok()) return input.status();
  PrintWarnings(input->warnings);
  auto owned = std::make_unique<Prepared>();
  Prepared& p = *owned;
  p.input = std::move(*input);
  // The segmenter borrows the data set's dictionary: make it once the input has its place.
  auto seg = Segmenter::Make(p.input.dataset, ro.segment_by, ro.segment, p.input.settings.segment_attribute);
  if (!seg.ok()) return seg.status();
  p.segmenter = std::move(*seg);
  if (p.input.dataset.Has(Table::kSubscriptions)) {
    auto mrr = ComputeMrr(p.input.dataset, p.input.settings, p.input.as_of);
    if (!mrr.ok()) return mrr.status();
    p.movements = ComputeMovements(*mrr, p.input.settings);
  }
  p.calendar = PeriodCalendar{*period, p.input.settings.fiscal_year_start_month};
  return owned;
}

}  // namespace

std::function<Status()> SetupBowtie(CLI::App* app) {
  struct Options {
    InputOptions input;
    ReportOptions report;
    std::string mode = "cohort";
  };
  auto o = std::make_shared<Options>();
  AddInputOptions(app, &o->input);
  AddReportOptions(app, &o->report);
  app->add_option("--mode", o->mode,
                  "cohort (follow the units entering each stage) or period (divide the period's stage entries)")
      ->capture_default_str();
  return [o]() -> Status {
    BowtieOptions options;
    if (o->mode == "period") {
      options.mode = BowtieMode::kPeriod;
    } else if (o->mode != "cohort") {
      return Status::Usage(fmt::format("--mode: unknown mode '{}' (expected cohort or period)", o->mode));
    }
    auto prepared = Prepare(o->input, o->report);
    if (!prepared.ok()) return prepared.status();
    Prepared* p = prepared->get();
    const Dataset& data = p->input.dataset;
    if (!data.Has(Table::kLeads) && !data.Has(Table::kJourney)) {
      return Status::NotFound("bowtie needs leads.csv or journey.csv");
    }
    auto stages = ComputeStageDates(data, p->input.settings, p->movements, p->input.as_of);
    if (!stages.ok()) return stages.status();
    options.calendar = p->calendar;
    options.as_of = p->input.as_of;
    auto report = BuildBowtieReport(data, p->input.settings, *stages, p->segmenter, options);
    if (!report.ok()) return report.status();
    return PrintReport(*report, o->report.format);
  };
}

std::function<Status()> SetupTtv(CLI::App* app) {
  struct Options {
    InputOptions input;
    ReportOptions report;
  };
  auto o = std::make_shared<Options>();
  AddInputOptions(app, &o->input);
  AddReportOptions(app, &o->report);
  return [o]() -> Status {
    auto prepared = Prepare(o->input, o->report);
    if (!prepared.ok()) return prepared.status();
    Prepared* p = prepared->get();
    auto stages = ComputeStageDates(p->input.dataset, p->input.settings, p->movements, p->input.as_of);
    if (!stages.ok()) return stages.status();
    auto report =
        BuildTtvReport(p->input.dataset, p->input.settings, *stages, p->segmenter, p->calendar, p->input.as_of);
    if (!report.ok()) return report.status();
    return PrintReport(*report, o->report.format);
  };
}

std::function<Status()> SetupEfficiency(CLI::App* app) {
  struct Options {
    InputOptions input;
    ReportOptions report;
    bool by_cohort = false;
  };
  auto o = std::make_shared<Options>();
  AddInputOptions(app, &o->input);
  AddReportOptions(app, &o->report);
  app->add_flag("--by-cohort", o->by_cohort, "Show CAC payback by acquisition cohort instead");
  return [o]() -> Status {
    auto prepared = Prepare(o->input, o->report);
    if (!prepared.ok()) return prepared.status();
    Prepared* p = prepared->get();
    const Dataset& data = p->input.dataset;
    if (!data.Has(Table::kSpend)) return Status::NotFound("efficiency needs spend.csv (sales and marketing spend)");
    if (!data.Has(Table::kSubscriptions)) {
      return Status::NotFound("efficiency needs subscriptions.csv (new customers and net new ARR)");
    }
    auto ledger = GtmLedger::Build(data, p->input.settings, p->movements, p->segmenter, p->calendar, p->input.as_of);
    if (!ledger.ok()) return ledger.status();
    auto cohorts = ComputeCohortPayback(*ledger, p->segmenter, p->movements, p->calendar, p->input.as_of);
    if (o->by_cohort) {
      return PrintReport(BuildCohortPaybackReport(p->input.settings, cohorts, p->segmenter, p->calendar, p->input.as_of),
                         o->report.format);
    }
    auto report = BuildEfficiencyReport(data, p->input.settings, *ledger, p->segmenter, cohorts, p->calendar,
                                        p->input.as_of);
    if (!report.ok()) return report.status();
    return PrintReport(*report, o->report.format);
  };
}

std::function<Status()> SetupFlywheel(CLI::App* app) {
  struct Options {
    InputOptions input;
    ReportOptions report;
    bool indicators = false;
  };
  auto o = std::make_shared<Options>();
  AddInputOptions(app, &o->input);
  AddReportOptions(app, &o->report);
  app->add_flag("--indicators", o->indicators, "Show the leading and lagging indicators and their trend instead");
  return [o]() -> Status {
    auto prepared = Prepare(o->input, o->report);
    if (!prepared.ok()) return prepared.status();
    Prepared* p = prepared->get();
    const Dataset& data = p->input.dataset;
    const Settings& settings = p->input.settings;
    if (!data.Has(Table::kSubscriptions)) {
      return Status::NotFound("flywheel needs subscriptions.csv (force and friction come from MRR movements)");
    }
    auto ledger = GtmLedger::Build(data, settings, p->movements, p->segmenter, p->calendar, p->input.as_of);
    if (!ledger.ok()) return ledger.status();
    auto speed = ComputeNewDealSpeed(data, settings, p->segmenter, p->calendar, p->input.as_of);
    if (!speed.ok()) return speed.status();
    auto stages = ComputeStageDates(data, settings, p->movements, p->input.as_of);
    if (!stages.ok()) return stages.status();
    FlywheelInputs in{&data, &settings, &*ledger, &*speed, &*stages, &p->segmenter, p->calendar, p->input.as_of};
    if (o->indicators) return PrintReport(BuildIndicatorReport(in), o->report.format);
    auto report = BuildFlywheelReport(in);
    if (!report.ok()) return report.status();
    return PrintReport(*report, o->report.format);
  };
}

}  // namespace flywheel
