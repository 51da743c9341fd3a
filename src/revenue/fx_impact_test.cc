// Currency effects apart from expansion and contraction (metrics.md §1 "Currency"): every
// expected value below is worked out by hand in its comment; none is read from the engine.
//
//   fx = Σ_c N(a, c, M−1) × (r(c, M) − r(c, M−1)),  Δ = MRR(M) − MRR(M−1) − fx
//   Δ > 0: expansion, Δ < 0: contraction; fx on its own line.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "revenue/cohort_report.h"
#include "revenue/movements.h"
#include "revenue/mrr_series.h"
#include "revenue/revenue_report.h"
#include "revenue/test_dataset.h"
#include "testing/demo_data_set.h"

namespace flywheel {
namespace {

constexpr double kCent = 0.005;

std::string Describe(const AccountMovement& m) {
  char amount[32];
  std::snprintf(amount, sizeof amount, "%.2f", m.amount);
  return FormatMonth(m.month) + " " + std::to_string(m.account) + " " +
         std::string(MovementTypeName(m.type)) + " " + amount;
}

std::vector<std::string> MovementsOf(const Dataset& data, const Settings& settings, Day as_of) {
  auto series = ComputeMrr(data, settings, as_of);
  EXPECT_TRUE(series.ok()) << series.status().message();
  std::vector<std::string> out;
  if (!series.ok()) return out;
  for (const AccountMovement& m : ComputeMovements(*series, settings)) out.push_back(Describe(m));
  return out;
}

const RevenueRow* RowOf(const RevenueTable& t, const char* month) {
  for (const RevenueRow& r : t.rows) {
    if (r.period_start == M(month) && r.segment == "all") return &r;
  }
  return nullptr;
}

// 100 EUR a month, contract unchanged; the euro goes from 1.10 to 1.20 USD. MRR goes from
// 110 to 120 USD: fx = 100 × (1.20 − 1.10) = +10, Δ = 120 − 110 − 10 = 0, so no expansion.
TEST(FxImpactTest, UnchangedContractIsAllCurrency) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  t.Sub("S1", a, "2024-01-01", "", 100, BillingPeriod::kMonth, "EUR");
  t.FxRate("2024-01", "EUR", 1.10);
  t.FxRate("2024-02", "EUR", 1.20);
  EXPECT_EQ(MovementsOf(t.data(), Settings{}, D("2024-02-29")),
            (std::vector<std::string>{"2024-01 0 new 110.00", "2024-02 0 fx_impact 10.00"}));

  auto series = ComputeMrr(t.data(), Settings{}, D("2024-02-29"));
  ASSERT_TRUE(series.ok());
  RevenueOptions options;
  auto table = ComputeRevenue(t.data(), Settings{}, *series, options);
  ASSERT_TRUE(table.ok());
  const RevenueRow* feb = RowOf(*table, "2024-02");
  ASSERT_NE(feb, nullptr);
  EXPECT_NEAR(feb->mrr, 120, 1e-9);
  EXPECT_NEAR(feb->Movement(MovementType::kFxImpact), 10, 1e-9);
  EXPECT_EQ(feb->Movement(MovementType::kExpansion), 0);
  EXPECT_EQ(feb->Count(MovementType::kExpansion), 0);
  EXPECT_EQ(feb->net_new_mrr, 0);
}

// The same month with a price rise from 100 to 120 EUR: MRR goes from 110 to 120 × 1.20 =
// 144. fx = 100 × 0.10 = 10 (the old contract at the new rate); Δ = 144 − 110 − 10 = 24, the
// 20 EUR of new contract at this month's rate (20 × 1.20). 24 + 10 = 34 = 144 − 110.
TEST(FxImpactTest, PriceRiseSplitsIntoExpansionAndCurrency) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  t.Sub("S1", a, "2024-01-01", "2024-02-01", 100, BillingPeriod::kMonth, "EUR");
  t.Sub("S2", a, "2024-02-01", "", 120, BillingPeriod::kMonth, "EUR");
  t.FxRate("2024-01", "EUR", 1.10);
  t.FxRate("2024-02", "EUR", 1.20);
  EXPECT_EQ(MovementsOf(t.data(), Settings{}, D("2024-02-29")),
            (std::vector<std::string>{"2024-01 0 new 110.00", "2024-02 0 expansion 24.00",
                                      "2024-02 0 fx_impact 10.00"}));
}

// A price cut from 100 to 90 EUR while the euro rises from 1.10 to 1.20: MRR goes from 110 to
// 108, only −2 USD, but the contract lost 10 EUR = 12 USD at this month's rate: fx = +10,
// Δ = 108 − 110 − 10 = −12, a contraction of 12. The falling euro the month after (1.20 →
// 1.00) with the contract unchanged: fx = 90 × (1.00 − 1.20) = −18, no contraction.
TEST(FxImpactTest, PriceCutUnderARisingRateIsAContraction) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  t.Sub("S1", a, "2024-01-01", "2024-02-01", 100, BillingPeriod::kMonth, "EUR");
  t.Sub("S2", a, "2024-02-01", "", 90, BillingPeriod::kMonth, "EUR");
  t.FxRate("2024-01", "EUR", 1.10);
  t.FxRate("2024-02", "EUR", 1.20);
  t.FxRate("2024-03", "EUR", 1.00);
  EXPECT_EQ(MovementsOf(t.data(), Settings{}, D("2024-03-31")),
            (std::vector<std::string>{"2024-01 0 new 110.00", "2024-02 0 contraction 12.00",
                                      "2024-02 0 fx_impact 10.00", "2024-03 0 fx_impact -18.00"}));
}

// Pinned rates (fx.pinned) never move: no fx line at all, and a price rise is all expansion:
// 100 → 120 EUR at 1.5 is 150 → 180, expansion 30.
TEST(FxImpactTest, PinnedRatesGiveNoCurrencyEffect) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  t.Sub("S1", a, "2024-01-01", "2024-03-01", 100, BillingPeriod::kMonth, "EUR");
  t.Sub("S2", a, "2024-03-01", "", 120, BillingPeriod::kMonth, "EUR");
  t.FxRate("2024-01", "EUR", 1.10);
  t.FxRate("2024-02", "EUR", 1.20);
  Settings settings;
  settings.pinned_rates["EUR"] = 1.5;
  EXPECT_EQ(MovementsOf(t.data(), settings, D("2024-03-31")),
            (std::vector<std::string>{"2024-01 0 new 150.00", "2024-03 0 expansion 30.00"}));
}

// Two foreign currencies and the base currency on one account. Jan: 100 EUR @ 1.10, 50 GBP
// @ 1.25, 30 USD = 110 + 62.5 + 30 = 202.5. Feb: same contracts, EUR @ 1.20, GBP @ 1.30 =
// 120 + 65 + 30 = 215. fx = 100 × 0.10 + 50 × 0.05 = 12.5 = 215 − 202.5: no expansion.
// Mar: the GBP contract ends, EUR 1.20 → 1.15 and GBP 1.30 → 1.40 (a rate is still
// published): MRR = 115 + 30 = 145. fx = 100 × (−0.05) + 50 × 0.10 = 0 (so no fx line);
// Δ = 145 − 215 − 0 = −70: the lost 50 GBP at March's rate 1.40, a contraction of 70.
TEST(FxImpactTest, SeveralCurrenciesOnOneAccount) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  t.Sub("E", a, "2024-01-01", "", 100, BillingPeriod::kMonth, "EUR");
  t.Sub("G", a, "2024-01-01", "2024-03-01", 50, BillingPeriod::kMonth, "GBP");
  t.Sub("U", a, "2024-01-01", "", 30, BillingPeriod::kMonth, "USD");
  t.FxRate("2024-01", "EUR", 1.10);
  t.FxRate("2024-02", "EUR", 1.20);
  t.FxRate("2024-03", "EUR", 1.15);
  t.FxRate("2024-01", "GBP", 1.25);
  t.FxRate("2024-02", "GBP", 1.30);
  t.FxRate("2024-03", "GBP", 1.40);
  EXPECT_EQ(MovementsOf(t.data(), Settings{}, D("2024-03-31")),
            (std::vector<std::string>{"2024-01 0 new 202.50", "2024-02 0 fx_impact 12.50",
                                      "2024-03 0 contraction 70.00"}));
}

// A currency the account no longer bills in and fx.csv has no rate for in the new month
// adds no currency effect: the switch from 100 EUR (@ 1.10 = 110) to 130 USD is +20 of
// expansion, all of it contract.
TEST(FxImpactTest, NoRateForAnEndedCurrencyMeansNoCurrencyEffect) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  t.Sub("E", a, "2024-01-01", "2024-02-01", 100, BillingPeriod::kMonth, "EUR");
  t.Sub("U", a, "2024-02-01", "", 130, BillingPeriod::kMonth, "USD");
  t.FxRate("2024-01", "EUR", 1.10);
  EXPECT_EQ(MovementsOf(t.data(), Settings{}, D("2024-02-29")),
            (std::vector<std::string>{"2024-01 0 new 110.00", "2024-02 0 expansion 20.00"}));
}

// Retention at constant currency. A: 100 EUR all along; B: 100 EUR, 110 EUR from 2025-01.
// Euro 1.10 in 2024-01, 1.30 in 2025-01 (1.20 between). Trailing NRR at 2025-01 (base
// 2024-01, both ends at 2024-01's rate 1.10): (100 + 110) × 1.10 / ((100 + 100) × 1.10) = 1.05,
// not (130 + 143) / 220 = 1.2409 at today's rate. GRR caps B at its start: 200/200 = 1.
// The 2024-01 cohort in month 12, likewise: NRR 1.05, GRR 1.
TEST(FxImpactTest, RetentionIsAtConstantCurrency) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  AccountIndex b = t.Account("B");
  t.Sub("A1", a, "2024-01-01", "", 100, BillingPeriod::kMonth, "EUR");
  t.Sub("B1", b, "2024-01-01", "2025-01-01", 100, BillingPeriod::kMonth, "EUR");
  t.Sub("B2", b, "2025-01-01", "", 110, BillingPeriod::kMonth, "EUR");
  t.FxRate("2024-01", "EUR", 1.10);
  for (int m = 2; m <= 12; ++m) t.FxRate(fmt::format("2024-{:02}", m).c_str(), "EUR", 1.20);
  t.FxRate("2025-01", "EUR", 1.30);
  auto series = ComputeMrr(t.data(), Settings{}, D("2025-01-31"));
  ASSERT_TRUE(series.ok()) << series.status().message();
  EXPECT_NEAR(series->Mrr(b, M("2025-01")), 143, 1e-9);
  EXPECT_NEAR(series->MrrAtRatesOf(b, M("2025-01"), M("2024-01")), 121, 1e-9);

  auto table = ComputeRevenue(t.data(), Settings{}, *series, RevenueOptions{});
  ASSERT_TRUE(table.ok());
  const RevenueRow* jan = RowOf(*table, "2025-01");
  ASSERT_NE(jan, nullptr);
  ASSERT_TRUE(jan->nrr && jan->grr);
  EXPECT_NEAR(*jan->nrr, 1.05, 1e-12);
  EXPECT_NEAR(*jan->grr, 1.0, 1e-12);
  // The month's bridge: 2024-12 MRR 240, 2025-01 MRR 130 + 143 = 273. B's contract grew by
  // 10 EUR = 13 at the new rate; fx = 200 × (1.30 − 1.20) = 20. 240 + 13 + 20 = 273.
  EXPECT_NEAR(jan->Movement(MovementType::kExpansion), 13, 1e-9);
  EXPECT_EQ(jan->Count(MovementType::kExpansion), 1);
  EXPECT_NEAR(jan->Movement(MovementType::kFxImpact), 20, 1e-9);

  CohortOptions cohorts;
  auto nrr = ComputeCohorts(t.data(), Settings{}, *series, cohorts);
  ASSERT_TRUE(nrr.ok());
  ASSERT_EQ(nrr->rows.size(), 1u);
  EXPECT_NEAR(*nrr->rows[0].numerator[12] / nrr->rows[0].denominator, 1.05, 1e-12);
  cohorts.metric = CohortMetric::kGrr;
  auto grr = ComputeCohorts(t.data(), Settings{}, *series, cohorts);
  ASSERT_TRUE(grr.ok());
  EXPECT_NEAR(*grr->rows[0].numerator[12] / grr->rows[0].denominator, 1.0, 1e-12);
}

// Property: on random accounts with random contracts in three currencies and random monthly
// rates, for every month MRR(M) − MRR(M−1) = new + reactivation + expansion − contraction −
// churn + fx (to the cent, per account and in total), and an account whose contracts did
// not change in a month has neither expansion nor contraction in it.
TEST(FxImpactTest, RollForwardHoldsOnRandomData) {
  uint64_t state = 20250101;
  auto next = [&state]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
  };
  const char* currencies[] = {"USD", "EUR", "GBP"};
  for (int round = 0; round < 20; ++round) {
    TestDataset t;
    for (const char* c : {"EUR", "GBP"}) {
      for (int m = 1; m <= 24; ++m) {
        t.FxRate(fmt::format("{}-{:02}", 2023 + (m - 1) / 12, (m - 1) % 12 + 1).c_str(), c,
                 0.8 + 0.6 * next());
      }
    }
    // Contract changes happen on the first of a month, so a month without a row starting
    // or ending in it has unchanged contracts.
    std::map<std::pair<AccountIndex, Month>, bool> changed;
    for (int i = 0; i < 30; ++i) {
      AccountIndex a = t.Account("A" + std::to_string(i));
      const int rows = 1 + static_cast<int>(next() * 4);
      for (int r = 0; r < rows; ++r) {
        const int from = static_cast<int>(next() * 23),
                  to = from + 1 + static_cast<int>(next() * (24 - from));
        const Month first = M("2023-01") + from, end = M("2023-01") + to;
        const std::string start = FormatMonth(first) + "-01";
        const std::string stop = to < 24 ? FormatMonth(end) + "-01" : "";
        t.Sub("S" + std::to_string(i) + "-" + std::to_string(r), a, start.c_str(), stop.c_str(),
              std::round(next() * 50000) / 100, BillingPeriod::kMonth,
              currencies[static_cast<int>(next() * 3)]);
        changed[{a, first}] = true;
        if (to < 24) changed[{a, end}] = true;
      }
    }
    auto series = ComputeMrr(t.data(), Settings{}, D("2024-12-31"));
    ASSERT_TRUE(series.ok()) << series.status().message();
    const auto movements = ComputeMovements(*series, Settings{});
    std::map<std::pair<AccountIndex, Month>, double> change;
    for (const AccountMovement& m : movements) {
      change[{m.account, m.month}] += MrrChange(m);
      if (m.type == MovementType::kExpansion || m.type == MovementType::kContraction) {
        EXPECT_TRUE(changed.count({m.account, m.month})) << Describe(m) << " without a contract change";
      }
    }
    for (AccountIndex a = 0; a < 30; ++a) {
      for (Month m = M("2023-01"); m <= M("2024-12"); ++m) {
        const double want = series->Mrr(a, m) - series->Mrr(a, m - 1);
        EXPECT_NEAR(change[std::pair(a, m)], want, kCent)
            << "round " << round << " account " << a << " " << FormatMonth(m);
      }
    }
    auto table = ComputeRevenue(t.data(), Settings{}, *series, RevenueOptions{});
    ASSERT_TRUE(table.ok());
    for (const RevenueRow& r : table->rows) {
      const double bridge = r.previous_mrr + r.net_new_mrr + r.Movement(MovementType::kFxImpact);
      EXPECT_NEAR(r.mrr, bridge, kCent) << "round " << round << " " << FormatMonth(r.period_start);
    }
  }
}

// The demo data set (the generator's defaults: 2,000 accounts, 36 months, about a fifth of
// them billed in EUR at monthly rates): the bridge holds to the cent in every month, quarter
// and segment, and the counts of expansions and contractions only move with contracts. Before
// the split, 2025-01 counted 132 expansions and 2025-07 91 contractions, most of them EUR
// accounts whose contract had not changed (now 86 and 0); none is without a contract change.
TEST(FxImpactTest, RollForwardHoldsOnEveryMonthOfTheDemoData) {
  Day as_of = kNullDay;
  std::unique_ptr<Dataset> data = LoadDemoDataSet("fx_roll_forward", 2000, &as_of);
  ASSERT_NE(data, nullptr);
  auto series = ComputeMrr(*data, Settings{}, as_of);
  ASSERT_TRUE(series.ok()) << series.status().message();
  double fx_total = 0;
  for (Granularity g : {Granularity::kMonth, Granularity::kQuarter, Granularity::kYear}) {
    RevenueOptions options;
    options.granularity = g;
    options.segment_by = "segment";
    options.as_of = as_of;
    auto table = ComputeRevenue(*data, Settings{}, *series, options);
    ASSERT_TRUE(table.ok()) << table.status().message();
    ASSERT_GT(table->rows.size(), 3u);
    for (const RevenueRow& r : table->rows) {
      const double bridge = r.previous_mrr + r.net_new_mrr + r.Movement(MovementType::kFxImpact);
      EXPECT_NEAR(r.mrr, bridge, kCent)
          << GranularityName(g) << " " << FormatMonth(r.period_start) << " " << r.segment;
      if (g == Granularity::kMonth && r.segment == "all")
        fx_total += std::fabs(r.Movement(MovementType::kFxImpact));
    }
  }
  EXPECT_GT(fx_total, 1000);  // the data has real currency effects

  // Every expansion or contraction of an account billed in one foreign currency comes with a
  // change of its native MRR (its contracts).
  const auto movements = ComputeMovements(*series, Settings{});
  int64_t foreign_moves = 0;
  for (const AccountMovement& m : movements) {
    if (m.type != MovementType::kExpansion && m.type != MovementType::kContraction) continue;
    if (!series->HasFxExposure(m.account)) continue;
    ++foreign_moves;
    const double at_old_rates = series->MrrAtRatesOf(m.account, m.month, m.month - 1);
    EXPECT_GT(std::fabs(at_old_rates - series->Mrr(m.account, m.month - 1)), 1e-6)
        << data->accounts.id[m.account] << " " << FormatMonth(m.month);
  }
  EXPECT_GT(foreign_moves, 0);
}

}  // namespace
}  // namespace flywheel
