#include "imports/mapping.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "imports/import_test_util.h"

namespace flywheel {
namespace {

using ::testing::ElementsAre;

std::string MappingError(std::string_view text) {
  auto m = ParseMapping(text, "my.toml");
  EXPECT_FALSE(m.ok());
  return m.ok() ? "" : m.status().message();
}

constexpr char kAccounts[] = "[[tables]]\ntarget = \"accounts\"\n[tables.columns]\naccount_id = \"Id\"\n";

TEST(MappingErrors, ExactMessages) {
  EXPECT_EQ(MappingError(std::string("nmae = \"x\"\n") + kAccounts),
            "my.toml:1: unknown key 'nmae', did you mean 'name'?");
  EXPECT_EQ(MappingError("[[tables]]\ntarget = \"acounts\"\n"),
            "my.toml:2: unknown table 'acounts', did you mean 'accounts'?");
  EXPECT_EQ(MappingError(
                "[[tables]]\ntarget = \"accounts\"\n[tables.columns]\naccount_id = \"Id\"\nnmae = \"N\"\n"),
            "my.toml:5: accounts has no column 'nmae', did you mean 'name'?");
  EXPECT_EQ(
      MappingError("[[tables]]\ntarget = \"accounts\"\n[tables.columns]\naccount_id = { colum = \"Id\" }\n"),
      "my.toml:4: unknown key 'colum' in accounts.account_id, did you mean 'column'?\n"
      "my.toml:4: accounts.account_id needs `column`, `value` or `derive`");
  EXPECT_EQ(
      MappingError("[[tables]]\ntarget = \"subscriptions\"\n[tables.columns]\nsubscription_id = \"id\"\n"),
      "my.toml:1: subscriptions: required column 'account_id' is not mapped\n"
      "my.toml:1: subscriptions: required column 'start_date' is not mapped\n"
      "my.toml:1: subscriptions: required column 'amount' is not mapped");
  EXPECT_EQ(MappingError(std::string(kAccounts) +
                         "[[tables]]\ntarget = \"opportunities\"\n[tables.columns]\n"
                         "opportunity_id = \"Id\"\naccount_id = \"A\"\ntype = { value = \"newbiz\" }\n"
                         "created_at = \"C\"\nstatus = { column = \"S\", map = { Won = \"closed\" } }\n"),
            // Columns are checked in name order.
            "my.toml:12: opportunities.status: map value 'closed' is not one of open, won, lost\n"
            "my.toml:10: opportunities.type: value 'newbiz' is not one of new, expansion, renewal");
  EXPECT_EQ(MappingError(std::string("[format]\ndecimal = \",\"\nthousands = \",\"\ndelimiter = \"x\"\n") +
                         kAccounts),
            "my.toml:4: format.delimiter 'x' is not one of auto, ',', ';', '|', tab\n"
            "my.toml:1: format.decimal and format.thousands are both ','");
  EXPECT_EQ(MappingError("name = \"x\"\n"), "my.toml:1: a mapping needs at least one [[tables]] section");
  EXPECT_EQ(MappingError("name = \n"),
            "my.toml:1: Error while parsing key-value pair: expected value, saw '\\n'");
  EXPECT_EQ(
      MappingError("[[tables]]\ntarget = \"accounts\"\nskip = 3\n[tables.columns]\naccount_id = \"Id\"\n"),
      "my.toml:3: tables.skip must be an array of tables");
}

TEST(MappingErrors, MissingFile) {
  auto m = LoadMappingFile("/nonexistent/my.toml");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().message(), "cannot read mapping file /nonexistent/my.toml");
}

// A messy European CRM export: BOM, CRLF, `;`, "1.234,56 €", "(1.200,00)", dates as
// dd.mm.yyyy, "(UTC)" in a header, trailing spaces, empty strings.
class MessyExport : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("flywheel-messy-" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream((dir_ / name).string(), std::ios::binary) << text;
    return (dir_ / name).string();
  }
  std::filesystem::path dir_;
};

constexpr char kMessyMapping[] = R"(
name = "my-crm"
[format]
decimal = ","
thousands = "."
dates = ["%d.%m.%Y", "%d.%m.%Y %H:%M"]
currency = "EUR"

[[tables]]
target = "accounts"
key = "account_id"
[tables.columns]
account_id = "Kunde"
name = "Firma"

[[tables]]
target = "subscriptions"
skip = [{ column = "Status", values = ["Test"], reason = "test contract" }]
[tables.columns]
subscription_id = "Vertrag"
account_id = "Kunde"
start_date = "Beginn"
end_date = { column = "Ende", optional = true }
amount = { column = "Betrag", interval = "Laufzeit" }
product_line = { column = "Tarif", map = { "Basis" = "core", "Premium" = "core", "Alt" = "sunset" } }
)";

TEST_F(MessyExport, MapsEveryMessyValue) {
  const std::string path =
      Write("vertraege.csv",
            "\xEF\xBB\xBFVertrag;Kunde;Firma ;Beginn (UTC);Ende;Betrag;Laufzeit;Tarif;Status\r\n"
            "V1;K1;Müller GmbH ;01.02.2024;;\"1.234,56 €\";monthly;Basis;aktiv\r\n"
            "V2;K2;Schmidt AG;15.01.2024 09:30;01.03.2024;\"£ 99,00\";quarter;Alt;gekündigt\r\n"
            "V3;K1;Müller GmbH;01.03.2024;;(1.200,00);annual;Premium;aktiv\r\n"
            "V4;K3;Test;01.03.2024;;10;monthly;Basis;Test\r\n"
            "V5;K3;;01.04.2024;;;monthly;Basis;aktiv\r\n");
  auto mapping = ParseMapping(kMessyMapping, "my-crm.toml");
  ASSERT_TRUE(mapping.ok()) << mapping.status().message();
  auto plan = PlanMappedImport({MappedSource{*mapping, path}});
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_THAT(testing::TableText(*plan, Table::kSubscriptions,
                                 {"subscription_id", "account_id", "start_date", "end_date", "amount",
                                  "billing_period", "currency", "product_line"}),
              ElementsAre("V1|K1|2024-02-01||1234.56|month|EUR|core",
                          "V2|K2|2024-01-15|2024-03-01|99|quarter|GBP|sunset",
                          "V3|K1|2024-03-01||-1200|year|EUR|core"));
  EXPECT_THAT(testing::TableText(*plan, Table::kAccounts, {"account_id", "name"}),
              ElementsAre("K1|Müller GmbH", "K2|Schmidt AG", "K3|Test"));  // accounts have no skip rule
  EXPECT_TRUE(plan->problems.empty());
  EXPECT_THAT(plan->ProblemTexts(),
              ElementsAre("vertraege.csv:6: Betrag: empty, but subscriptions.amount is required"));
  ASSERT_EQ(plan->sources[0].skipped.size(), 1u);
  EXPECT_EQ(plan->sources[0].skipped[0].line, 5);
  EXPECT_EQ(plan->sources[0].skipped[0].reason, "Status: test contract");
}

TEST_F(MessyExport, ReportsEveryUnmappableValue) {
  const std::string path = Write("v.csv",
                                 "Vertrag;Kunde;Firma;Beginn;Ende;Betrag;Laufzeit;Tarif;Status\n"
                                 "V1;K1;A;31.02.2024;;12;monthly;Basis;aktiv\n"
                                 "V2;K1;A;01.02.2024;;zwölf;monthly;Basis;aktiv\n"
                                 "V3;K1;A;01.02.2024;;12;fortnight;Basis;aktiv\n"
                                 "V4;K1;A;01.02.2024;;12;monthly;Gold;aktiv\n"
                                 "V5;K1;A\n");
  auto mapping = ParseMapping(kMessyMapping, "my-crm.toml");
  ASSERT_TRUE(mapping.ok());
  auto plan = PlanMappedImport({MappedSource{*mapping, path}});
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->problems.empty());
  EXPECT_THAT(
      plan->ProblemTexts(),
      ElementsAre(
          "v.csv:2: Beginn: '31.02.2024' is not a date (expected %d.%m.%Y, %d.%m.%Y %H:%M or YYYY-MM-DD)",
          "v.csv:3: Betrag: 'zwölf' is not a number (expected numbers like 1.234,56)",
          "v.csv:4: Laufzeit: 'fortnight' is not a billing interval (expected day, week, month, "
          "quarter or year)",
          "v.csv:6: expected 9 fields, found 3"));
  // Tarif 'Gold' is not in the map: product_line is text, so the value is kept as written.
  EXPECT_THAT(testing::TableText(*plan, Table::kSubscriptions, {"subscription_id", "product_line"}),
              ElementsAre("V4|Gold"));
  ValidationOptions euro;
  euro.settings = Settings();
  euro.settings->base_currency = "EUR";
  auto validated = ValidateMappedImport(*plan, euro);
  ASSERT_FALSE(validated.ok());
  EXPECT_EQ(validated.status().message().substr(0, 25), "v.csv:2: Beginn: '31.02.2");
}

TEST_F(MessyExport, MissingColumnAndLoaderMessagesPointAtTheSource) {
  auto mapping = ParseMapping(kMessyMapping, "my-crm.toml");
  ASSERT_TRUE(mapping.ok());
  const std::string no_amount =
      Write("a.csv", "Vertrag;Kunde;Firma;Beginn;Laufzeit;Tarif\nV1;K1;A;01.02.2024;monthly;Basis\n");
  auto plan = PlanMappedImport({MappedSource{*mapping, no_amount}});
  ASSERT_TRUE(plan.ok());
  EXPECT_THAT(
      plan->problems,
      ElementsAre("a.csv:1: missing column 'Betrag' (the my-crm mapping reads it for subscriptions.amount)"));
  // Duplicate subscription ids are found by the canonical loader; the message names the
  // export file and line, not the temporary canonical file.
  const std::string dup = Write("d.csv",
                                "Vertrag;Kunde;Firma;Beginn;Ende;Betrag;Laufzeit;Tarif;Status\n"
                                "V1;K1;A;01.02.2024;;12;monthly;Basis;aktiv\n"
                                "V1;K1;A;01.03.2024;;12;monthly;Basis;aktiv\n");
  auto plan2 = PlanMappedImport({MappedSource{*mapping, dup}});
  ASSERT_TRUE(plan2.ok());
  EXPECT_TRUE(plan2->problems.empty());
  ValidationOptions euro;
  euro.settings = Settings();
  euro.settings->base_currency = "EUR";
  auto validated = ValidateMappedImport(*plan2, euro);
  ASSERT_FALSE(validated.ok());
  EXPECT_EQ(
      validated.status().message(),
      "d.csv:3: subscription_id: duplicate key V1 (first on d.csv:2)\n"
      "subscriptions: 1 of 2 rows (50.0 %) cannot be used, more than max_quarantined_share allows (5 %): fix "
      "the file or its mapping, or raise the setting");
}

}  // namespace
}  // namespace flywheel
