// Prospect prioritisation on a hand-worked data set (tests/golden/customers-prospects/data,
// as of 2024-12-31, default scorecard): each priority, exclusion and anti-profile, which
// opportunities and leads count, and amounts converted to the base currency.
//
// Default ICP rules: mid_size (50 <= employees < 5000) 40, solid_revenue (annual revenue >=
// 5,000,000) 20, champion 20, senior_buyer (top seniority c_level / vp / director) 20;
// Prio 1 at fit >= 70, Prio 2 at fit >= 40. Settings exclude country KP.
//   O1  P1  200 employees, 6 M revenue, VP champion: 40+20+20+20 = 100  Prio 1
//           10,000 EUR x 1.1 (fx.csv, 2024-12) = 11,000
//   O4  C1  150 employees, 8 M revenue: 40+20 = 60                       Prio 2
//           1,000 EUR x 1.1 = 1,100 (a customer's open expansion counts)
//   O2  P2  80 employees: 40                                             Prio 2, 5,000 (base)
//   L1  P4  public_sector, 300 employees: anti-profile, fit 40           disqualify
//   O3  P3  country KP, 100 employees: excluded, fit 40                  disqualify, 2,000 USD = base
//   L2  no account, segment smb, channel event: no rule matches, fit 0   disqualify
// Left out: O5 (created after the as-of date), O6 (won), L3 (its account C1 has ARR).
#include "customers/prospect_priority.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <tuple>
#include <vector>

#include "customers/account_measures.h"
#include "customers/scorecard.h"
#include "ingest/dataset_loader.h"
#include "output/json_number.h"
#include "output/report_writer.h"
#include "revenue/mrr_series.h"

#include <nlohmann/json.hpp>

namespace flywheel {
namespace {

class ProspectsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* src = std::getenv("FLYWHEEL_SOURCE_DIR");
    ASSERT_NE(src, nullptr) << "run through ctest (FLYWHEEL_SOURCE_DIR)";
    auto loaded = LoadDataDirectory(std::string(src) + "/tests/golden/customers-prospects/data");
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    data_ = std::move(loaded->dataset);
    settings_.excluded_countries = {"KP"};
  }

  Result<Report> Run(const std::string& as_of) {
    auto card = ParseScorecard(DefaultScorecardToml(), "scorecard.toml",
                               {{"excluded_countries", settings_.excluded_countries}});
    EXPECT_TRUE(card.ok()) << card.status().message();
    const Day day = *ParseDate(as_of);
    if (from_facts_) {  // the default card's rules test no measure: ARR and persona facts are enough
      EXPECT_FALSE(RulesReadMeasures(*card));
      auto series = ComputeMrr(data_, settings_, day);
      EXPECT_TRUE(series.ok()) << series.status().message();
      if (!series.ok()) return series.status();
      auto facts = ComputeAccountFacts(data_, *series, day);
      EXPECT_TRUE(facts.ok()) << facts.status().message();
      return ProspectsReport(data_, settings_, *card, *facts, day);
    }
    auto measures = ComputeAccountMeasures(data_, settings_, *card, day, /*all_accounts=*/true);
    EXPECT_TRUE(measures.ok()) << measures.status().message();
    return ProspectsReport(data_, settings_, *card, *measures, day);
  }

  bool from_facts_ = false;  // ProspectsReport from ComputeAccountFacts instead of the measures

  Dataset data_;
  Settings settings_;
};

std::string Text(const Cell& c) {
  return std::holds_alternative<std::string>(c) ? std::get<std::string>(c) : "<null>";
}
double Number(const Cell& c) {
  return std::holds_alternative<double>(c) ? std::get<double>(c) : std::nan("");
}
// The report gives its rows on demand; the writers and these tests read them with ForEachRow.
std::vector<std::vector<Cell>> Rows(const Report& r) {
  std::vector<std::vector<Cell>> rows;
  ForEachRow(r, [&rows](const std::vector<Cell>& row) { rows.push_back(row); });
  return rows;
}

// The JSON rows are the cells, member by member in the columns' order: null for a null
// cell, the text, or the number by the number rule.
void ExpectJsonRowsAsTheCells(const Report& r) {
  const auto rows = nlohmann::ordered_json::parse(RenderJson(r)).at("rows");
  const auto cells = Rows(r);
  ASSERT_EQ(rows.size(), cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    ASSERT_EQ(rows[i].size(), r.columns.size()) << i;
    size_t c = 0;
    for (const auto& [key, value] : rows[i].items()) {
      EXPECT_EQ(key, r.columns[c].name) << i;
      const Cell& cell = cells[i][c];
      if (std::holds_alternative<std::monostate>(cell)) {
        EXPECT_TRUE(value.is_null()) << i << " " << key;
      } else if (std::holds_alternative<std::string>(cell)) {
        EXPECT_EQ(value, std::get<std::string>(cell)) << i << " " << key;
      } else {
        EXPECT_EQ(value.get<double>(), OutputNumber(std::get<double>(cell))) << i << " " << key;
      }
      ++c;
    }
  }
}

TEST_F(ProspectsTest, PrioritiesAndAmountsInTheBaseCurrency) {
  for (bool from_facts : {false, true}) {
    SCOPED_TRACE(from_facts ? "from the facts" : "from the measures");
    from_facts_ = from_facts;
    auto r = Run("2024-12-31");
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_TRUE(r->rows.empty());  // no cells held: rows are written from the data set on demand
    ASSERT_EQ(RowCount(*r), 6u);
    const auto rows = Rows(*r);
    struct Expected {
      const char* kind;
      const char* id;
      const char* account;
      double fit;
      const char* priority;
      const char* rule;
      double amount;  // NaN: none (a lead)
    };
    const double none = std::nan("");
    const Expected expected[] = {
        {"opportunity", "O1", "P1", 100, "Prio 1", "<null>", 11000},
        {"opportunity", "O4", "C1", 60, "Prio 2", "<null>", 1100},
        {"opportunity", "O2", "P2", 40, "Prio 2", "<null>", 5000},
        {"lead", "L1", "P4", 40, "disqualify", "public_sector", none},
        {"opportunity", "O3", "P3", 40, "disqualify", "excluded_country", 2000},
        {"lead", "L2", "<null>", 0, "disqualify", "<null>", none},
    };
    for (size_t i = 0; i < 6; ++i) {
      SCOPED_TRACE(expected[i].id);
      const auto& row = rows[i];
      EXPECT_EQ(Text(row[0]), expected[i].kind);
      EXPECT_EQ(Text(row[1]), expected[i].id);
      EXPECT_EQ(Text(row[2]), expected[i].account);
      EXPECT_DOUBLE_EQ(Number(row[3]), expected[i].fit);
      EXPECT_EQ(Text(row[4]), expected[i].priority);
      EXPECT_EQ(Text(row[5]), expected[i].rule);
      if (std::isnan(expected[i].amount)) {
        EXPECT_TRUE(std::isnan(Number(row[6])));
      } else {
        EXPECT_NEAR(Number(row[6]), expected[i].amount, 1e-9);
      }
    }
    EXPECT_EQ(r->currency, "USD");
    EXPECT_EQ(r->notes[0], "Prio 1: 1, Prio 2: 2, disqualify: 3 (Prio 1 fit >= 70, Prio 2 fit >= 40)");
    ExpectJsonRowsAsTheCells(*r);
  }
}

// Ties of priority and fit are ordered by id, whether or not the file lists its ids in
// ascending order (when it does, the sort compares rows). Two more leads like L2 (no account,
// smb, event: fit 0, disqualify) join its tie: as L4 and L5 the leads file stays ascending and
// the order is L2, L4, L5; as L9 and L10 it is not (L10 < L9 as text), and the order is by
// id: L10, L2, L9. The three follow O3 (fit 40) as the last three rows.
TEST_F(ProspectsTest, TiesGoByIdInAnyFileOrder) {
  const std::string src =
      std::string(std::getenv("FLYWHEEL_SOURCE_DIR")) + "/tests/golden/customers-prospects/data";
  for (const auto& [first, second, expected] :
       {std::tuple<std::string, std::string, std::vector<std::string>>{"L4", "L5", {"L2", "L4", "L5"}},
        {"L9", "L10", {"L10", "L2", "L9"}}}) {
    SCOPED_TRACE(first + " " + second);
    const auto dir =
        std::filesystem::temp_directory_path() / ("flywheel_prospect_ties_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::copy(src, dir);
    {
      std::ofstream leads(dir / "leads.csv", std::ios::app);
      leads << first << ",,2024-12-11,,event,smb\n" << second << ",,2024-12-12,,event,smb\n";
    }
    auto loaded = LoadDataDirectory(dir.string());
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    data_ = std::move(loaded->dataset);
    for (bool from_facts : {false, true}) {
      from_facts_ = from_facts;
      auto r = Run("2024-12-31");
      ASSERT_TRUE(r.ok()) << r.status().message();
      const auto rows = Rows(*r);
      ASSERT_EQ(rows.size(), 8u);
      EXPECT_EQ(Text(rows[4][1]), "O3");
      EXPECT_EQ((std::vector<std::string>{Text(rows[5][1]), Text(rows[6][1]), Text(rows[7][1])}), expected);
      ExpectJsonRowsAsTheCells(*r);
    }
    std::filesystem::remove_all(dir);
  }
}

// A tie of a lead and an open deal goes by id across the two tables. A second lead of P4 (the
// public-sector anti-profile: fit 40, disqualify) ties with L1 and with O3 (fit 40, disqualify
// for its country: another rule, the same priority and fit). As O4a the leads file stays
// ascending and the lead's id sorts after O3's: L1, O3, O4a; as K1 it does not (K1 < L3):
// K1, L1, O3.
TEST_F(ProspectsTest, TiesOfLeadsAndDealsGoByIdAcrossTheTables) {
  const std::string src =
      std::string(std::getenv("FLYWHEEL_SOURCE_DIR")) + "/tests/golden/customers-prospects/data";
  for (const auto& [lead, expected] :
       {std::pair<std::string, std::vector<std::string>>{"O4a", {"L1", "O3", "O4a"}},
        {"K1", {"K1", "L1", "O3"}}}) {
    SCOPED_TRACE(lead);
    const auto dir =
        std::filesystem::temp_directory_path() / ("flywheel_prospect_kinds_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::copy(src, dir);
    {
      std::ofstream leads(dir / "leads.csv", std::ios::app);
      leads << lead << ",P4,2024-12-13,,event,\n";
    }
    auto loaded = LoadDataDirectory(dir.string());
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    data_ = std::move(loaded->dataset);
    for (bool from_facts : {false, true}) {
      from_facts_ = from_facts;
      auto r = Run("2024-12-31");
      ASSERT_TRUE(r.ok()) << r.status().message();
      const auto rows = Rows(*r);
      ASSERT_EQ(rows.size(), 7u);
      std::vector<std::string> ids;
      for (const auto& row : rows) ids.push_back(Text(row[1]));
      EXPECT_EQ(ids,
                (std::vector<std::string>{"O1", "O4", "O2", expected[0], expected[1], expected[2], "L2"}));
      for (size_t i = 3; i < 6; ++i) {
        EXPECT_EQ(Text(rows[i][4]), "disqualify");
        EXPECT_DOUBLE_EQ(Number(rows[i][3]), 40);
        EXPECT_EQ(Text(rows[i][5]), Text(rows[i][1]) == "O3" ? "excluded_country" : "public_sector");
      }
      ExpectJsonRowsAsTheCells(*r);
    }
    std::filesystem::remove_all(dir);
  }
}

// Facts suffice when the rules test attributes, ARR and persona facts; a rule on any other
// measure (tenure, NPS, the champion measure) needs the measures.
TEST(ProspectFactsTest, RulesReadMeasuresOnlyForMeasuresBeyondTheFacts) {
  auto card_with = [](const std::string& rule) {
    const std::string toml = std::string(DefaultScorecardToml()) +
                             "\n[[icp_rules]]\nname = \"extra\"\nrule = \"" + rule + "\"\npoints = 10\n";
    auto card = ParseScorecard(toml, "scorecard.toml", {});
    EXPECT_TRUE(card.ok()) << card.status().message();
    return *card;
  };
  EXPECT_FALSE(
      RulesReadMeasures(card_with("arr > 0 and has_decision_maker == 1 and country in [\\\"DE\\\"]")));
  EXPECT_TRUE(RulesReadMeasures(card_with("tenure_months >= 12")));
  EXPECT_TRUE(RulesReadMeasures(card_with("employees > 10 or not (nps >= 8)")));
  EXPECT_TRUE(RulesReadMeasures(card_with("champion == 1")));
}

TEST_F(ProspectsTest, PinnedRateBeatsTheFxTable) {
  settings_.pinned_rates["EUR"] = 1.25;  // fx.pinned: 10,000 x 1.25 = 12,500
  auto r = Run("2024-12-31");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const auto rows = Rows(*r);
  EXPECT_EQ(Text(rows[0][1]), "O1");
  EXPECT_NEAR(Number(rows[0][6]), 12500, 1e-9);
  EXPECT_NEAR(Number(rows[1][6]), 1250, 1e-9);  // O4: 1,000 x 1.25
}

TEST_F(ProspectsTest, RateOfTheAsOfMonth) {
  // As of 2024-11-30: O4 (created 2024-12-01) is not yet there; O1 at November's 1.05.
  auto r = Run("2024-11-30");
  ASSERT_TRUE(r.ok()) << r.status().message();
  const auto rows = Rows(*r);
  ASSERT_EQ(Text(rows[0][1]), "O1");
  EXPECT_NEAR(Number(rows[0][6]), 10500, 1e-9);
  for (const auto& row : rows) EXPECT_NE(Text(row[1]), "O4");
}

TEST_F(ProspectsTest, MissingRateIsAnError) {
  auto r = Run("2025-01-31");  // fx.csv has no EUR rate for 2025-01
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kBadData);
  EXPECT_EQ(r.status().message(), "fx.csv: no rate for EUR in 2025-01 (needed by opportunity O1)");
}

TEST(ProspectPriorityTest, Thresholds) {
  Scorecard card;  // prio1 70, prio2 40
  EXPECT_EQ(ProspectPriority(card, 70, false), "Prio 1");
  EXPECT_EQ(ProspectPriority(card, 69.99, false), "Prio 2");
  EXPECT_EQ(ProspectPriority(card, 40, false), "Prio 2");
  EXPECT_EQ(ProspectPriority(card, 39.99, false), "disqualify");
  EXPECT_EQ(ProspectPriority(card, 100, true), "disqualify");        // a matched exclusion or anti-profile
  EXPECT_EQ(ProspectPriority(card, std::nan(""), false), "Prio 2");  // no ICP rules
}

}  // namespace
}  // namespace flywheel
