// The canonical schema: its enum words are the model's, its keys and references are
// consistent, and docs/DATA.md's table of columns is the schema's, row for row.
#include "model/schema.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace flywheel {
namespace {

std::string SourceDir() {
  const char* d = std::getenv("FLYWHEEL_SOURCE_DIR");
  return d ? d : FLYWHEEL_TEST_SOURCE_DIR;
}

// The "values" cell of a column in docs/DATA.md.
std::string ValuesCell(const CanonicalColumn& c) {
  std::vector<std::string> parts;
  if (c.key) parts.push_back("primary key");
  if (c.references) parts.push_back("key of " + std::string(TableName(*c.references)));
  if (!c.enum_values.empty()) {
    std::string words;
    for (std::string_view w : c.enum_values) words += (words.empty() ? "" : ", ") + std::string(w);
    parts.push_back(words);
  }
  if (!c.default_value.empty()) parts.push_back("default " + std::string(c.default_value));
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

// docs/DATA.md's table of columns as the schema makes it.
std::string ColumnTable() {
  std::string out = "| table | column | type | required | values |\n|---|---|---|---|---|\n";
  for (int t = 0; t < kTableCount; ++t) {
    for (const CanonicalColumn& c : CanonicalColumns(static_cast<Table>(t))) {
      out += "| " + std::string(TableName(static_cast<Table>(t))) + " | `" + std::string(c.name) + "` | " +
             std::string(FieldTypeName(c.type)) + " | " + (c.required ? "yes" : "") + " | " + ValuesCell(c) +
             " |\n";
    }
  }
  return out;
}

// The lines of `text` between the marker lines `begin` and `end`.
std::string Between(const std::string& text, const std::string& begin, const std::string& end) {
  const size_t b = text.find(begin + "\n");
  const size_t e = text.find(end + "\n");
  if (b == std::string::npos || e == std::string::npos || e < b) return "";
  return text.substr(b + begin.size() + 1, e - b - begin.size() - 1);
}

TEST(SchemaTest, DataDocumentationListsTheSchemaColumns) {
  std::ifstream in(SourceDir() + "/docs/DATA.md");
  ASSERT_TRUE(in) << "docs/DATA.md";
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(Between(text.str(), "<!-- columns: begin -->", "<!-- columns: end -->"), ColumnTable())
      << "docs/DATA.md's table of columns differs from the schema (src/model/schema.cc); the table "
         "above, between the markers, is the current one";
}

TEST(SchemaTest, EnumWordsAreTheModelsNames) {
  const auto words = [](Table t, std::string_view column) {
    const CanonicalColumn* c = FindCanonicalColumn(t, column);
    EXPECT_NE(c, nullptr) << column;
    return c ? std::vector<std::string_view>(c->enum_values.begin(), c->enum_values.end())
             : std::vector<std::string_view>();
  };
  EXPECT_EQ(words(Table::kContacts, "seniority")[4], SeniorityName(Seniority::kIndividual));
  EXPECT_EQ(words(Table::kOpportunities, "type")[2], OpportunityTypeName(OpportunityType::kRenewal));
  EXPECT_EQ(words(Table::kOpportunities, "status")[1], OpportunityStatusName(OpportunityStatus::kWon));
  EXPECT_EQ(words(Table::kOpportunityHistory, "status"), words(Table::kOpportunities, "status"));
  EXPECT_EQ(words(Table::kOpportunities, "forecast_category")[1],
            ForecastCategoryName(ForecastCategory::kBestCase));
  EXPECT_EQ(words(Table::kSubscriptions, "billing_period"),
            (std::vector<std::string_view>{BillingPeriodName(BillingPeriod::kMonth),
                                           BillingPeriodName(BillingPeriod::kQuarter),
                                           BillingPeriodName(BillingPeriod::kYear)}));
  EXPECT_EQ(words(Table::kSubscriptions, "revenue_type")[2], RevenueTypeName(RevenueType::kOneOff));
  EXPECT_EQ(words(Table::kTickets, "escalation")[3], EscalationName(Escalation::kExecutive));
  EXPECT_EQ(words(Table::kAdvocacy, "type")[1], AdvocacyTypeName(AdvocacyType::kCaseStudy));
  EXPECT_EQ(words(Table::kSpend, "category")[4], SpendCategoryName(SpendCategory::kGAndA));
  EXPECT_EQ(words(Table::kJourney, "stage").size(), static_cast<size_t>(kBowtieStageCount));
  EXPECT_EQ(words(Table::kJourney, "stage")[7], BowtieStageName(BowtieStage::kAdvocacy));
}

TEST(SchemaTest, KeysReferencesAndDefaultsAreConsistent) {
  const std::set<Table> keyed = {Table::kAccounts,      Table::kContacts,      Table::kLeads,
                                 Table::kOpportunities, Table::kSubscriptions, Table::kTickets};
  for (int i = 0; i < kTableCount; ++i) {
    const Table t = static_cast<Table>(i);
    SCOPED_TRACE(std::string(TableName(t)));
    const auto& columns = CanonicalColumns(t);
    ASSERT_FALSE(columns.empty());
    std::set<std::string_view> names;
    for (const CanonicalColumn& c : columns) {
      EXPECT_TRUE(names.insert(c.name).second) << c.name << " twice";
      EXPECT_EQ(FindCanonicalColumn(t, c.name), &c);
      EXPECT_EQ(c.type == FieldType::kEnum, !c.enum_values.empty()) << c.name;
      if (c.key || c.references) {
        EXPECT_EQ(c.type, FieldType::kId) << c.name;
      }
      // A referenced table has a key for the reference to name.
      if (c.references) {
        EXPECT_GE(KeyColumnIndex(*c.references), 0) << c.name;
      }
      if (c.type == FieldType::kEnum && !c.default_value.empty()) {
        bool known = false;
        for (std::string_view w : c.enum_values) known = known || w == c.default_value;
        EXPECT_TRUE(known) << c.name << " defaults to a word it does not have";
      }
    }
    EXPECT_EQ(KeyColumnIndex(t), keyed.count(t) ? 0 : -1);
    if (KeyColumnIndex(t) >= 0) {
      EXPECT_TRUE(columns[0].required);
    }
    EXPECT_EQ(TableFromName(TableName(t)), t);
  }
  EXPECT_EQ(TableFromName("subscription"), std::nullopt);
  EXPECT_EQ(CanonicalHeader(Table::kFx), "month,currency,rate");
  EXPECT_EQ(FindCanonicalColumn(Table::kFx, "amount"), nullptr);
}

}  // namespace
}  // namespace flywheel
