#include "revenue/mrr_series.h"

#include <gtest/gtest.h>

#include "revenue/test_dataset.h"

namespace flywheel {
namespace {

TEST(MrrSeriesTest, MonthEndSnapshotsAndOpenEnd) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  t.Sub("S1", a, "2024-01-15", "", 100);  // open end: active Jan..as-of month
  auto s = ComputeMrr(t.data(), Settings{}, D("2024-04-10"));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->first_month(), M("2024-01"));
  EXPECT_EQ(s->last_month(), M("2024-04"));
  EXPECT_DOUBLE_EQ(s->Mrr(a, M("2023-12")), 0);
  EXPECT_DOUBLE_EQ(s->Mrr(a, M("2024-01")), 100);
  EXPECT_DOUBLE_EQ(s->Mrr(a, M("2024-04")), 100);
  EXPECT_DOUBLE_EQ(s->Mrr(a, M("2024-05")), 0);  // beyond as-of
  EXPECT_EQ(s->FirstActiveMonth(a), M("2024-01"));
  EXPECT_EQ(s->LastActiveMonth(a), M("2024-04"));
}

TEST(MrrSeriesTest, EndIsExclusive) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  AccountIndex b = t.Account("B");
  // Ends on March 31: the March snapshot (Mar 31) is not < end, so Jan and Feb only.
  t.Sub("S1", a, "2024-01-01", "2024-03-31", 10);
  // Ends on April 1: active on Mar 31, so Jan..Mar.
  t.Sub("S2", b, "2024-01-01", "2024-04-01", 20);
  auto s = ComputeMrr(t.data(), Settings{}, D("2024-06-30"));
  ASSERT_TRUE(s.ok());
  EXPECT_DOUBLE_EQ(s->Mrr(a, M("2024-02")), 10);
  EXPECT_DOUBLE_EQ(s->Mrr(a, M("2024-03")), 0);
  EXPECT_EQ(s->LastActiveMonth(a), M("2024-02"));
  EXPECT_DOUBLE_EQ(s->Mrr(b, M("2024-03")), 20);
  EXPECT_DOUBLE_EQ(s->Mrr(b, M("2024-04")), 0);
}

TEST(MrrSeriesTest, SameMonthStartAndEndHasNoMrr) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  t.Sub("S1", a, "2024-02-03", "2024-02-20", 500);
  auto s = ComputeMrr(t.data(), Settings{}, D("2024-06-30"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->FirstActiveMonth(a), kNullMonth);
  EXPECT_EQ(s->first_month(), kNullMonth);
  EXPECT_DOUBLE_EQ(s->Mrr(a, M("2024-02")), 0);
}

TEST(MrrSeriesTest, BillingPeriodsAreNormalisedAndRowsSum) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  t.Sub("annual", a, "2024-01-01", "2025-01-01", 1200, BillingPeriod::kYear);       // 100/month
  t.Sub("quarterly", a, "2024-02-01", "2024-05-01", 300, BillingPeriod::kQuarter);  // 100/month
  t.Sub("usage", a, "2024-01-01", "", 999, BillingPeriod::kMonth, "", RevenueType::kUsage);
  t.Sub("services", a, "2024-01-01", "", 999, BillingPeriod::kMonth, "", RevenueType::kServices);
  auto s = ComputeMrr(t.data(), Settings{}, D("2024-06-30"));
  ASSERT_TRUE(s.ok());
  EXPECT_DOUBLE_EQ(s->Mrr(a, M("2024-01")), 100);  // annual only
  EXPECT_DOUBLE_EQ(s->Mrr(a, M("2024-02")), 200);  // + quarterly 300/3
  EXPECT_DOUBLE_EQ(s->Mrr(a, M("2024-04")), 200);
  EXPECT_DOUBLE_EQ(s->Mrr(a, M("2024-05")), 100);  // quarterly ended May 1
}

TEST(MrrSeriesTest, AsOfCutsOffMidMonth) {
  TestDataset t;
  AccountIndex a = t.Account("A"), b = t.Account("B"), c = t.Account("C"), d = t.Account("D");
  t.Sub("ends-before", a, "2024-01-01", "2024-03-10", 10);  // Mar 15 snapshot ≥ end: not active
  t.Sub("ends-after", b, "2024-01-01", "2024-03-20", 20);   // Mar 15 < Mar 20: active in March
  t.Sub("starts-after", c, "2024-03-16", "", 30);           // starts after as-of: ignored
  t.Sub("starts-before", d, "2024-03-14", "", 40);          // active on Mar 15
  auto s = ComputeMrr(t.data(), Settings{}, D("2024-03-15"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->last_month(), M("2024-03"));
  EXPECT_DOUBLE_EQ(s->Mrr(a, M("2024-02")), 10);
  EXPECT_DOUBLE_EQ(s->Mrr(a, M("2024-03")), 0);
  EXPECT_DOUBLE_EQ(s->Mrr(b, M("2024-03")), 20);
  EXPECT_EQ(s->FirstActiveMonth(c), kNullMonth);
  EXPECT_DOUBLE_EQ(s->Mrr(d, M("2024-03")), 40);
}

TEST(MrrSeriesTest, ConvertsWithTheFxRateOfEachMonth) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  t.Sub("S1", a, "2024-01-01", "", 100, BillingPeriod::kMonth, "EUR");
  t.Sub("S2", a, "2024-01-01", "", 50, BillingPeriod::kMonth, "USD");  // base currency
  t.FxRate("2024-01", "EUR", 1.10);
  t.FxRate("2024-02", "EUR", 1.20);
  auto s = ComputeMrr(t.data(), Settings{}, D("2024-02-29"));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_NEAR(s->Mrr(a, M("2024-01")), 110 + 50, 1e-9);
  EXPECT_NEAR(s->Mrr(a, M("2024-02")), 120 + 50, 1e-9);
}

TEST(MrrSeriesTest, PinnedRateWinsOverFxTable) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  t.Sub("S1", a, "2024-01-01", "", 100, BillingPeriod::kYear, "EUR");  // 100/12 EUR a month
  t.FxRate("2024-01", "EUR", 1.10);
  Settings settings;
  settings.pinned_rates["EUR"] = 1.5;
  auto s = ComputeMrr(t.data(), settings, D("2024-03-31"));  // no fx rows for Feb, Mar
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_NEAR(s->Mrr(a, M("2024-01")), 12.5, 1e-9);  // 100 / 12 × 1.5
  EXPECT_NEAR(s->Mrr(a, M("2024-03")), 12.5, 1e-9);
}

TEST(MrrSeriesTest, MissingFxRateIsAnError) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  t.Sub("S-1", a, "2024-01-01", "", 100);
  t.Sub("S-17", a, "2024-01-01", "", 100, BillingPeriod::kMonth, "EUR");
  t.FxRate("2024-01", "EUR", 1.10);
  t.FxRate("2024-02", "EUR", 1.20);
  auto s = ComputeMrr(t.data(), Settings{}, D("2024-04-30"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kBadData);
  EXPECT_EQ(s.status().message(), "fx.csv: no rate for EUR in 2024-03 (needed by subscription S-17)");
}

TEST(MrrSeriesTest, NoRowsNoMonths) {
  TestDataset t;
  t.Account("A");
  auto s = ComputeMrr(t.data(), Settings{}, D("2024-04-30"));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->first_month(), kNullMonth);
  EXPECT_EQ(s->last_month(), M("2024-04"));
}

}  // namespace
}  // namespace flywheel
