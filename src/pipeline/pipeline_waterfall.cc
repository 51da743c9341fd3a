#include "pipeline/pipeline_waterfall.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <vector>

#include "revenue/currency.h"

namespace flywheel {
namespace {

std::optional<OpportunityStatus> StatusOfStage(const Settings& settings, std::string_view stage) {
  auto it = settings.crm_stages.find(std::string(stage));
  if (it == settings.crm_stages.end()) return std::nullopt;
  if (it->second == "won") return OpportunityStatus::kWon;
  if (it->second == "lost") return OpportunityStatus::kLost;
  return OpportunityStatus::kOpen;
}

}  // namespace

std::string_view WaterfallBarName(WaterfallBar b) {
  static constexpr std::string_view kNames[] = {"open_pipeline_start", "created",  "pulled_in", "pushed_out",
                                                "amount_change",       "reopened", "won",       "lost",
                                                "open_pipeline_end"};
  return kNames[static_cast<int>(b)];
}

DealHistoryIndex IndexDealHistory(const Dataset& data) {
  const OpportunityHistory& h = data.opportunity_history;
  DealHistoryIndex index;
  index.offsets.assign(data.opportunities.size() + 1, 0);
  const auto deals = static_cast<int32_t>(data.opportunities.size());
  auto valid = [&](size_t i) { return h.opportunity[i] >= 0 && h.opportunity[i] < deals; };
  for (size_t i = 0; i < h.size(); ++i) {
    if (valid(i)) ++index.offsets[h.opportunity[i] + 1];
  }
  for (size_t r = 1; r < index.offsets.size(); ++r) index.offsets[r] += index.offsets[r - 1];
  index.rows.resize(index.offsets.back());
  std::vector<uint32_t> next(index.offsets.begin(), index.offsets.end() - 1);
  for (size_t i = 0; i < h.size(); ++i) {
    if (valid(i)) index.rows[next[h.opportunity[i]]++] = static_cast<uint32_t>(i);
  }
  return index;
}

DealState DealStateAt(const Dataset& data, const Settings& settings, int32_t row, Day d, double rate) {
  std::vector<uint32_t> rows;
  const OpportunityHistory& h = data.opportunity_history;
  for (size_t i = 0; i < h.size(); ++i) {
    if (h.opportunity[i] == row) rows.push_back(static_cast<uint32_t>(i));
  }
  return DealStateAt(data, settings, row, d, rate, rows);
}

namespace {

// The latest value of each field that a deal's history rows changed on or before a day (ties:
// the later row in the file), then the deal's state from them.
class LatestValues {
 public:
  void Add(Day c, Code stage, int status, double amount, Day expected) {
    if (stage != kNullCode && c >= at_stage_) {
      at_stage_ = c;
      stage_ = stage;
    }
    if (status >= 0 && c >= at_status_) {
      at_status_ = c;
      status_ = status;
    }
    if (!IsNull(amount) && c >= at_amount_) {
      at_amount_ = c;
      amount_ = amount;
    }
    if (expected != kNullDay && c >= at_close_) {
      at_close_ = c;
      expected_ = expected;
    }
  }
  DealState State(const Opportunities& opp, int32_t row, Day d, double rate) const {
    DealState s;
    s.exists = opp.created_at[row] != kNullDay && opp.created_at[row] <= d;
    s.stage = at_stage_ != kNullDay ? stage_ : opp.stage[row];
    if (at_status_ != kNullDay) {
      s.status = static_cast<OpportunityStatus>(status_);
    } else {
      const bool closed = opp.status[row] != OpportunityStatus::kOpen && opp.closed_at[row] != kNullDay &&
                          opp.closed_at[row] <= d;
      s.status = closed ? opp.status[row] : OpportunityStatus::kOpen;
    }
    const double a = at_amount_ != kNullDay ? amount_ : opp.amount[row];
    s.amount = IsNull(a) ? 0 : a * rate;
    s.expected_close = at_close_ != kNullDay ? expected_ : opp.expected_close[row];
    return s;
  }

 private:
  Day at_stage_ = kNullDay, at_status_ = kNullDay, at_amount_ = kNullDay, at_close_ = kNullDay;
  Code stage_ = kNullCode;
  int status_ = -1;
  double amount_ = kNullNumber;
  Day expected_ = kNullDay;
};

// The status a history row sets: its own, else the one settings.crm_stages maps its stage to
// (-1: none).
int HistoryStatus(const Dataset& data, const Settings& settings, uint32_t i) {
  const OpportunityHistory& h = data.opportunity_history;
  int st = h.status[i];
  if (st < 0 && h.stage[i] != kNullCode) {
    if (auto m = StatusOfStage(settings, data.dict.Get(h.stage[i]))) st = static_cast<int>(*m);
  }
  return st;
}

}  // namespace

DealState DealStateAt(const Dataset& data, const Settings& settings, int32_t row, Day d, double rate,
                      std::span<const uint32_t> history_rows) {
  const OpportunityHistory& h = data.opportunity_history;
  LatestValues latest;
  for (const uint32_t i : history_rows) {
    if (h.changed_at[i] > d) continue;
    latest.Add(h.changed_at[i], h.stage[i], HistoryStatus(data, settings, i), h.amount[i],
               h.expected_close[i]);
  }
  return latest.State(data.opportunities, row, d, rate);
}

void DealStatesAt(const Dataset& data, const Settings& settings, int32_t row, Day d0, Day d1, double rate,
                  std::span<const uint32_t> history_rows, DealState* s0, DealState* s1) {
  const OpportunityHistory& h = data.opportunity_history;
  LatestValues at0, at1;
  for (const uint32_t i : history_rows) {
    const Day c = h.changed_at[i];
    if (c > d1) continue;
    const int status = HistoryStatus(data, settings, i);
    at1.Add(c, h.stage[i], status, h.amount[i], h.expected_close[i]);
    if (c <= d0) at0.Add(c, h.stage[i], status, h.amount[i], h.expected_close[i]);
  }
  *s0 = at0.State(data.opportunities, row, d0, rate);
  *s1 = at1.State(data.opportunities, row, d1, rate);
}

namespace {

// The bar a deal's change goes to: the first reason that applies (won > lost > pushed out >
// pulled in > created > reopened > amount change); nullopt when the window's open pipeline
// did not change. in0, in1: whether the deal is in the window's open pipeline at the start
// and at the end.
std::optional<WaterfallBar> ReasonOf(const DealState& s0, const DealState& s1, bool in0, bool in1,
                                     double delta) {
  const bool won_now = s1.exists && s1.status == OpportunityStatus::kWon &&
                       !(s0.exists && s0.status == OpportunityStatus::kWon);
  const bool lost_now = s1.exists && s1.status == OpportunityStatus::kLost &&
                        !(s0.exists && s0.status == OpportunityStatus::kLost);
  const bool open1 = s1.exists && s1.status == OpportunityStatus::kOpen;
  const bool open0 = s0.exists && s0.status == OpportunityStatus::kOpen;
  if (won_now) return WaterfallBar::kWon;
  if (lost_now) return WaterfallBar::kLost;
  if (in0 && open1 && !in1) return WaterfallBar::kPushedOut;
  if (!in0 && in1 && open0) return WaterfallBar::kPulledIn;
  if (!s0.exists && s1.exists) return WaterfallBar::kCreated;
  if (!in0 && in1) return WaterfallBar::kReopened;
  if (in0 && in1 && delta != 0) return WaterfallBar::kAmountChange;
  return std::nullopt;
}

// A deal of a bar: its row and the amount it adds to the bar.
struct BarDeal {
  uint32_t row;
  double amount;
};

// Every bar's amount and deals (in row order): on a large data set they are millions, so
// they are kept as numbers until the report's JSON lists them.
struct Bars {
  double amount[kWaterfallBarCount] = {};
  std::vector<BarDeal> deals[kWaterfallBarCount];
  void Add(WaterfallBar b, size_t row, double amount_of_deal) {
    const int k = static_cast<int>(b);
    amount[k] += amount_of_deal;
    deals[k].push_back({static_cast<uint32_t>(row), amount_of_deal});
  }
};

// Replays every deal between the day before `from` and `to`, giving each change its bar.
// kBadData for a deal whose currency has no rate for the month of `to`.
Result<Bars> ReplayDeals(const Dataset& data, const Settings& settings, Day from, Day to) {
  const Opportunities& opp = data.opportunities;
  CurrencyRates rates(data, settings);
  const Month rate_month = MonthOfDay(to);
  const DealHistoryIndex history = IndexDealHistory(data);
  auto in_window = [to](const DealState& s) {
    return s.exists && s.status == OpportunityStatus::kOpen &&
           (s.expected_close == kNullDay || s.expected_close <= to);
  };
  Bars bars;
  for (size_t i = 0; i < opp.size(); ++i) {
    double rate = 1;
    if (opp.currency[i] != kNullCode) {
      auto r = rates.Rate(opp.currency[i], rate_month);
      if (!r)
        return Status::BadData(
            rates.MissingRateMessage(opp.currency[i], rate_month, "opportunity " + std::string(opp.id[i])));
      rate = *r;
    }
    const int32_t row = static_cast<int32_t>(i);
    DealState s0, s1;
    DealStatesAt(data, settings, row, from - 1, to, rate, history.Of(row), &s0, &s1);
    const bool in0 = in_window(s0), in1 = in_window(s1);
    const double a0 = in0 ? s0.amount : 0, a1 = in1 ? s1.amount : 0;
    if (in0) bars.Add(WaterfallBar::kStart, i, a0);
    if (in1) bars.Add(WaterfallBar::kEnd, i, a1);
    if (auto reason = ReasonOf(s0, s1, in0, in1, a1 - a0)) bars.Add(*reason, i, a1 - a0);
  }
  return bars;
}

// "deals": {bar: [{"opportunity_id", "amount"}, ...]}, every bar in order, its deals in row
// order; the rows read the ids from `data`, which must outlive the report.
ExtraTable DealsTable(const Dataset& data, Bars* bars) {
  ExtraTable t;
  t.key = "deals";
  t.shape = ExtraTable::Shape::kLists;
  t.columns = {{"opportunity_id", ColumnKind::kText}, {"amount", ColumnKind::kMoney}};
  auto listed = std::make_shared<std::vector<BarDeal>>();
  size_t total = 0;
  for (const auto& deals : bars->deals) total += deals.size();
  listed->reserve(total);
  for (int k = 0; k < kWaterfallBarCount; ++k) {
    listed->insert(listed->end(), bars->deals[k].begin(), bars->deals[k].end());
    std::vector<BarDeal>().swap(bars->deals[k]);
    t.lists.emplace_back(WaterfallBarName(static_cast<WaterfallBar>(k)), listed->size());
  }
  t.rows.count = listed->size();
  t.rows.at = [&data, listed = std::shared_ptr<const std::vector<BarDeal>>(listed)](size_t i,
                                                                                    std::vector<Cell>* row) {
    const BarDeal& d = (*listed)[i];
    row->resize(2);
    SetText(&(*row)[0], data.opportunities.id[d.row]);
    (*row)[1] = d.amount;
  };
  return t;
}

}  // namespace

Result<Report> ComputeWaterfall(const Dataset& data, const Settings& settings, Day from, Day to, Day as_of) {
  if (!data.Has(Table::kOpportunities)) return Status::BadData("waterfall needs opportunities.csv");
  if (!data.Has(Table::kOpportunityHistory))
    return Status::BadData(
        "waterfall needs opportunity_history.csv, or a workspace with two imports or more (deal history is "
        "derived from the changes between snapshots)");
  if (to < from) {
    return Status::Usage(fmt::format("--to {} is before --from {}", FormatDate(to), FormatDate(from)));
  }
  auto bars = ReplayDeals(data, settings, from, to);
  if (!bars.ok()) return bars.status();
  Report r;
  r.name = "waterfall";
  r.as_of = FormatDate(as_of);
  r.currency = settings.base_currency;
  r.columns = {{"bar", ColumnKind::kText}, {"amount", ColumnKind::kMoney}, {"deals", ColumnKind::kInteger}};
  for (int k = 0; k < kWaterfallBarCount; ++k) {
    r.rows.push_back({std::string(WaterfallBarName(static_cast<WaterfallBar>(k))), bars->amount[k],
                      static_cast<int64_t>(bars->deals[k].size())});
  }
  r.extra_tables.push_back(ExtraValue("from", FormatDate(from)));
  r.extra_tables.push_back(ExtraValue("to", FormatDate(to)));
  r.extra_tables.push_back(DealsTable(data, &*bars));
  r.notes.push_back(
      fmt::format("open pipeline: open deals expected to close by {} (or without expected close); "
                  "start as of {}, end as of {}",
                  FormatDate(to), FormatDate(from - 1), FormatDate(to)));
  r.notes.push_back(
      "one reason per deal, first that applies: won > lost > pushed_out > pulled_in > created > "
      "reopened > amount_change; a bar adds each deal's end − start amount, so start + bars = end");
  r.notes.push_back(fmt::format("amounts converted at the rates of {}", FormatMonth(MonthOfDay(to))));
  return r;
}

}  // namespace flywheel
