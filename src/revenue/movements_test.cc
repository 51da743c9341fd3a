#include "revenue/movements.h"

#include <map>

#include <gtest/gtest.h>

#include "revenue/test_dataset.h"

namespace flywheel {
namespace {

std::string Describe(const AccountMovement& m) {
  return FormatMonth(m.month) + " " + std::to_string(m.account) + " " +
         std::string(MovementTypeName(m.type)) + " " + std::to_string(m.amount);
}

std::vector<std::string> DescribeAll(const std::vector<AccountMovement>& mv) {
  std::vector<std::string> out;
  for (const auto& m : mv) out.push_back(Describe(m));
  return out;
}

// Account A, by hand (as of 2024-08-31):
//   Jan 100, Feb 100, Mar 150, Apr 120, May 0, Jun 0, Jul 80, Aug 80 (a new row at the same
//   price: no movement).
// Account B: Feb 40 (annual 480), Mar..Aug 40.
// Movements: Jan A new 100; Feb B new 40; Mar A expansion 50; Apr A contraction 30;
//   May A churn 120; Jul A reactivation 80.
Dataset& Timeline(TestDataset& t) {
  AccountIndex a = t.Account("A");
  AccountIndex b = t.Account("B");
  t.Sub("A1", a, "2024-01-01", "2024-03-01", 100);
  t.Sub("A2", a, "2024-03-01", "2024-04-01", 150);
  t.Sub("A3", a, "2024-04-01", "2024-05-01", 120);
  t.Sub("A4", a, "2024-07-01", "2024-08-01", 80);
  t.Sub("A5", a, "2024-08-01", "", 80);
  t.Sub("B1", b, "2024-02-10", "2025-02-10", 480, BillingPeriod::kYear);
  return t.data();
}

TEST(MovementsTest, EveryMovementType) {
  TestDataset t;
  auto s = ComputeMrr(Timeline(t), Settings{}, D("2024-08-31"));
  ASSERT_TRUE(s.ok());
  auto mv = ComputeMovements(*s, Settings{});
  EXPECT_EQ(DescribeAll(mv), (std::vector<std::string>{
                                 "2024-01 0 new 100.000000",
                                 "2024-02 1 new 40.000000",
                                 "2024-03 0 expansion 50.000000",
                                 "2024-04 0 contraction 30.000000",
                                 "2024-05 0 churn 120.000000",
                                 "2024-07 0 reactivation 80.000000",
                             }));
}

TEST(MovementsTest, ReactivationWindowTurnsLongGapsIntoNew) {
  TestDataset t;
  auto s = ComputeMrr(Timeline(t), Settings{}, D("2024-08-31"));
  ASSERT_TRUE(s.ok());
  Settings one;
  one.reactivation_window_months = 1;  // the gap May..Jun is 2 months > 1: new
  auto mv = ComputeMovements(*s, one);
  ASSERT_EQ(mv.size(), 6u);
  EXPECT_EQ(Describe(mv[5]), "2024-07 0 new 80.000000");
  Settings two;
  two.reactivation_window_months = 2;  // a 2-month gap is within the window
  mv = ComputeMovements(*s, two);
  EXPECT_EQ(Describe(mv[5]), "2024-07 0 reactivation 80.000000");
}

TEST(MovementsTest, RollForwardIdentityEveryMonth) {
  TestDataset t;
  Dataset& data = Timeline(t);
  auto s = ComputeMrr(data, Settings{}, D("2024-08-31"));
  ASSERT_TRUE(s.ok());
  auto mv = ComputeMovements(*s, Settings{});
  std::map<Month, double> net;
  for (const auto& m : mv) {
    bool down = m.type == MovementType::kContraction || m.type == MovementType::kChurn;
    net[m.month] += down ? -m.amount : m.amount;
  }
  double prev_total = 0;
  for (Month m = s->first_month(); m <= s->last_month(); ++m) {
    double total = 0;
    for (AccountIndex a = 0; a < 2; ++a) total += s->Mrr(a, m);
    EXPECT_NEAR(total, prev_total + net[m], 1e-9) << FormatMonth(m);
    prev_total = total;
  }
}

TEST(MovementsTest, ChurnInTheAsOfMonthAndNoMovementOnSamePrice) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  t.Sub("A1", a, "2024-01-01", "2024-02-01", 70);
  t.Sub("A2", a, "2024-02-01", "2024-03-01", 70);  // back-to-back, same amount
  auto s = ComputeMrr(t.data(), Settings{}, D("2024-03-31"));
  ASSERT_TRUE(s.ok());
  auto mv = ComputeMovements(*s, Settings{});
  EXPECT_EQ(DescribeAll(mv),
            (std::vector<std::string>{"2024-01 0 new 70.000000", "2024-03 0 churn 70.000000"}));
}

TEST(MovementsTest, NoMovementAfterAsOf) {
  TestDataset t;
  AccountIndex a = t.Account("A");
  t.Sub("A1", a, "2024-01-01", "2024-04-01", 70);  // active through March = the as-of month
  auto s = ComputeMrr(t.data(), Settings{}, D("2024-03-31"));
  ASSERT_TRUE(s.ok());
  auto mv = ComputeMovements(*s, Settings{});
  EXPECT_EQ(DescribeAll(mv), (std::vector<std::string>{"2024-01 0 new 70.000000"}));
}

TEST(MovementsTest, Names) {
  EXPECT_EQ(MovementTypeName(MovementType::kReactivation), "reactivation");
  EXPECT_EQ(MovementTypeName(MovementType::kChurn), "churn");
}

// Movements in month-then-account order; the index lists each account's, in month order,
// with positions back into the list.
TEST(MovementsTest, IndexByAccountKeepsMonthOrderPerAccount) {
  const std::vector<AccountMovement> movements = {
      {2, 100, MovementType::kNew, 10},      {0, 101, MovementType::kNew, 5},
      {2, 101, MovementType::kExpansion, 3}, {0, 102, MovementType::kChurn, 5},
      {2, 103, MovementType::kChurn, 13},
  };
  const MovementsByAccount index = IndexMovementsByAccount(movements, 4);
  EXPECT_EQ(index.start, (std::vector<uint32_t>{0, 2, 2, 5, 5}));
  std::vector<uint32_t> positions;
  for (const auto& e : index.entries) {
    positions.push_back(e.position);
    EXPECT_EQ(e.month, movements[e.position].month);
    EXPECT_EQ(e.type, movements[e.position].type);
  }
  EXPECT_EQ(positions, (std::vector<uint32_t>{1, 3, 0, 2, 4}));
}

}  // namespace
}  // namespace flywheel
