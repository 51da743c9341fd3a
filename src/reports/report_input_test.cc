// DerivedData: the MRR series of an as-of date is computed once and shared, a third date
// evicts the least recently used one, failures are not kept, and concurrent callers for one
// date get the one computation; the built-in scorecard's customer scores are shared per date
// the same way. Values are worked by hand from the CSV lines below.
#include "reports/report_input.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "reports/customer_runs.h"
#include "reports/report_registry.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

class DerivedDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("flywheel-derived-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    // A1: 100 a month from January 2024; A2: 300 a quarter (100 a month) from March 2024, in EUR
    // at 1.5 (fx.csv has March and April only).
    Write("accounts.csv", "account_id\nA1\nA2\n");
    Write("subscriptions.csv",
          "subscription_id,account_id,start_date,end_date,amount,billing_period,currency\n"
          "S1,A1,2024-01-01,,100,month,\n"
          "S2,A2,2024-03-01,,300,quarter,EUR\n");
    Write("fx.csv", "month,currency,rate\n2024-03,EUR,1.5\n2024-04,EUR,1.5\n");
    InputOptions io;
    io.data_dir = dir_.string();
    io.as_of = "2024-04-30";
    auto in = LoadInput(io);
    ASSERT_TRUE(in.ok()) << in.status().message();
    input_ = std::move(*in);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }

  DerivedData::MrrResult Mrr(const char* date) {
    return input_.derived->Mrr(input_.dataset, input_.settings, *ParseDate(date));
  }

  fs::path dir_;
  Input input_;
};

TEST_F(DerivedDataTest, OneComputationPerDateWithTheRightNumbers) {
  auto april = Mrr("2024-04-30");
  ASSERT_TRUE(april.ok()) << april.status().message();
  const MrrSeries& s = (*april)->series;
  EXPECT_DOUBLE_EQ(s.Mrr(0, MakeMonth(2024, 1)), 100);
  EXPECT_DOUBLE_EQ(s.Mrr(1, MakeMonth(2024, 3)), 150);  // 300 / 3 × 1.5
  EXPECT_EQ(s.last_month(), MakeMonth(2024, 4));
  ASSERT_EQ((*april)->movements.size(), 2u);  // A1 new in January, A2 new in March
  EXPECT_DOUBLE_EQ((*april)->movements[1].amount, 150);

  auto again = Mrr("2024-04-30");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->get(), april->get());  // the same object, not a copy

  auto march = Mrr("2024-03-31");
  ASSERT_TRUE(march.ok());
  EXPECT_NE(march->get(), april->get());
  EXPECT_EQ((*march)->series.last_month(), MakeMonth(2024, 3));
}

// The accounts' stage dates are derived once per date from the shared MRR basis: onboarding is
// the start of the recurring row active at the end of the first month with MRR (A1 2024-01-01,
// A2 2024-03-01), valued at 12 x the new MRR (1200; 12 x 150 = 1800); no leads, no awareness.
TEST_F(DerivedDataTest, AccountStagesOncePerDateFromTheSharedMrr) {
  const Day april = *ParseDate("2024-04-30");
  auto stages = input_.derived->AccountStages(input_.dataset, input_.settings, april);
  ASSERT_TRUE(stages.ok()) << stages.status().message();
  ASSERT_EQ((*stages)->size(), 2u);
  EXPECT_TRUE((*stages)->lead_rows.empty());
  EXPECT_EQ((*stages)->Entered(0, 4), *ParseDate("2024-01-01"));
  EXPECT_EQ((*stages)->Entered(1, 4), *ParseDate("2024-03-01"));
  EXPECT_EQ((*stages)->Entered(0, 0), kNullDay);
  EXPECT_DOUBLE_EQ((*stages)->Value(0, 4), 1200);
  EXPECT_DOUBLE_EQ((*stages)->Value(1, 4), 1800);
  EXPECT_EQ(input_.derived->AccountStages(input_.dataset, input_.settings, april)->get(), stages->get());
  auto february = input_.derived->AccountStages(input_.dataset, input_.settings, *ParseDate("2024-02-29"));
  ASSERT_TRUE(february.ok());
  EXPECT_EQ((*february)->Entered(1, 4), kNullDay);  // A2 starts in March
  input_.derived->Clear();
  EXPECT_NE(input_.derived->AccountStages(input_.dataset, input_.settings, april)->get(), stages->get());
}

TEST_F(DerivedDataTest, KeepsTheTwoLatestDatesAndClearForgets) {
  auto april = *Mrr("2024-04-30");
  auto march = *Mrr("2024-03-31");
  EXPECT_EQ(Mrr("2024-04-30")->get(), april.get());  // April is now the most recent
  auto mid = *Mrr("2024-04-15");                     // evicts March, the least recently used
  EXPECT_EQ(Mrr("2024-04-30")->get(), april.get());
  EXPECT_EQ(Mrr("2024-04-15")->get(), mid.get());
  EXPECT_NE(Mrr("2024-03-31")->get(), march.get());  // computed again
  input_.derived->Clear();
  EXPECT_NE(Mrr("2024-04-15")->get(), mid.get());
}

TEST_F(DerivedDataTest, FailuresAreReturnedAndNotKept) {
  // May has no EUR rate.
  auto may = Mrr("2024-05-31");
  ASSERT_FALSE(may.ok());
  EXPECT_EQ(may.status().message(), "fx.csv: no rate for EUR in 2024-05 (needed by subscription S2)");
  auto again = Mrr("2024-05-31");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().message(), may.status().message());
  EXPECT_TRUE(Mrr("2024-04-30").ok());
}

TEST_F(DerivedDataTest, ConcurrentCallersShareOneComputation) {
  std::vector<std::shared_ptr<const MrrBasis>> got(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < got.size(); ++i) {
    threads.emplace_back([&, i] {
      auto r = Mrr("2024-04-30");
      if (r.ok()) got[i] = *r;
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& g : got) {
    ASSERT_NE(g, nullptr);
    EXPECT_EQ(g.get(), got[0].get());
  }
}

// The customers, attention and migration reports of one date score the accounts once.
TEST_F(DerivedDataTest, CustomerScoresAreSharedPerDateWithTheBuiltInScorecard) {
  ScorecardReportOptions april;
  auto first = SharedScoredCustomers(input_, april);
  ASSERT_TRUE(first.ok()) << first.status().message();
  const ScoredCustomers& s = **first;
  EXPECT_EQ(s.as_of, *ParseDate("2024-04-30"));
  ASSERT_EQ(s.scores.size(), 2u);  // both accounts have MRR on April 30
  std::map<std::string, double> arr;
  for (const auto& a : s.scores) arr[a.account_id] = a.arr;
  EXPECT_DOUBLE_EQ(arr["A1"], 1200);  // 12 × 100
  EXPECT_DOUBLE_EQ(arr["A2"], 1800);  // 12 × 100 EUR × 1.5
  EXPECT_EQ(SharedScoredCustomers(input_, april)->get(), first->get());

  // Another date replaces it (one date is kept); asking for April again scores again.
  ScorecardReportOptions march;
  march.as_of = ParseDate("2024-03-31");
  auto m = SharedScoredCustomers(input_, march);
  ASSERT_TRUE(m.ok());
  EXPECT_NE(m->get(), first->get());
  EXPECT_EQ((*m)->as_of, *ParseDate("2024-03-31"));
  EXPECT_EQ(SharedScoredCustomers(input_, march)->get(), m->get());
  EXPECT_NE(SharedScoredCustomers(input_, april)->get(), first->get());

  // An explanation keeps every measure's arithmetic: scored for that call alone.
  ScorecardReportOptions explain;
  explain.explain = true;
  auto e1 = SharedScoredCustomers(input_, explain);
  auto e2 = SharedScoredCustomers(input_, explain);
  ASSERT_TRUE(e1.ok() && e2.ok());
  EXPECT_NE(e1->get(), e2->get());
  EXPECT_FALSE((*e1)->scores.empty() || (*e1)->scores[0].measures.empty());

  input_.derived->Clear();
  EXPECT_NE(SharedScoredCustomers(input_, march)->get(), m->get());
}

}  // namespace
}  // namespace flywheel
