// The account list and one account's page on a two-account company worked out by hand: every
// expected value below comes from the CSV lines in this file.
#include "reports/account_report.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "customers/measure_words.h"
#include "output/report_writer.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

// A1: Starter 100 a month from Jan 2024, Pro 600 a quarter (200 a month) from Mar 2024:
//     MRR 100, 100, 300, 300, 300, 300 (Jan–Jun); new +100 in Jan, expansion +200 in Mar.
// A2: Starter 50 a month Feb–Apr 2024: MRR 50, 50, 50, then 0; churn −50 in May.
class AccountReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("flywheel-account-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    Write("accounts.csv", "account_id,name,segment,country\nA1,Alpha,Retail,DE\nA2,Beta,Fintech,US\n");
    Write("subscriptions.csv",
          "subscription_id,account_id,start_date,end_date,amount,billing_period,product\n"
          "S1,A1,2024-01-01,,100,month,Starter\n"
          "S2,A1,2024-03-01,,600,quarter,Pro\n"
          "S3,A2,2024-02-01,2024-05-01,50,month,Starter\n");
    Write("opportunities.csv",
          "opportunity_id,account_id,type,created_at,closed_at,status,amount,stage\n"
          "O1,A1,new,2023-12-01,2024-01-01,won,1200,Closed Won\n"
          "O2,A1,expansion,2024-02-01,2024-03-01,won,2400,Closed Won\n"
          "O3,A2,new,2024-01-01,2024-02-01,won,600,Closed Won\n");
    Write("tickets.csv",
          "ticket_id,account_id,opened_at,closed_at,effort_hours,escalation\n"
          "T1,A1,2024-04-01,2024-04-02,3,support\nT2,A2,2024-03-01,,,management\n");
    Write("nps.csv", "account_id,contact_id,date,score\nA1,,2024-02-01,6\nA1,,2024-05-01,9\n");
    InputOptions io;
    io.data_dir = dir_.string();
    io.as_of = "2024-06-30";
    auto in = LoadInput(io);
    ASSERT_TRUE(in.ok()) << in.status().message();
    input_ = std::make_unique<Input>(std::move(*in));
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }

  nlohmann::json Run(bool one, const std::string& account = "") {
    AccountReportOptions o;
    o.format = ReportFormat::kJson;
    o.account = account;
    auto r = one ? AccountReport(*input_, o) : AccountsReport(*input_, o);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? nlohmann::json::parse(RenderJson(*r)) : nlohmann::json();
  }

  fs::path dir_;
  std::unique_ptr<Input> input_;
};

TEST_F(AccountReportTest, ListsTheCustomersWithNameSegmentPlanAndMrr) {
  const auto j = Run(false);
  ASSERT_EQ(j["rows"].size(), 1u);  // A2 stopped paying in May
  const auto& a1 = j["rows"][0];
  EXPECT_EQ(a1["account_id"], "A1");
  EXPECT_EQ(a1["account_name"], "Alpha");
  EXPECT_EQ(a1["segment"], "Retail");
  EXPECT_EQ(a1["plan"], "Pro");  // 200 a month against Starter's 100
  EXPECT_EQ(a1["mrr"], 300);
  EXPECT_EQ(a1["arr"], 3600);
  EXPECT_EQ(a1["customer_since"], "2024-01");
  EXPECT_EQ(j["fields"]["mrr"]["unit"], "money");
}

TEST_F(AccountReportTest, GivesTheMrrTimelineWithItsMovements) {
  const auto j = Run(true, "A1");
  ASSERT_EQ(j["rows"].size(), 6u);
  const double mrr[] = {100, 100, 300, 300, 300, 300};
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(j["rows"][i]["mrr"], mrr[i]) << i;
  EXPECT_EQ(j["rows"][0]["period"], "2024-01");
  EXPECT_EQ(j["rows"][0]["movement"], "new");
  EXPECT_EQ(j["rows"][0]["movement_mrr"], 100);
  EXPECT_TRUE(j["rows"][1]["movement"].is_null());
  EXPECT_EQ(j["rows"][2]["movement"], "expansion");
  EXPECT_EQ(j["rows"][2]["movement_mrr"], 200);
  EXPECT_EQ(j["account"]["account_name"], "Alpha");
  EXPECT_EQ(j["account"]["country"], "DE");
  EXPECT_EQ(j["account"]["plan"], "Pro");
  EXPECT_EQ(j["account"]["arr"], 3600);
  // Newest first.
  ASSERT_EQ(j["opportunities"].size(), 2u);
  EXPECT_EQ(j["opportunities"][0]["opportunity_id"], "O2");
  EXPECT_EQ(j["opportunities"][0]["amount"], 2400);
  EXPECT_EQ(j["opportunities"][1]["type"], "new");
  ASSERT_EQ(j["tickets"].size(), 1u);
  EXPECT_EQ(j["tickets"][0]["effort_hours"], 3);
  ASSERT_EQ(j["nps"].size(), 2u);
  EXPECT_EQ(j["nps"][0]["nps_score"], 9);
  EXPECT_EQ(j["nps"][0]["category"], "promoter");
  EXPECT_EQ(j["nps"][1]["category"], "detractor");
}

TEST_F(AccountReportTest, ScorecardReasonsAreSentences) {
  const auto j = Run(true, "A1");
  ASSERT_TRUE(j["scorecard"].is_object());
  EXPECT_FALSE(j["scorecard"]["class"].get<std::string>().empty());
  ASSERT_FALSE(j["scorecard"]["reasons"].empty());
  for (const auto& reason : j["scorecard"]["reasons"]) {
    const std::string text = reason["text"];
    EXPECT_EQ(text.find('_'), std::string::npos) << text;
    EXPECT_TRUE(text.find("raises the score by") != std::string::npos ||
                text.find("lowers the score by") != std::string::npos)
        << text;
  }
}

TEST_F(AccountReportTest, AFormerCustomerHasItsChurnAndNoScorecard) {
  const auto j = Run(true, "A2");
  ASSERT_EQ(j["rows"].size(), 5u);  // Feb–Jun
  EXPECT_EQ(j["rows"][3]["period"], "2024-05");
  EXPECT_EQ(j["rows"][3]["mrr"], 0);
  EXPECT_EQ(j["rows"][3]["movement"], "churn");
  EXPECT_EQ(j["rows"][3]["movement_mrr"], -50);
  EXPECT_TRUE(j["account"]["plan"].is_null());
  EXPECT_TRUE(j["scorecard"].is_null());
  EXPECT_EQ(j["notes"][0],
            "not scored: the scorecard covers customers only, and A2 has no ARR on 2024-06-30");
}

TEST_F(AccountReportTest, RefusesAMissingOrUnknownAccount) {
  ReportParams p;
  auto none = ParseAccountOptions(p);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().message(), "--account is required (the account id, e.g. --account A-1)");
  p.Set("account", "A9");
  auto options = ParseAccountOptions(p);
  ASSERT_TRUE(options.ok()) << options.status().message();
  auto unknown = AccountReport(*input_, options.value());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(unknown.status().message().rfind("unknown account 'A9'", 0), 0u) << unknown.status().message();
}

TEST(MeasureWordsTest, ReasonsInWords) {
  EXPECT_EQ(ReasonInWords("arr", 3600, 4.5, "$"),
            "Annual recurring revenue ($3,600) raises the score by 4.5 points");
  EXPECT_EQ(ReasonInWords("tickets_per_10k_arr", 2.4, -1.2, "$"),
            "Tickets per 10k ARR (2.4) lowers the score by 1.2 points");
  EXPECT_EQ(ReasonInWords("champion", 1, 3, "$"),
            "A champion among the contacts (yes) raises the score by 3.0 points");
  EXPECT_EQ(ReasonInWords("tenure_months", 14, 1, "$"),
            "Time as a customer (14 months) raises the score by 1.0 point");
  EXPECT_EQ(ReasonInWords("nps", std::nan(""), -2, "$"), "NPS lowers the score by 2.0 points");
  EXPECT_EQ(MeasureLabel("my_own_measure"), "My own measure");
}

}  // namespace
}  // namespace flywheel
