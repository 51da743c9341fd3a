#include "pipeline/pipeline_segments.h"

#include <gtest/gtest.h>

#include "testing/blank_account.h"

namespace flywheel {
namespace {

// Accounts A1 smb (industry saas), A2 ent, A3 without segment; leads L1 of A1 with its own segment "mid" (a
// value no account has), L2 of A2 without one.
Dataset Example() {
  Dataset d;
  AppendBlankAccount(&d.accounts, "A1", "A1", d.dict.Intern("smb"));
  d.accounts.industry[0] = d.dict.Intern("saas");
  AppendBlankAccount(&d.accounts, "A2", "A2", d.dict.Intern("ent"));
  AppendBlankAccount(&d.accounts, "A3", "A3", kNullCode);
  d.leads.account = {0, 1};
  d.leads.segment = {d.dict.Intern("mid"), kNullCode};
  d.leads.qualified_at = {kNullDay, kNullDay};
  d.present[static_cast<int>(Table::kLeads)] = true;
  return d;
}

std::vector<std::string> Names(const PipelineSegments& s) {
  std::vector<std::string> out;
  for (int g : s.order) out.push_back(s.names[static_cast<size_t>(g)]);
  return out;
}

TEST(PipelineSegmentsTest, WithoutAttributeOnlyAll) {
  auto s = MakePipelineSegments(Example(), "");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Names(*s), (std::vector<std::string>{"all"}));
  EXPECT_FALSE(s->segmented());
  EXPECT_EQ(s->OfAccount(0), -1);
  EXPECT_EQ(s->OfLead(kNullCode, 0), -1);
  EXPECT_EQ(s->OfSpend(kNullCode), -1);
}

TEST(PipelineSegmentsTest, LeadValuesSortedInAndUnassignedLast) {
  const Dataset d = Example();
  auto s = MakePipelineSegments(d, "segment");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(Names(*s), (std::vector<std::string>{"all", "ent", "mid", "smb", "unassigned"}));
  auto group = [&](const char* name) {
    for (size_t g = 0; g < s->names.size(); ++g)
      if (s->names[g] == name) return static_cast<int>(g);
    return -2;
  };
  EXPECT_EQ(s->OfAccount(0), group("smb"));
  EXPECT_EQ(s->OfAccount(2), group("unassigned"));
  EXPECT_EQ(s->OfAccount(kNoAccount), group("unassigned"));
  EXPECT_EQ(s->OfLead(*d.dict.Find("mid"), 0), group("mid"));  // its own segment wins
  EXPECT_EQ(s->OfLead(kNullCode, 1), group("ent"));            // else its account's
  EXPECT_EQ(s->OfSpend(*d.dict.Find("ent")), group("ent"));
  EXPECT_EQ(s->OfSpend(*d.dict.Find("saas")), -1);  // not a segment: "all" only
  EXPECT_EQ(s->OfSpend(kNullCode), -1);             // shared spend
}

TEST(PipelineSegmentsTest, UnassignedEvenWhenEveryAccountHasAValue) {
  auto s = MakePipelineSegments(Example(), "industry");
  ASSERT_TRUE(s.ok());
  // Leads' own segments count only when cutting by segment.
  EXPECT_EQ(Names(*s), (std::vector<std::string>{"all", "saas", "unassigned"}));
  EXPECT_EQ(s->OfLead(Example().dict.Find("mid").value_or(kNullCode), 1), s->unassigned);
}

TEST(PipelineSegmentsTest, ShownGroups) {
  const Dataset d = Example();
  auto s = MakePipelineSegments(d, "segment");
  ASSERT_TRUE(s.ok());
  auto every = ShownGroups(*s, "segment", "");
  ASSERT_TRUE(every.ok());
  EXPECT_EQ(*every, s->order);
  auto one = ShownGroups(*s, "segment", "unassigned");
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(*one, std::vector<int>{s->unassigned});
  auto typo = ShownGroups(*s, "segment", "smbb");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.status().message(), "--segment: no segment named 'smbb', did you mean 'smb'?");
  auto plain = MakePipelineSegments(d, "");
  ASSERT_TRUE(plain.ok());
  auto no_attribute = ShownGroups(*plain, "", "smb");
  ASSERT_FALSE(no_attribute.ok());
  EXPECT_EQ(no_attribute.status().message(), "--segment needs --segment-by");
}

}  // namespace
}  // namespace flywheel
