#include "base/date.h"

#include <gtest/gtest.h>

namespace flywheel {
namespace {

TEST(DateTest, EpochAndKnownDays) {
  EXPECT_EQ(DayFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DayFromCivil(2000, 3, 1), 11017);  // 30 years incl. 7 leap days + Jan/Feb 2000
  EXPECT_EQ(DayFromCivil(2024, 2, 29) - DayFromCivil(2024, 2, 28), 1);
  EXPECT_EQ(FormatDate(DayFromCivil(2024, 12, 31)), "2024-12-31");
}

TEST(DateTest, ParsesDatesAndRejectsImpossibleOnes) {
  EXPECT_EQ(ParseDate("2024-02-29"), DayFromCivil(2024, 2, 29));
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("2024-13-01"));
  EXPECT_FALSE(ParseDate("2024-1-01"));
  EXPECT_FALSE(ParseDate("01/02/2024"));
  EXPECT_FALSE(ParseDate("2024-01-01x"));
}

TEST(DateTest, TimestampsAreCutToTheirUtcDate) {
  EXPECT_EQ(ParseDate("2024-03-10T23:30:00Z"), DayFromCivil(2024, 3, 10));
  EXPECT_EQ(ParseDate("2024-03-10T23:30:00-02:00"), DayFromCivil(2024, 3, 11));
  EXPECT_EQ(ParseDate("2024-03-10T01:00:00+02:00"), DayFromCivil(2024, 3, 9));
  EXPECT_EQ(ParseDate("2024-03-10 10:00"), DayFromCivil(2024, 3, 10));
  EXPECT_EQ(ParseDate("2024-03-10T10:00:00.123+0100"), DayFromCivil(2024, 3, 10));
  EXPECT_FALSE(ParseDate("2024-03-10T25:00:00"));
}

TEST(DateTest, MonthsAndPeriods) {
  Month m = *ParseMonth("2024-11");
  EXPECT_EQ(FormatMonth(m), "2024-11");
  EXPECT_EQ(FormatMonth(m + 2), "2025-01");
  EXPECT_EQ(LastDayOfMonth(MakeMonth(2024, 2)), DayFromCivil(2024, 2, 29));
  EXPECT_EQ(MonthOfDay(DayFromCivil(2024, 11, 30)), m);

  PeriodCalendar q{Granularity::kQuarter, 1};
  EXPECT_EQ(q.Label(q.PeriodStart(m)), "2024-Q4");
  EXPECT_EQ(q.PeriodStart(m), MakeMonth(2024, 10));
  // A fiscal year starting in February: Feb 2024 – Jan 2025 is fiscal 2025.
  PeriodCalendar fq{Granularity::kQuarter, 2};
  EXPECT_EQ(fq.Label(fq.PeriodStart(MakeMonth(2024, 2))), "2025-Q1");
  EXPECT_EQ(fq.Label(fq.PeriodStart(MakeMonth(2025, 1))), "2025-Q4");
  PeriodCalendar fy{Granularity::kYear, 2};
  EXPECT_EQ(fy.Label(fy.PeriodStart(MakeMonth(2024, 1))), "2024");
}

// Quarters of a fiscal year starting in February: Nov–Jan is one quarter, Feb–Apr the next.
TEST(DateTest, PeriodOfDayCountsPeriodsFromTheFirst) {
  const PeriodCalendar cal{Granularity::kQuarter, 2};
  const Month first = cal.PeriodStart(MonthOfDay(*ParseDate("2024-12-15")));  // 2024-11
  const PeriodOfDay period(cal, first, *ParseDate("2024-12-15"), *ParseDate("2025-05-01"));
  EXPECT_EQ(period(*ParseDate("2024-12-15")), 0u);
  EXPECT_EQ(period(*ParseDate("2025-01-31")), 0u);
  EXPECT_EQ(period(*ParseDate("2025-02-01")), 1u);
  EXPECT_EQ(period(*ParseDate("2025-04-30")), 1u);
  EXPECT_EQ(period(*ParseDate("2025-05-01")), 2u);
  EXPECT_EQ(period.last(), 2u);
}

}  // namespace
}  // namespace flywheel
