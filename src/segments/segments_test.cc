// The segmentation module on four accounts worked by hand: A1 smb, A2 enterprise, A3 without a
// segment, A4 smb; a custom attribute attr_tier (gold, -, gold, silver).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "segments/account_segments.h"
#include "segments/segmenter.h"
#include "testing/blank_account.h"

namespace flywheel {
namespace {

using Names = std::vector<std::string>;
using Numbers = std::vector<uint32_t>;

class SegmentsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Accounts& a = data_.accounts;
    a.attribute_names = {"attr_tier"};
    a.attributes.resize(1);
    const Code smb = data_.dict.Intern("smb"), enterprise = data_.dict.Intern("enterprise");
    const Code gold = data_.dict.Intern("gold"), silver = data_.dict.Intern("silver");
    AppendBlankAccount(&a, "A1", "", smb);
    AppendBlankAccount(&a, "A2", "", enterprise);
    AppendBlankAccount(&a, "A3");
    AppendBlankAccount(&a, "A4", "", smb);
    a.attributes[0] = {gold, kNullCode, gold, silver};
  }
  Dataset data_;
};

TEST_F(SegmentsTest, GroupsAccountsByValueWithEmptyAsUnassignedLast) {
  auto s = SegmentAccounts(data_, "segment");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s.value().values, (Names{"enterprise", "smb", "unassigned"}));
  EXPECT_EQ(s.value().of_account, (std::vector<int32_t>{1, 0, 2, 1}));
  auto smb = s.value().AccountsOf(1);
  EXPECT_EQ(std::vector<AccountIndex>(smb.begin(), smb.end()), (std::vector<AccountIndex>{0, 3}));
  auto unassigned = s.value().AccountsOf(2);
  EXPECT_EQ(std::vector<AccountIndex>(unassigned.begin(), unassigned.end()), (std::vector<AccountIndex>{2}));

  auto tier = SegmentAccounts(data_, "attr_tier");
  ASSERT_TRUE(tier.ok());
  EXPECT_EQ(tier.value().values, (Names{"gold", "silver", "unassigned"}));
  EXPECT_EQ(tier.value().of_account, (std::vector<int32_t>{0, 2, 0, 1}));
}

TEST_F(SegmentsTest, NamesTheAttributesAndRejectsAnUnknownOne) {
  EXPECT_EQ(SegmentAttributes(data_),
            (Names{"segment", "industry", "country", "region", "source", "attr_tier"}));
  auto s = SegmentAccounts(data_, "segmnet");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(),
            "--segment-by: unknown attribute 'segmnet' (expected segment, industry, country, region, source "
            "or an attr_* column), did you mean 'segment'?");
}

TEST_F(SegmentsTest, SegmenterPutsEveryAccountInAllAndItsValue) {
  auto made = Segmenter::Make(data_, "segment", "", "");
  ASSERT_TRUE(made.ok());
  const Segmenter& s = made.value();
  EXPECT_EQ(s.AllSegments(), (Names{"all", "enterprise", "smb", "unassigned"}));
  EXPECT_EQ(s.ForAccount(0), (Names{"all", "smb"}));
  EXPECT_EQ(s.ForAccount(2), (Names{"all", "unassigned"}));
  EXPECT_EQ(s.ValueOf(1), "enterprise");
  // A lead without account carries its own segment, which may name a value no account has.
  EXPECT_EQ(s.ForLead(data_.dict.Intern("mid-market")), (Names{"all", "mid-market"}));
  EXPECT_EQ(s.ForLead(kNullCode), (Names{"all", "unassigned"}));

  const SegmentNumbers n = s.Numbers();
  EXPECT_EQ(n.names, (Names{"all", "enterprise", "smb", "unassigned"}));
  ASSERT_EQ(n.of_value.size(), 3u);
  EXPECT_EQ(n.of_value[s.ValueNumber(0)], (Numbers{0, 2}));
  EXPECT_EQ(n.of_value[s.ValueNumber(2)], (Numbers{0, 3}));

  LeadSegmentNumbers leads(s, n, data_.dict.size());
  EXPECT_EQ(leads.Of(data_.dict.Find("smb").value_or(kNullCode)), (Numbers{0, 2}));
  EXPECT_EQ(leads.Of(data_.dict.Intern("mid-market")), (Numbers{0}));  // no rows of its own
  EXPECT_EQ(leads.Of(kNullCode), (Numbers{0, 3}));
}

TEST_F(SegmentsTest, AFilterKeepsOneValueOfTheDefaultAttribute) {
  auto made = Segmenter::Make(data_, "", "smb", "segment");
  ASSERT_TRUE(made.ok());
  const Segmenter& s = made.value();
  EXPECT_EQ(s.attribute(), "segment");
  EXPECT_EQ(s.AllSegments(), (Names{"smb"}));
  EXPECT_EQ(s.ForAccount(0), (Names{"smb"}));
  EXPECT_EQ(s.ForAccount(1), (Names{}));
  EXPECT_EQ(s.Numbers().names, (Names{"smb"}));
}

TEST_F(SegmentsTest, NoAttributeMeansTheWholeCompanyOnly) {
  auto made = Segmenter::Make(data_, "", "", "segment");
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made.value().AllSegments(), (Names{"all"}));
  EXPECT_EQ(made.value().ForAccount(3), (Names{"all"}));
  EXPECT_EQ(made.value().value_count(), 1u);
}

}  // namespace
}  // namespace flywheel
