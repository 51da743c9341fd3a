#include "output/field_direction.h"

#include <gtest/gtest.h>

namespace flywheel {
namespace {

TEST(FieldDirectionTest, GoodNewsIsNotAlwaysUp) {
  EXPECT_EQ(GoodDirectionOf("nrr"), GoodDirection::kHigher);
  EXPECT_EQ(GoodDirectionOf("win_rate_new"), GoodDirection::kHigher);
  EXPECT_EQ(GoodDirectionOf("churned_mrr"), GoodDirection::kLower);
  EXPECT_EQ(GoodDirectionOf("sales_cycle_median_days"), GoodDirection::kLower);
  EXPECT_EQ(GoodDirectionOf("ttv_median_days"), GoodDirection::kLower);
  EXPECT_EQ(GoodDirectionOf("cac_payback_months"), GoodDirection::kLower);
  EXPECT_EQ(GoodDirectionOf("friction"), GoodDirection::kLower);
}

TEST(FieldDirectionTest, NumberedFamilies) {
  EXPECT_EQ(GoodDirectionOf("age_0"), GoodDirection::kHigher);
  EXPECT_EQ(GoodDirectionOf("age_34"), GoodDirection::kHigher);
  EXPECT_EQ(GoodDirectionOf("within_30d_rate"), GoodDirection::kHigher);
  EXPECT_EQ(GoodDirectionOf("open_90d"), GoodDirection::kLower);
  EXPECT_EQ(GoodDirectionOf("open_pipeline"), GoodDirection::kHigher);  // a name, not the family
  EXPECT_EQ(GoodDirectionOf("age_"), GoodDirection::kNone);
  EXPECT_EQ(GoodDirectionOf("within_d_rate"), GoodDirection::kNone);
  EXPECT_EQ(GoodDirectionOf("open_d"), GoodDirection::kNone);
}

TEST(FieldDirectionTest, AmountsWithoutADirection) {
  EXPECT_EQ(GoodDirectionOf("fx_impact_mrr"), GoodDirection::kNone);
  EXPECT_EQ(GoodDirectionOf("sales_marketing_spend"), GoodDirection::kNone);
  EXPECT_EQ(GoodDirectionOf("segment"), GoodDirection::kNone);
  EXPECT_EQ(GoodDirectionName(GoodDirection::kNone), "");
  EXPECT_EQ(GoodDirectionName(GoodDirection::kHigher), "higher");
  EXPECT_EQ(GoodDirectionName(GoodDirection::kLower), "lower");
}

}  // namespace
}  // namespace flywheel
