#include "pipeline/pipeline_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "output/report_writer.h"
#include "testing/blank_account.h"

namespace flywheel {
namespace {

Day D(const char* s) { return *ParseDate(s); }

void AddAccount(Dataset& d, const std::string& id, const std::string& segment) {
  AppendBlankAccount(&d.accounts, id, id, d.dict.Intern(segment));
}

void AddOpp(Dataset& d, const std::string& id, const std::string& account, OpportunityType type,
            const char* created, const char* closed, OpportunityStatus status, double amount,
            const std::string& stage = "", const char* expected = nullptr) {
  Opportunities& o = d.opportunities;
  o.id.push_back(id);
  o.IndexLast();
  o.account.push_back(d.accounts.Find(account));
  o.type.push_back(type);
  o.created_at.push_back(D(created));
  o.closed_at.push_back(closed ? D(closed) : kNullDay);
  o.status.push_back(status);
  o.amount.push_back(amount);
  o.currency.push_back(kNullCode);
  o.stage.push_back(d.dict.Intern(stage));
  o.owner.push_back(kNullCode);
  o.lost_reason.push_back(kNullCode);
  o.program.push_back(kNullCode);
  o.expected_close.push_back(expected ? D(expected) : kNullDay);
  o.forecast_category.push_back(-1);
}

void AddLead(Dataset& d, const std::string& id, const std::string& account, const char* qualified,
             const std::string& segment = "") {
  d.leads.id.push_back(id);
  d.leads.account.push_back(account.empty() ? kNoAccount : d.accounts.Find(account));
  d.leads.created_at.push_back(D("2025-01-01"));
  d.leads.qualified_at.push_back(qualified ? D(qualified) : kNullDay);
  d.leads.channel.push_back(kNullCode);
  d.leads.segment.push_back(d.dict.Intern(segment));
}

void AddSpend(Dataset& d, const char* month, SpendCategory c, double amount,
              const std::string& segment = "") {
  d.spend.month.push_back(*ParseMonth(month));
  d.spend.category.push_back(c);
  d.spend.amount.push_back(amount);
  d.spend.segment.push_back(d.dict.Intern(segment));
}

void SetPresent(Dataset& d, Table t) { d.present[static_cast<int>(t)] = true; }

using T = OpportunityType;
using S = OpportunityStatus;

// The worked example of every test below (as of 2025-02-28, monthly):
//   O1 A1 smb new  created 01-05 won  01-15  1000   cycle 10
//   O2 A1 smb new  created 01-10 lost 01-30  3000   (cycle 20 when lost deals count)
//   O3 A2 ent new  created 01-20 won  01-20  2000   cycle 0 (won the day it was created)
//   O4 A2 ent new  created 01-02 won  01-31   600   cycle 29
//   O5 A1 smb exp  created 01-03 open "Demo"  500
//   O6 A2 ent new  created 02-01 open "Proposal" 4000, expected close 02-20
//   O7 A3 (none) renewal created 01-04 won 01-05 9999 (renewals are not pipeline)
Dataset Example() {
  Dataset d;
  AddAccount(d, "A1", "smb");
  AddAccount(d, "A2", "ent");
  AddAccount(d, "A3", "");
  AddOpp(d, "O1", "A1", T::kNew, "2025-01-05", "2025-01-15", S::kWon, 1000);
  AddOpp(d, "O2", "A1", T::kNew, "2025-01-10", "2025-01-30", S::kLost, 3000);
  AddOpp(d, "O3", "A2", T::kNew, "2025-01-20", "2025-01-20", S::kWon, 2000);
  AddOpp(d, "O4", "A2", T::kNew, "2025-01-02", "2025-01-31", S::kWon, 600);
  AddOpp(d, "O5", "A1", T::kExpansion, "2025-01-03", nullptr, S::kOpen, 500, "Demo");
  AddOpp(d, "O6", "A2", T::kNew, "2025-02-01", nullptr, S::kOpen, 4000, "Proposal", "2025-02-20");
  AddOpp(d, "O7", "A3", T::kRenewal, "2025-01-04", "2025-01-05", S::kWon, 9999);
  // Leads: Jan all 2 (L1 smb, L2 no account but own segment ent); Feb all 3 (L3 no account
  // and no segment -> unassigned, L4 ent, L5 account smb overridden to ent); L6 never.
  AddLead(d, "L1", "A1", "2025-01-10");
  AddLead(d, "L2", "", "2025-01-12", "ent");
  AddLead(d, "L3", "", "2025-02-03");
  AddLead(d, "L4", "A2", "2025-02-05");
  AddLead(d, "L5", "A1", "2025-02-06", "ent");
  AddLead(d, "L6", "A1", nullptr);
  AddSpend(d, "2025-01", SpendCategory::kMarketing, 1000);
  AddSpend(d, "2025-01", SpendCategory::kSales, 2000);
  AddSpend(d, "2025-01", SpendCategory::kProduct, 999);
  AddSpend(d, "2025-02", SpendCategory::kMarketing, 300, "ent");
  for (Table t : {Table::kAccounts, Table::kOpportunities, Table::kLeads, Table::kSpend}) SetPresent(d, t);
  return d;
}

PipelineOptions Options(const std::string& segment_by = "") {
  PipelineOptions o;
  o.as_of = D("2025-02-28");
  o.segment_by = segment_by;
  return o;
}

// The cell of column `name` in the row (period, segment); fails the test when absent.
Cell Get(const Report& r, const std::string& period, const std::string& segment, const std::string& name) {
  size_t col = 0;
  while (col < r.columns.size() && r.columns[col].name != name) ++col;
  EXPECT_LT(col, r.columns.size()) << name;
  for (const auto& row : r.rows) {
    if (std::get<std::string>(row[0]) == period && std::get<std::string>(row[1]) == segment) return row[col];
  }
  ADD_FAILURE() << "no row " << period << " " << segment;
  return {};
}
double Num(const Cell& c) {
  if (auto* i = std::get_if<int64_t>(&c)) return static_cast<double>(*i);
  if (auto* d = std::get_if<double>(&c)) return *d;
  ADD_FAILURE() << "null cell";
  return NAN;
}
bool IsNullCell(const Cell& c) { return std::holds_alternative<std::monostate>(c); }

TEST(PipelineReportTest, WinRatesByCountAndValue) {
  Dataset d = Example();
  auto r = ComputePipeline(d, Settings{}, Options());
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Report& rep = r->report;
  // Jan: new won O1, O3, O4 (3), lost O2 (1): 3 / 4 = 0.75; value (1000 + 2000 + 600) / 6600.
  EXPECT_EQ(Num(Get(rep, "2025-01", "all", "won_new")), 3);
  EXPECT_DOUBLE_EQ(Num(Get(rep, "2025-01", "all", "win_rate_new")), 0.75);
  EXPECT_DOUBLE_EQ(Num(Get(rep, "2025-01", "all", "win_rate_new_value")), 3600.0 / 6600.0);
  // No expansion deal closed in Jan, none at all in Feb: null, not 0.
  EXPECT_TRUE(IsNullCell(Get(rep, "2025-01", "all", "win_rate_expansion")));
  EXPECT_TRUE(IsNullCell(Get(rep, "2025-01", "all", "win_rate_expansion_value")));
  EXPECT_TRUE(IsNullCell(Get(rep, "2025-02", "all", "win_rate_new")));
}

TEST(PipelineReportTest, SalesCycleIncludesSameDayWin) {
  auto r = ComputePipeline(Example(), Settings{}, Options());
  ASSERT_TRUE(r.ok());
  // Won new cycles in Jan: 10, 0, 29 -> sorted 0 10 29: median 10, mean 13,
  // p75 h = 1.5 -> 10 + 0.5·19 = 19.5, p90 h = 1.8 -> 10 + 0.8·19 = 25.2.
  EXPECT_DOUBLE_EQ(Num(Get(r->report, "2025-01", "all", "sales_cycle_median_days")), 10);
  EXPECT_DOUBLE_EQ(Num(Get(r->report, "2025-01", "all", "sales_cycle_mean_days")), 13);
  EXPECT_DOUBLE_EQ(Num(Get(r->report, "2025-01", "all", "sales_cycle_p75_days")), 19.5);
  EXPECT_DOUBLE_EQ(Num(Get(r->report, "2025-01", "all", "sales_cycle_p90_days")), 25.2);
  EXPECT_TRUE(IsNullCell(Get(r->report, "2025-01", "all", "expansion_cycle_median_days")));
  // Segment ent: O3 (0) and O4 (29): even count, median = (0 + 29) / 2.
  auto s = ComputePipeline(Example(), Settings{}, Options("segment"));
  ASSERT_TRUE(s.ok());
  EXPECT_DOUBLE_EQ(Num(Get(s->report, "2025-01", "ent", "sales_cycle_median_days")), 14.5);
}

TEST(PipelineReportTest, CycleOverClosedDeals) {
  PipelineOptions o = Options();
  o.cycle_over = CycleOver::kClosed;
  auto r = ComputePipeline(Example(), Settings{}, o);
  ASSERT_TRUE(r.ok());
  // 10, 20 (lost O2), 0, 29 -> median (10 + 20) / 2 = 15, mean 59 / 4 = 14.75.
  EXPECT_DOUBLE_EQ(Num(Get(r->report, "2025-01", "all", "sales_cycle_median_days")), 15);
  EXPECT_DOUBLE_EQ(Num(Get(r->report, "2025-01", "all", "sales_cycle_mean_days")), 14.75);
}

TEST(PipelineReportTest, VelocityAndPipelineGenerated) {
  auto r = ComputePipeline(Example(), Settings{}, Options());
  ASSERT_TRUE(r.ok());
  // Jan: 4 new deals created × 0.75 × average won 3600 / 3 = 1200 / mean cycle 13 = 3600 / 13.
  EXPECT_DOUBLE_EQ(Num(Get(r->report, "2025-01", "all", "sales_velocity_new")), 3600.0 / 13.0);
  EXPECT_DOUBLE_EQ(Num(Get(r->report, "2025-01", "all", "sales_velocity_new_per_month")),
                   3600.0 / 13.0 * 30.4375);
  EXPECT_TRUE(IsNullCell(Get(r->report, "2025-01", "all", "sales_velocity_expansion")));
  // 1000 + 3000 + 2000 + 600 + 500 (expansion); the renewal O7 is not pipeline.
  EXPECT_DOUBLE_EQ(Num(Get(r->report, "2025-01", "all", "pipeline_generated")), 7100);
  EXPECT_DOUBLE_EQ(Num(Get(r->report, "2025-02", "all", "pipeline_generated")), 4000);
  // Variant: deals open at the end of Jan: none of the new ones (all closed by 01-31) -> 0.
  PipelineOptions o = Options();
  o.velocity_opportunities = VelocityOpportunities::kOpen;
  auto v = ComputePipeline(Example(), Settings{}, o);
  ASSERT_TRUE(v.ok());
  EXPECT_DOUBLE_EQ(Num(Get(v->report, "2025-01", "all", "sales_velocity_new")), 0);
}

TEST(PipelineReportTest, QualifiedLeadsLvrAndLeadSegments) {
  auto r = ComputePipeline(Example(), Settings{}, Options("segment"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  const Report& rep = r->report;
  EXPECT_EQ(Num(Get(rep, "2025-01", "all", "qualified_leads")), 2);
  EXPECT_EQ(Num(Get(rep, "2025-02", "all", "qualified_leads")), 3);
  EXPECT_TRUE(IsNullCell(Get(rep, "2025-01", "all", "lvr")));        // no previous period
  EXPECT_DOUBLE_EQ(Num(Get(rep, "2025-02", "all", "lvr")), 0.5);     // 3 / 2 − 1
  EXPECT_EQ(Num(Get(rep, "2025-01", "ent", "qualified_leads")), 1);  // L2: own segment, no account
  EXPECT_EQ(Num(Get(rep, "2025-02", "ent", "qualified_leads")), 2);  // L4, and L5 overriding smb
  EXPECT_EQ(Num(Get(rep, "2025-02", "smb", "qualified_leads")), 0);
  EXPECT_DOUBLE_EQ(Num(Get(rep, "2025-02", "smb", "lvr")), -1);             // 0 / 1 − 1
  EXPECT_EQ(Num(Get(rep, "2025-02", "unassigned", "qualified_leads")), 1);  // L3
  EXPECT_DOUBLE_EQ(Num(Get(rep, "2025-01", "smb", "win_rate_new")), 0.5);
  EXPECT_DOUBLE_EQ(Num(Get(rep, "2025-01", "smb", "win_rate_new_value")), 0.25);  // 1000 / 4000
}

TEST(PipelineReportTest, SpendMetricsIncludingZeroSpend) {
  auto r = ComputePipeline(Example(), Settings{}, Options("segment"));
  ASSERT_TRUE(r.ok());
  const Report& rep = r->report;
  // Jan all: (1000 + 2000) / 7100; cost per SQL 1000 / 2 (product spend ignored).
  EXPECT_DOUBLE_EQ(Num(Get(rep, "2025-01", "all", "cost_per_pipeline_dollar")), 3000.0 / 7100.0);
  EXPECT_DOUBLE_EQ(Num(Get(rep, "2025-01", "all", "cost_per_sql")), 500);
  // Feb ent: 300 attributed marketing / pipeline 4000 and / 2 QL.
  EXPECT_DOUBLE_EQ(Num(Get(rep, "2025-02", "ent", "cost_per_pipeline_dollar")), 0.075);
  EXPECT_DOUBLE_EQ(Num(Get(rep, "2025-02", "ent", "cost_per_sql")), 150);
  // Jan smb: no spend of its own -> 0 per pipeline dollar (4500 pipeline), 0 per SQL (1 QL).
  EXPECT_DOUBLE_EQ(Num(Get(rep, "2025-01", "smb", "cost_per_pipeline_dollar")), 0);
  EXPECT_DOUBLE_EQ(Num(Get(rep, "2025-01", "smb", "cost_per_sql")), 0);
  // Feb smb: no pipeline and no QL -> null, not 0.
  EXPECT_TRUE(IsNullCell(Get(rep, "2025-02", "smb", "cost_per_pipeline_dollar")));
  EXPECT_TRUE(IsNullCell(Get(rep, "2025-02", "smb", "cost_per_sql")));
}

TEST(PipelineReportTest, MissingLeadsAndSpendGiveNullsAndNotes) {
  Dataset d = Example();
  d.present[static_cast<int>(Table::kLeads)] = false;
  d.present[static_cast<int>(Table::kSpend)] = false;
  auto r = ComputePipeline(d, Settings{}, Options());
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(IsNullCell(Get(r->report, "2025-01", "all", "qualified_leads")));
  EXPECT_TRUE(IsNullCell(Get(r->report, "2025-01", "all", "cost_per_pipeline_dollar")));
  const auto& notes = r->report.notes;
  EXPECT_NE(std::find(notes.begin(), notes.end(),
                      "qualified leads, LVR and cost per SQL need leads.csv: not available"),
            notes.end());
  EXPECT_NE(std::find(notes.begin(), notes.end(),
                      "spend, cost per pipeline dollar and cost per SQL need spend.csv: not available"),
            notes.end());
}

TEST(PipelineReportTest, MissingOpportunitiesIsAnError) {
  Dataset d = Example();
  d.present[static_cast<int>(Table::kOpportunities)] = false;
  auto r = ComputePipeline(d, Settings{}, Options());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kBadData);
  EXPECT_EQ(r.status().message(), "pipeline needs opportunities.csv");
}

TEST(PipelineReportTest, UnknownSegmentAttributeAndValue) {
  auto r = ComputePipeline(Example(), Settings{}, Options("segmnt"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(
      r.status().message(),
      "--segment-by: unknown attribute 'segmnt' (expected segment, industry, country, region, source or an "
      "attr_* column), did you mean 'segment'?");
  PipelineOptions o = Options("segment");
  o.segment = "entt";
  auto s = ComputePipeline(Example(), Settings{}, o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "--segment: no segment named 'entt', did you mean 'ent'?");
}

TEST(PipelineReportTest, CoverageAgainstTarget) {
  Settings settings;
  settings.pipeline_target = 10000;
  auto r = ComputePipeline(Example(), settings, Options());
  ASSERT_TRUE(r.ok());
  // Feb (the as-of period): open new O6 4000 due 02-20; nothing won yet -> 4000 / 10000.
  EXPECT_DOUBLE_EQ(Num(Get(r->report, "2025-02", "all", "open_pipeline")), 4000);
  EXPECT_DOUBLE_EQ(Num(Get(r->report, "2025-02", "all", "pipeline_coverage")), 0.4);
  EXPECT_TRUE(IsNullCell(Get(r->report, "2025-02", "all", "coverage_needed")));    // no closed deal in Feb
  EXPECT_TRUE(IsNullCell(Get(r->report, "2025-01", "all", "pipeline_coverage")));  // past period
}

TEST(PipelineReportTest, OpenDealAgeingByStage) {
  auto r = ComputePipeline(Example(), Settings{}, Options());
  ASSERT_TRUE(r.ok());
  const Report& ag = r->ageing;
  ASSERT_EQ(ag.rows.size(), 2u);
  // Sorted by stage: Demo (O5, 01-03 -> 02-28 = 56 days, 500), Proposal (O6, 27 days, 4000).
  EXPECT_EQ(std::get<std::string>(ag.rows[0][0]), "Demo");
  EXPECT_EQ(Num(ag.rows[0][1]), 1);
  EXPECT_DOUBLE_EQ(Num(ag.rows[0][2]), 500);
  EXPECT_DOUBLE_EQ(Num(ag.rows[0][3]), 56);
  EXPECT_EQ(std::get<std::string>(ag.rows[1][0]), "Proposal");
  EXPECT_DOUBLE_EQ(Num(ag.rows[1][3]), 27);
  // The JSON member as the report's writer puts it out (whole numbers as integers).
  ASSERT_EQ(r->report.json_extra.size(), 1u);
  EXPECT_EQ(
      nlohmann::ordered_json::parse(RenderJson(r->report)).at("ageing").dump(),
      "[{\"stage\":\"Demo\",\"deals\":1,\"amount\":500,\"age_median_days\":56,\"age_mean_days\":56},"
      "{\"stage\":\"Proposal\",\"deals\":1,\"amount\":4000,\"age_median_days\":27,\"age_mean_days\":27}]");
}

}  // namespace
}  // namespace flywheel
