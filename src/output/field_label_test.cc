#include "output/field_label.h"

#include <gtest/gtest.h>

namespace flywheel {
namespace {

TEST(FieldLabelTest, KnownFieldsHaveTheirWords) {
  EXPECT_EQ(FieldLabel("mrr_growth_yoy"), "MRR growth YoY");
  EXPECT_EQ(FieldLabel("net_new_mrr"), "Net new MRR");
  EXPECT_EQ(FieldLabel("fx_impact_mrr"), "FX impact MRR");
}

TEST(FieldLabelTest, OtherFieldsAreTheirNameInWords) {
  EXPECT_EQ(FieldLabel("cost_per_sql"), "Cost per SQL");
  EXPECT_EQ(FieldLabel("age_3"), "Age 3");
  EXPECT_EQ(FieldLabel("opportunity_id"), "Opportunity ID");
  EXPECT_EQ(FieldLabel(""), "");
}

}  // namespace
}  // namespace flywheel
