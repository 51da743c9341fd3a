#include "pipeline/pipeline_waterfall.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "output/report_writer.h"

namespace flywheel {
namespace {

Day D(const char* s) { return *ParseDate(s); }

struct Builder {
  Dataset d;
  Builder() {
    d.accounts.id.push_back("A");
    d.accounts.IndexLast();
    d.present[static_cast<int>(Table::kAccounts)] = true;
    d.present[static_cast<int>(Table::kOpportunities)] = true;
    d.present[static_cast<int>(Table::kOpportunityHistory)] = true;
  }
  void Opp(const std::string& id, const char* created, OpportunityStatus status, const char* closed,
           double amount, const char* expected) {
    Opportunities& o = d.opportunities;
    o.id.push_back(id);
    o.IndexLast();
    o.account.push_back(0);
    o.type.push_back(OpportunityType::kNew);
    o.created_at.push_back(D(created));
    o.closed_at.push_back(closed ? D(closed) : kNullDay);
    o.status.push_back(status);
    o.amount.push_back(amount);
    o.currency.push_back(kNullCode);
    o.stage.push_back(kNullCode);
    o.owner.push_back(kNullCode);
    o.lost_reason.push_back(kNullCode);
    o.program.push_back(kNullCode);
    o.expected_close.push_back(D(expected));
    o.forecast_category.push_back(-1);
  }
  void History(const std::string& id, const char* changed, int status, double amount = kNullNumber,
               const char* expected = nullptr, const std::string& stage = "") {
    OpportunityHistory& h = d.opportunity_history;
    h.opportunity.push_back(d.opportunities.Find(id));
    h.changed_at.push_back(D(changed));
    h.stage.push_back(d.dict.Intern(stage));
    h.status.push_back(static_cast<int8_t>(status));
    h.amount.push_back(amount);
    h.expected_close.push_back(expected ? D(expected) : kNullDay);
  }
};

constexpr int kNone = -1;
constexpr int kOpen = static_cast<int>(OpportunityStatus::kOpen);
constexpr int kWon = static_cast<int>(OpportunityStatus::kWon);
constexpr int kLost = static_cast<int>(OpportunityStatus::kLost);
using S = OpportunityStatus;

// Window 2025-03-01 .. 2025-03-31 (start state as of 02-28). One deal per bar type:
//   W1 100 due 03-15, won 03-10                       start 100, end 0   -> won −100
//   W2 200 due 03-20, lost 03-12                      start 200, end 0   -> lost −200
//   W3 300 due 03-25, moved to 04-15 on 03-05         start 300, end 0   -> pushed_out −300
//   W4 400 due 05-01, moved to 03-28 on 03-07         start 0, end 400   -> pulled_in +400
//   W5 500 created 03-03 due 03-30                    start 0, end 500   -> created +500
//   W6 600 due 03-31, amount 650 on 03-08             start 600, end 650 -> amount_change +50
//   W7 700 lost 02-10, reopened 03-09                 start 0, end 700   -> reopened +700
//   W8 800 created 03-02, won 03-15                   start 0, end 0     -> won +0 (1 deal)
//   W9 900 due 03-31, unchanged                       start 900, end 900 -> no bar
//   W10 50 due 03-10, amount 80 on 03-04, stage "Closed Won" on 03-20 (crm_stages: won)
//                                                     start 50, end 0    -> won −50 (won outranks amount)
// Start = 100 + 200 + 300 + 600 + 900 + 50 = 2150; end = 400 + 500 + 650 + 700 + 900 = 3150.
// Bars: 2150 + 500 + 400 − 300 + 50 + 700 − 150 − 200 = 3150.
Builder Example() {
  Builder b;
  b.Opp("W1", "2025-02-01", S::kWon, "2025-03-10", 100, "2025-03-15");
  b.History("W1", "2025-03-10", kWon);
  b.Opp("W2", "2025-02-01", S::kLost, "2025-03-12", 200, "2025-03-20");
  b.History("W2", "2025-03-12", kLost);
  b.Opp("W3", "2025-02-01", S::kOpen, nullptr, 300, "2025-03-25");
  b.History("W3", "2025-03-05", kNone, kNullNumber, "2025-04-15");
  b.Opp("W4", "2025-02-01", S::kOpen, nullptr, 400, "2025-05-01");
  b.History("W4", "2025-03-07", kNone, kNullNumber, "2025-03-28");
  b.Opp("W5", "2025-03-03", S::kOpen, nullptr, 500, "2025-03-30");
  b.Opp("W6", "2025-02-01", S::kOpen, nullptr, 600, "2025-03-31");
  b.History("W6", "2025-03-08", kNone, 650);
  b.Opp("W7", "2025-02-01", S::kOpen, nullptr, 700, "2025-03-31");
  b.History("W7", "2025-02-10", kLost);
  b.History("W7", "2025-03-09", kOpen);
  b.Opp("W8", "2025-03-02", S::kWon, "2025-03-15", 800, "2025-03-20");
  b.History("W8", "2025-03-15", kWon);
  b.Opp("W9", "2025-02-01", S::kOpen, nullptr, 900, "2025-03-31");
  b.Opp("W10", "2025-02-01", S::kWon, "2025-03-20", 50, "2025-03-10");
  b.History("W10", "2025-03-04", kNone, 80);
  b.History("W10", "2025-03-20", kNone, kNullNumber, nullptr, "Closed Won");
  return b;
}

double Bar(const Report& r, const std::string& name, int64_t* deals = nullptr) {
  for (const auto& row : r.rows) {
    if (std::get<std::string>(row[0]) == name) {
      if (deals) *deals = std::get<int64_t>(row[2]);
      return std::get<double>(row[1]);
    }
  }
  ADD_FAILURE() << name;
  return 0;
}

TEST(PipelineWaterfallTest, EveryBarTypeAndTheIdentity) {
  Builder b = Example();
  Settings settings;
  settings.crm_stages["Closed Won"] = "won";
  auto r = ComputeWaterfall(b.d, settings, D("2025-03-01"), D("2025-03-31"), D("2025-03-31"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  int64_t n = 0;
  EXPECT_DOUBLE_EQ(Bar(*r, "open_pipeline_start", &n), 2150);
  EXPECT_EQ(n, 6);
  EXPECT_DOUBLE_EQ(Bar(*r, "created", &n), 500);
  EXPECT_EQ(n, 1);
  EXPECT_DOUBLE_EQ(Bar(*r, "pulled_in"), 400);
  EXPECT_DOUBLE_EQ(Bar(*r, "pushed_out"), -300);
  EXPECT_DOUBLE_EQ(Bar(*r, "amount_change"), 50);
  EXPECT_DOUBLE_EQ(Bar(*r, "reopened"), 700);
  EXPECT_DOUBLE_EQ(Bar(*r, "won", &n), -150);
  EXPECT_EQ(n, 3);  // W1, W8 (created and won inside the window: 0), W10
  EXPECT_DOUBLE_EQ(Bar(*r, "lost"), -200);
  EXPECT_DOUBLE_EQ(Bar(*r, "open_pipeline_end", &n), 3150);
  EXPECT_EQ(n, 5);
  double sum = 0;
  for (size_t i = 0; i + 1 < r->rows.size(); ++i) sum += std::get<double>(r->rows[i][1]);
  EXPECT_DOUBLE_EQ(sum, Bar(*r, "open_pipeline_end"));
}

TEST(PipelineWaterfallTest, UnmappedStageKeepsDealOpen) {
  // Without the crm_stages mapping, W10's "Closed Won" row sets no status; the opportunity
  // row's own close (won 03-20) still makes it won by the end of the window.
  Builder b = Example();
  auto r = ComputeWaterfall(b.d, Settings{}, D("2025-03-01"), D("2025-03-31"), D("2025-03-31"));
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(Bar(*r, "won"), -150);
  // As of 03-15, W10 is open with amount 80 (history) and expected close 03-10.
  DealState s = DealStateAt(b.d, Settings{}, b.d.opportunities.Find("W10"), D("2025-03-15"), 1.0);
  EXPECT_TRUE(s.exists);
  EXPECT_EQ(s.status, S::kOpen);
  EXPECT_DOUBLE_EQ(s.amount, 80);
  EXPECT_EQ(s.expected_close, D("2025-03-10"));
}

// The waterfall reads both ends from one pass over each deal's history: the same states as
// DealStateAt at each day, for every deal and pairs of days around the history's changes.
TEST(PipelineWaterfallTest, StatesAtTwoDaysAreThoseAtEachDay) {
  Builder b = Example();
  Settings settings;
  settings.crm_stages["Closed Won"] = "won";
  const DealHistoryIndex history = IndexDealHistory(b.d);
  auto same = [](const DealState& x, const DealState& y) {
    return x.exists == y.exists && x.status == y.status && x.stage == y.stage && x.amount == y.amount &&
           x.expected_close == y.expected_close;
  };
  int compared = 0;
  for (Day d0 = D("2025-01-25"); d0 <= D("2025-04-05"); d0 += 3) {
    for (Day d1 = d0; d1 <= D("2025-04-10"); d1 += 4) {
      for (int32_t row = 0; row < static_cast<int32_t>(b.d.opportunities.size()); ++row) {
        DealState s0, s1;
        DealStatesAt(b.d, settings, row, d0, d1, 1.5, history.Of(row), &s0, &s1);
        EXPECT_TRUE(same(s0, DealStateAt(b.d, settings, row, d0, 1.5))) << row << " " << FormatDate(d0);
        EXPECT_TRUE(same(s1, DealStateAt(b.d, settings, row, d1, 1.5))) << row << " " << FormatDate(d1);
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 1000);
}

TEST(PipelineWaterfallTest, DrillDownListsDealsPerBar) {
  Builder b = Example();
  Settings settings;
  settings.crm_stages["Closed Won"] = "won";
  auto r = ComputeWaterfall(b.d, settings, D("2025-03-01"), D("2025-03-31"), D("2025-03-31"));
  ASSERT_TRUE(r.ok());
  // The report's JSON lists them (typed extra tables, streamed by the writer).
  const std::string j = RenderJson(*r);
  const auto doc = nlohmann::ordered_json::parse(j);
  EXPECT_EQ(doc.at("from"), "2025-03-01");
  EXPECT_EQ(doc.at("to"), "2025-03-31");
  const auto& deals = doc.at("deals");
  ASSERT_EQ(deals.size(), 9u) << j;
  EXPECT_EQ(deals.begin().key(), "open_pipeline_start");
  EXPECT_EQ(deals.at("pushed_out").dump(), "[{\"opportunity_id\":\"W3\",\"amount\":-300}]") << j;
  EXPECT_EQ(deals.at("won").dump(),
            "[{\"opportunity_id\":\"W1\",\"amount\":-100},{\"opportunity_id\":\"W8\",\"amount\":0},"
            "{\"opportunity_id\":\"W10\",\"amount\":-50}]")
      << j;
  // Each bar's count of deals is the length of its list.
  for (const auto& row : r->rows) {
    EXPECT_EQ(deals.at(std::get<std::string>(row[0])).size(), static_cast<size_t>(std::get<int64_t>(row[2])));
  }
}

TEST(PipelineWaterfallTest, MissingHistoryAndBadWindow) {
  Builder b = Example();
  b.d.present[static_cast<int>(Table::kOpportunityHistory)] = false;
  auto r = ComputeWaterfall(b.d, Settings{}, D("2025-03-01"), D("2025-03-31"), D("2025-03-31"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "waterfall needs opportunity_history.csv, or a workspace with two imports or more (deal history "
            "is derived from the changes between snapshots)");
  Builder c = Example();
  auto w = ComputeWaterfall(c.d, Settings{}, D("2025-03-31"), D("2025-03-01"), D("2025-03-31"));
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().code(), StatusCode::kUsage);
  EXPECT_EQ(w.status().message(), "--to 2025-03-01 is before --from 2025-03-31");
}

}  // namespace
}  // namespace flywheel
