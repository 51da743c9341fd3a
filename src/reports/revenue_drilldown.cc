#include "reports/revenue_drilldown.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "output/json_number.h"
#include "output/report_writer.h"
#include "reports/drill_cell.h"
#include "revenue/movements.h"
#include "revenue/mrr_series.h"
#include "segments/account_segments.h"

namespace flywheel {
namespace {

// One account's part of a period's numbers, as the revenue report counts them.
struct AccountFigures {
  double end = 0;       // MRR at the period end (the as-of month for the current period)
  double previous = 0;  // MRR at the end of the previous period
  double year_ago = 0;  // MRR twelve months before the period end
  double nrr_base = 0;  // MRR twelve months before the period end, when > 0
  double nrr_now = 0;   // and MRR at the period end at that month's rates (NRR, GRR)
  std::array<double, kMovementTypeCount> moved{};
  std::array<bool, kMovementTypeCount> has{};

  double Moved(MovementType t) const { return moved[static_cast<int>(t)]; }
  bool Has(MovementType t) const { return has[static_cast<int>(t)]; }
  bool AnyContractMovement() const {
    return std::any_of(std::begin(kContractMovements), std::end(kContractMovements),
                       [this](MovementType t) { return Has(t); });
  }
};

using Figure = double (*)(const AccountFigures&);

// A drill-down field: an amount (no denominator) or a ratio Σ numerator / Σ denominator + offset.
struct RevenueField {
  const char* name;
  Figure numerator;
  ColumnKind numerator_kind;
  Figure denominator = nullptr;
  ColumnKind denominator_kind = ColumnKind::kMoney;
  double offset = 0;            // growth: −1
  const char* definition = "";  // the ratio in words, for the note
};

double One(bool b) { return b ? 1.0 : 0.0; }
double Gained(const AccountFigures& f) {
  return f.Moved(MovementType::kNew) + f.Moved(MovementType::kReactivation) +
         f.Moved(MovementType::kExpansion);
}
double Lost(const AccountFigures& f) {
  return f.Moved(MovementType::kContraction) + f.Moved(MovementType::kChurn);
}

const std::vector<RevenueField>& RevenueFields() {
  using K = ColumnKind;
  using F = const AccountFigures&;
  static const std::vector<RevenueField> kFields = {
      {"mrr", [](F f) { return f.end; }, K::kMoney},
      {"arr", [](F f) { return 12 * f.end; }, K::kMoney},
      {"customers", [](F f) { return One(f.end > 0); }, K::kInteger},
      {"new_mrr", [](F f) { return f.Moved(MovementType::kNew); }, K::kMoney},
      {"reactivation_mrr", [](F f) { return f.Moved(MovementType::kReactivation); }, K::kMoney},
      {"expansion_mrr", [](F f) { return f.Moved(MovementType::kExpansion); }, K::kMoney},
      {"contraction_mrr", [](F f) { return f.Moved(MovementType::kContraction); }, K::kMoney},
      {"churned_mrr", [](F f) { return f.Moved(MovementType::kChurn); }, K::kMoney},
      {"net_new_mrr", [](F f) { return Gained(f) - Lost(f); }, K::kMoney},
      {"fx_impact_mrr", [](F f) { return f.Moved(MovementType::kFxImpact); }, K::kMoney},
      {"new_count", [](F f) { return One(f.Has(MovementType::kNew)); }, K::kInteger},
      {"reactivation_count", [](F f) { return One(f.Has(MovementType::kReactivation)); }, K::kInteger},
      {"expansion_count", [](F f) { return One(f.Has(MovementType::kExpansion)); }, K::kInteger},
      {"contraction_count", [](F f) { return One(f.Has(MovementType::kContraction)); }, K::kInteger},
      {"churned_count", [](F f) { return One(f.Has(MovementType::kChurn)); }, K::kInteger},
      {"mrr_growth_mom", [](F f) { return f.end; }, K::kMoney, [](F f) { return f.previous; }, K::kMoney, -1,
       "MRR at the period end / MRR at the previous period end − 1"},
      {"mrr_growth_yoy", [](F f) { return f.end; }, K::kMoney, [](F f) { return f.year_ago; }, K::kMoney, -1,
       "MRR at the period end / MRR twelve months before − 1"},
      {"logo_churn_rate", [](F f) { return One(f.Has(MovementType::kChurn)); }, K::kInteger,
       [](F f) { return One(f.previous > 0); }, K::kInteger, 0,
       "churned accounts / customers at the previous period end"},
      {"gross_mrr_churn_rate", Lost, K::kMoney, [](F f) { return f.previous; }, K::kMoney, 0,
       "(churned + contraction MRR) / MRR at the previous period end"},
      {"net_mrr_churn_rate",
       [](F f) { return Lost(f) - f.Moved(MovementType::kExpansion) - f.Moved(MovementType::kReactivation); },
       K::kMoney, [](F f) { return f.previous; }, K::kMoney, 0,
       "(churned + contraction − expansion − reactivation MRR) / MRR at the previous period end"},
      {"quick_ratio", Gained, K::kMoney, Lost, K::kMoney, 0,
       "(new + reactivation + expansion MRR) / (contraction + churned MRR)"},
      {"arpa", [](F f) { return f.end; }, K::kMoney, [](F f) { return One(f.end > 0); }, K::kInteger, 0,
       "MRR at the period end / customers at the period end"},
      {"nrr", [](F f) { return f.nrr_now; }, K::kMoney, [](F f) { return f.nrr_base; }, K::kMoney, 0,
       "MRR now of the accounts paying twelve months before (at that month's rates) / their MRR then"},
      {"grr", [](F f) { return std::min(f.nrr_now, f.nrr_base); }, K::kMoney, [](F f) { return f.nrr_base; },
       K::kMoney, 0, "min(MRR now, MRR then) of the accounts paying twelve months before / their MRR then"},
  };
  return kFields;
}

// The flywheel's force and friction: ARR of the movements (flywheel_report.h).
const std::vector<RevenueField>& FlywheelFields() {
  using K = ColumnKind;
  using F = const AccountFigures&;
  static const std::vector<RevenueField> kFields = {
      {"force", [](F f) { return 12 * Gained(f); }, K::kMoney},
      {"friction", [](F f) { return 12 * Lost(f); }, K::kMoney},
  };
  return kFields;
}

const std::vector<RevenueField>& FieldsOf(std::string_view report) {
  return report == "flywheel" ? FlywheelFields() : RevenueFields();
}

// The field a cell names: a report field or a movement ("new", "churn", "fx_impact").
const RevenueField* FindField(std::string_view report, std::string_view name) {
  std::string field(name);
  for (int t = 0; t < kMovementTypeCount; ++t) {
    if (field == MovementTypeName(static_cast<MovementType>(t))) {
      field = t == static_cast<int>(MovementType::kChurn) ? "churned_mrr" : field + "_mrr";
    }
  }
  for (const RevenueField& f : FieldsOf(report)) {
    if (field == f.name) return &f;
  }
  return nullptr;
}

Status UnknownField(std::string_view report, std::string_view name) {
  std::vector<std::string> names;
  if (report == "revenue") {
    for (int t = 0; t < kMovementTypeCount; ++t)
      names.emplace_back(MovementTypeName(static_cast<MovementType>(t)));
  }
  for (const RevenueField& f : FieldsOf(report)) names.emplace_back(f.name);
  return Status::Usage(fmt::format("--cell: unknown field '{}'{}", name, DidYouMeanSuffix(name, names)));
}

// The months a period label covers, up to the series' last month: [first, last].
struct PeriodMonths {
  Month first = kNullMonth;
  Month last = kNullMonth;
};

PeriodMonths FindPeriod(const MrrSeries& series, const PeriodCalendar& calendar, const std::string& label) {
  PeriodMonths out;
  if (series.first_month() == kNullMonth) return out;
  for (Month mo = calendar.PeriodStart(series.first_month()); mo <= series.last_month();
       mo += MonthsPerPeriod(calendar.granularity)) {
    if (calendar.Label(mo) != label) continue;
    out.first = mo;
    out.last = std::min(calendar.PeriodEnd(mo), series.last_month());
  }
  return out;
}

// Every account's figures for the period (only the accounts of `in_segment`).
template <typename InSegment>
std::map<AccountIndex, AccountFigures> FiguresOf(const MrrBasis& basis, PeriodMonths period,
                                                 InSegment&& in_segment) {
  std::map<AccountIndex, AccountFigures> figures;
  const MrrSeries& series = basis.series;
  for (AccountIndex a = 0; a < static_cast<AccountIndex>(series.account_count()); ++a) {
    if (series.FirstActiveMonth(a) == kNullMonth || !in_segment(a)) continue;
    AccountFigures f;
    f.end = series.Mrr(a, period.last);
    f.previous = series.Mrr(a, period.first - 1);
    f.year_ago = series.Mrr(a, period.last - 12);
    if (f.year_ago > 0) {
      f.nrr_base = f.year_ago;
      f.nrr_now = series.HasFxExposure(a) ? series.MrrAtRatesOf(a, period.last, period.last - 12) : f.end;
    }
    if (f.end > 0 || f.previous > 0 || f.year_ago > 0) figures[a] = f;
  }
  for (const AccountMovement& m : basis.movements) {
    if (m.month < period.first || m.month > period.last || !in_segment(m.account)) continue;
    AccountFigures& f = figures[m.account];
    f.moved[static_cast<int>(m.type)] += m.amount;
    f.has[static_cast<int>(m.type)] = true;
  }
  return figures;
}

// The rows of `field` over `figures` into `report`, with the totals and the note.
void FillReport(const RevenueField& field, const std::map<AccountIndex, AccountFigures>& figures,
                const Input& in, const std::string& period, const std::string& segment, Report* report) {
  const bool ratio = field.denominator != nullptr;
  report->columns = {{"account_id", ColumnKind::kText}, {"account_name", ColumnKind::kText}};
  if (ratio) {
    report->columns.push_back({"numerator", field.numerator_kind});
    report->columns.push_back({"denominator", field.denominator_kind});
  } else {
    report->columns.push_back({"amount", field.numerator_kind});
  }
  double numerator = 0, denominator = 0;
  for (const auto& [account, f] : figures) {
    const double num = field.numerator(f);
    const double den = ratio ? field.denominator(f) : 0;
    // Net new MRR lists every account that moved, also those whose movements cancel out.
    const bool listed =
        num != 0 || den != 0 || (std::string_view(field.name) == "net_new_mrr" && f.AnyContractMovement());
    if (!listed) continue;
    std::vector<Cell> row = {std::string(in.dataset.accounts.id[account]),
                             std::string(in.dataset.accounts.name[account])};
    if (field.numerator_kind == ColumnKind::kInteger) {
      row.push_back(static_cast<int64_t>(num));
    } else {
      row.push_back(num);
    }
    if (ratio) {
      if (field.denominator_kind == ColumnKind::kInteger) {
        row.push_back(static_cast<int64_t>(den));
      } else {
        row.push_back(den);
      }
    }
    report->rows.push_back(std::move(row));
    numerator += num;
    denominator += den;
  }
  report->json_extra.push_back({"field", nlohmann::json(field.name).dump()});
  if (!ratio) {
    report->json_extra.push_back({"total", JsonNumber(numerator)});
    report->extra_fields.push_back({"total", field.numerator_kind});
    report->notes.push_back(fmt::format("{} accounts; the amounts add up to the report's {} for {} / {}.",
                                        report->rows.size(), field.name, period, segment));
    return;
  }
  const double value =
      denominator != 0 ? numerator / denominator + field.offset : std::numeric_limits<double>::quiet_NaN();
  report->json_extra.push_back({"numerator", JsonNumber(numerator)});
  report->json_extra.push_back({"denominator", JsonNumber(denominator)});
  report->json_extra.push_back({"value", JsonNumber(value)});
  report->extra_fields.push_back({"value", std::string_view(field.name).ends_with("ratio")
                                               ? ColumnKind::kRatio
                                           : std::string_view(field.name) == "arpa" ? ColumnKind::kMoney
                                                                                    : ColumnKind::kRate});
  report->notes.push_back(fmt::format(
      "{} accounts; {} = {} = {} for {} / {} (Σ numerator {}, Σ denominator {}).", report->rows.size(),
      field.name, field.definition, std::isnan(value) ? std::string("—") : FormatNumber(value, 4), period,
      segment, FormatForNote(numerator), FormatForNote(denominator)));
}

}  // namespace

Result<Report> MrrDrilldown(std::string_view report_name, const Input& in, const PeriodReportOptions& o,
                            const DrillCellText& text) {
  if (!text) return Status::Usage("--cell is required (PERIOD:SEGMENT:FIELD, e.g. 2024-03:all:new)");
  const std::string& cell = *text;
  auto parts = SplitCell(cell);  // views into `cell`
  if (parts.size() != 3) {
    return Status::Usage(
        fmt::format("--cell: '{}' is not PERIOD:SEGMENT:FIELD (e.g. 2024-03:all:new)", cell));
  }
  const RevenueField* field = FindField(report_name, parts[2]);
  if (!field) return UnknownField(report_name, parts[2]);
  const Day as_of = o.AsOf(in);
  auto loaded = LoadMrr(in, as_of);
  if (!loaded.ok()) return loaded.status();
  const MrrBasis& basis = *loaded.value();
  std::string segment_by = o.segment_by;
  const std::string segment(parts[1]);
  AccountSegments segments;
  int32_t wanted = -1;
  if (segment != "all") {
    if (segment_by.empty()) segment_by = in.settings.segment_attribute;
    if (segment_by.empty())
      return Status::Usage(fmt::format("--cell: segment '{}' needs segment_by", segment));
    auto s = SegmentAccounts(in.dataset, segment_by);
    if (!s.ok()) return s.status();
    segments = std::move(s).value();
    for (size_t v = 0; v < segments.values.size(); ++v) {
      if (segments.values[v] == segment) wanted = static_cast<int32_t>(v);
    }
    if (wanted < 0) {
      return Status::Usage(
          fmt::format("--cell: unknown segment '{}'{}", segment, DidYouMeanSuffix(segment, segments.values)));
    }
  }
  const PeriodCalendar calendar{o.period, in.settings.fiscal_year_start_month};
  const std::string period(parts[0]);
  const PeriodMonths months = FindPeriod(basis.series, calendar, period);
  if (months.first == kNullMonth && basis.series.first_month() != kNullMonth) {
    return Status::Usage(fmt::format("--cell: no period '{}' in the {} report", period, report_name));
  }
  auto figures = months.first == kNullMonth ? std::map<AccountIndex, AccountFigures>{}
                                            : FiguresOf(basis, months, [&](AccountIndex a) {
                                                return wanted < 0 || segments.of_account[a] == wanted;
                                              });
  Report report;
  report.name = "drilldown/" + std::string(report_name);
  report.as_of = FormatDate(as_of);
  report.period = std::string(GranularityName(calendar.granularity));
  report.segment_by = o.segment_by;
  report.currency = in.settings.base_currency;
  report.json_extra.push_back({"cell", nlohmann::json(cell).dump()});
  FillReport(*field, figures, in, period, segment, &report);
  return report;
}

}  // namespace flywheel
