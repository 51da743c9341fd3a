#include "reports/market_runs.h"

#include "market/beachhead_model.h"
#include "market/scoring_model.h"
#include "reports/market_reports.h"

namespace flywheel {
namespace {

Result<ScoringModel> ServedScoringModel(const Input& in) {
  if (in.segments_file.empty())
    return Status::NotFound("segments needs a scoring file: start the server with --segments FILE");
  return LoadScoringModel(in.segments_file);
}

}  // namespace

Result<Report> RunSegments(const Input& in, const SegmentsReportOptions&) {
  auto model = ServedScoringModel(in);
  if (!model.ok()) return model.status();
  return SegmentRankingReport(model.value());
}

Result<Report> RunSegmentSensitivity(const Input& in, const SensitivityReportOptions& o) {
  auto model = ServedScoringModel(in);
  if (!model.ok()) return model.status();
  return SegmentSensitivityReport(model.value(), o.stability);
}

Result<Report> RunBeachhead(const Input& in, const BeachheadReportOptions& o) {
  if (in.beachhead_file.empty()) {
    return Status::NotFound(
        "market/beachhead needs a beachhead file: start the server with --beachhead FILE");
  }
  auto model = LoadBeachheadModel(in.beachhead_file);
  if (!model.ok()) return model.status();
  const std::optional<double> p = o.p ? o.p : model.value().p;
  const std::optional<double> q = o.q ? o.q : model.value().q;
  return BeachheadReport(model.value(), p, q);
}

Result<Report> RunForecast(const Input&, const ForecastReportOptions& o) {
  return BassForecastReport(o.bass, o.periods, o.average_arr);
}

Result<Report> RunFit(const Input& in, const FitReportOptions& o) {
  const Day as_of = o.AsOf(in);
  auto observed = AdoptersFromDataSet(in, as_of, o.segment, o.period);
  if (!observed.ok()) return observed.status();
  BassFitOptions options;
  options.objective = o.objective;
  options.as_of = FormatDate(as_of);
  options.period = o.period;
  return BassFitReport(observed.value(), options);
}

}  // namespace flywheel
