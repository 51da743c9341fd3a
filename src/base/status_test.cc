#include "base/status.h"

#include <gtest/gtest.h>

#include <string>

namespace flywheel {
namespace {

Result<int> Parse(bool good) {
  if (!good) return Status::BadData("accounts.csv:3: mrr: not a number");
  return 42;
}

TEST(Result, GivesItsValueOrItsStatus) {
  Result<int> good = Parse(true);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 42);
  EXPECT_EQ(good.value(), 42);
  Result<int> bad = Parse(false);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kBadData);
  EXPECT_EQ(bad.status().ExitCode(), 1);
}

TEST(Result, MovesItsValueOut) {
  Result<std::string> r = std::string(100, 'x');
  std::string taken = std::move(r).value();
  EXPECT_EQ(taken.size(), 100u);
}

// Reading the value of a failed result is a bug in the caller: the process stops with the
// error's message instead of reading an empty optional.
TEST(ResultDeathTest, ReadingTheValueOfAFailureStops) {
  Result<int> bad = Parse(false);
  EXPECT_DEATH(
      (void)*bad,
      "flywheel: internal error: the value of a failed result was read: accounts.csv:3: mrr: not a number");
  EXPECT_DEATH((void)bad.value(), "internal error");
  Result<std::string> text = Status::Io("disk full");
  EXPECT_DEATH((void)text->size(), "failed result was read: disk full");
}

}  // namespace
}  // namespace flywheel
