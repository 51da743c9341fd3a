#include "demo/demo_generator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "model/schema.h"

namespace flywheel {
namespace {

namespace fs = std::filesystem;

using Row = std::map<std::string, std::string>;

// The generator never quotes fields, so a plain split is an independent reader here.
std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.push_back("");
  return fields;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<Row> ReadTable(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = Split(line);
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    const std::vector<std::string> fields = Split(line);
    EXPECT_EQ(fields.size(), header.size()) << path << ": " << line;
    Row row;
    for (size_t i = 0; i < header.size() && i < fields.size(); ++i) row[header[i]] = fields[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

fs::path TempDir(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("flywheel_demo_test_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

const std::vector<std::pair<std::string, std::string>> kCanonicalHeaders = {
    {"accounts.csv",
     "account_id,name,segment,industry,country,region,employees,annual_revenue,created_at,source,parent_"
     "account_id,attr_plan_tier,attr_crm"},
    {"contacts.csv", "contact_id,account_id,role,seniority,is_champion,is_decision_maker"},
    {"leads.csv", "lead_id,account_id,created_at,qualified_at,channel,segment"},
    {"opportunities.csv",
     "opportunity_id,account_id,type,created_at,closed_at,status,amount,currency,stage,owner,lost_reason,"
     "program,expected_close,forecast_category"},
    {"opportunity_history.csv", "opportunity_id,changed_at,stage,status,amount,expected_close"},
    {"subscriptions.csv",
     "subscription_id,account_id,start_date,end_date,amount,billing_period,currency,revenue_type,product,"
     "product_line,gross_margin"},
    {"usage.csv", "account_id,date,metric,value"},
    {"tickets.csv", "ticket_id,account_id,opened_at,closed_at,effort_hours,escalation"},
    {"nps.csv", "account_id,contact_id,date,score"},
    {"advocacy.csv", "account_id,date,type"},
    {"spend.csv", "month,category,amount,segment"},
    {"finance.csv", "month,net_burn,gross_margin"},
    {"fx.csv", "month,currency,rate"},
    {"journey.csv", "account_id,stage,entered_at"},
};

TEST(DemoGeneratorTest, SameSeedGivesIdenticalFilesAndOtherSeedDiffers) {
  const fs::path a = TempDir("a"), b = TempDir("b"), c = TempDir("c");
  DemoOptions options;
  options.accounts = 300;
  ASSERT_TRUE(WriteDemoDataSet(a.string(), options).ok());
  ASSERT_TRUE(WriteDemoDataSet(b.string(), options).ok());
  options.seed = 8;
  ASSERT_TRUE(WriteDemoDataSet(c.string(), options).ok());
  for (const auto& [file, header] : kCanonicalHeaders) {
    EXPECT_EQ(ReadFile(a / file), ReadFile(b / file)) << file;
  }
  EXPECT_EQ(ReadFile(a / "flywheel.toml"), ReadFile(b / "flywheel.toml"));
  EXPECT_NE(ReadFile(a / "accounts.csv"), ReadFile(c / "accounts.csv"));
  EXPECT_NE(ReadFile(a / "subscriptions.csv"), ReadFile(c / "subscriptions.csv"));
  fs::remove_all(a);
  fs::remove_all(b);
  fs::remove_all(c);
}

// Every file is named after its table and its header is the schema's columns in canonical
// order (accounts then its two custom attributes).
TEST(DemoGeneratorTest, HeadersAreTheSchemaColumns) {
  const fs::path dir = TempDir("headers");
  DemoOptions options;
  options.accounts = 20;
  ASSERT_TRUE(WriteDemoDataSet(dir.string(), options).ok());
  for (int t = 0; t < kTableCount; ++t) {
    const Table table = static_cast<Table>(t);
    std::ifstream in(dir / (std::string(TableName(table)) + ".csv"));
    ASSERT_TRUE(in) << TableName(table);
    std::string header;
    std::getline(in, header);
    std::vector<std::string> expected;
    for (const CanonicalColumn& c : CanonicalColumns(table)) expected.emplace_back(c.name);
    if (table == Table::kAccounts) {
      expected.push_back("attr_plan_tier");
      expected.push_back("attr_crm");
    }
    EXPECT_EQ(Split(header), expected) << TableName(table);
  }
  fs::remove_all(dir);
}

TEST(DemoGeneratorTest, RejectsBadOptions) {
  DemoOptions options;
  options.accounts = 0;
  Status status = WriteDemoDataSet(TempDir("bad").string(), options);
  EXPECT_EQ(status.code(), StatusCode::kUsage);
  EXPECT_EQ(status.message(), "the number of accounts must be at least 1");
  options.accounts = 10;
  options.months = 0;
  status = WriteDemoDataSet(TempDir("bad").string(), options);
  EXPECT_EQ(status.message(), "the number of months must be between 1 and 600");
  options.months = 36;
  options.anonymous_leads = -1;
  status = WriteDemoDataSet(TempDir("bad").string(), options);
  EXPECT_EQ(status.message(), "the mean number of anonymous leads must be between 0 and 100");
  options.anonymous_leads = 1.3;
  options.outbound_deals = 21;
  status = WriteDemoDataSet(TempDir("bad").string(), options);
  EXPECT_EQ(status.message(), "the mean number of outbound deals must be between 0 and 20");
}

// Outbound deals add `new` opportunities (about the mean per account) and nothing else: every
// other table is byte-identical, and so are the other deals once their ids are set aside; each
// outbound deal starts on or after its company's creation, and is lost at stage 0 or 1 before
// the company's first win, or open at the end when the company never won.
TEST(DemoGeneratorTest, OutboundDealsAddLostOrOpenNewDealsAndChangeNothingElse) {
  const fs::path plain = TempDir("plain_out"), outbound = TempDir("outbound");
  DemoOptions options;
  options.accounts = 600;
  ASSERT_TRUE(WriteDemoDataSet(plain.string(), options).ok());
  options.outbound_deals = 2;
  ASSERT_TRUE(WriteDemoDataSet(outbound.string(), options).ok());
  for (const auto& [file, header] : kCanonicalHeaders) {
    if (file == "opportunities.csv" || file == "opportunity_history.csv") continue;
    EXPECT_EQ(ReadFile(plain / file), ReadFile(outbound / file)) << file;
  }
  // Deals without their id, per account in file order: the plain ones must reappear in order.
  auto deals = [](const fs::path& dir) {
    std::map<std::string, std::vector<Row>> by_account;
    for (Row r : ReadTable(dir / "opportunities.csv")) {
      r.erase("forecast_category");  // open deals' category depends on the id (every 23rd omitted)
      by_account[r.at("account_id")].push_back(std::move(r));
    }
    return by_account;
  };
  std::map<std::string, std::string> created, first_win;
  for (const Row& a : ReadTable(plain / "accounts.csv")) created[a.at("account_id")] = a.at("created_at");
  const auto before = deals(plain), after = deals(outbound);
  size_t plain_count = 0, extra = 0;
  for (const auto& [account, rows] : before) {
    plain_count += rows.size();
    for (const Row& r : rows) {
      if (r.at("type") == "new" && r.at("status") == "won" &&
          (first_win[account].empty() || r.at("closed_at") < first_win[account])) {
        first_win[account] = r.at("closed_at");
      }
    }
  }
  for (const auto& [account, rows] : after) {
    const std::vector<Row>& old = before.count(account) ? before.at(account) : std::vector<Row>{};
    size_t i = 0;
    for (Row r : rows) {
      r.erase("opportunity_id");
      Row o = i < old.size() ? old[i] : Row{};
      o.erase("opportunity_id");
      if (i < old.size() && r == o) {
        ++i;
        continue;
      }
      ++extra;  // an outbound deal
      EXPECT_EQ(r.at("type"), "new") << account;
      EXPECT_GE(r.at("created_at"), created.at(account)) << account;
      EXPECT_TRUE(r.at("stage") == "Closed Lost" || r.at("status") == "open") << account;
      if (r.at("status") == "lost") {
        EXPECT_TRUE(r.at("lost_reason") != "") << account;
        if (!first_win[account].empty()) {
          EXPECT_LT(r.at("closed_at"), first_win[account]) << account;
        }
      } else {
        EXPECT_EQ(r.at("status"), "open") << account;
        EXPECT_TRUE(first_win[account].empty()) << account;
      }
    }
    EXPECT_EQ(i, old.size()) << account << ": a deal of the plain data set is missing";
  }
  EXPECT_EQ(ReadTable(outbound / "opportunities.csv").size(), plain_count + extra);
  // Poisson(2) per account, less those whose window is shorter than two weeks.
  EXPECT_GT(extra, 600u * 3 / 2);
  EXPECT_LT(extra, 600u * 5 / 2);
  fs::remove_all(plain);
  fs::remove_all(outbound);
}

// The scale knobs: one subscription row per billing term gives every account the same MRR in
// every month as one row per price period (summed here from the rows themselves, at each
// month's 15th, independently of the engine), with more rows, none longer than its term, and a
// renewal deal for quarterly terms; the anonymous-lead mean sets the leads per account.
TEST(DemoGeneratorTest, BillingTermsKeepTheMrrAndAnonymousLeadsSetTheVolume) {
  const fs::path plain = TempDir("plain"), terms = TempDir("terms"), leads = TempDir("leads");
  DemoOptions options;
  options.accounts = 400;
  ASSERT_TRUE(WriteDemoDataSet(plain.string(), options).ok());
  options.billing_terms = true;
  ASSERT_TRUE(WriteDemoDataSet(terms.string(), options).ok());
  options.billing_terms = false;
  options.anonymous_leads = 9;
  ASSERT_TRUE(WriteDemoDataSet(leads.string(), options).ok());

  // ARR in cents (12 x MRR) by account and month (YYYY-MM), from the recurring rows covering
  // the 15th.
  auto mrr = [](const fs::path& dir) {
    std::map<std::pair<std::string, std::string>, long long> out;
    for (const Row& r : ReadTable(dir / "subscriptions.csv")) {
      if (r.at("revenue_type") != "recurring") continue;
      const int months = r.at("billing_period") == "year" ? 12 : r.at("billing_period") == "quarter" ? 3 : 1;
      const long long cents = std::llround(std::stod(r.at("amount")) * 100);
      for (int y = 2023; y <= 2025; ++y) {
        for (int m = 1; m <= 12; ++m) {
          char day[32];  // "YYYY-MM-15" and room for any int GCC's range analysis allows
          std::snprintf(day, sizeof day, "%04d-%02d-15", y, m);
          if (r.at("start_date") <= day && (r.at("end_date").empty() || day < r.at("end_date"))) {
            out[{r.at("account_id"), std::string(day, 7)}] += cents * (12 / months);  // ARR: 12 x MRR
          }
        }
      }
    }
    return out;
  };
  EXPECT_EQ(mrr(plain), mrr(terms));
  const auto plain_rows = ReadTable(plain / "subscriptions.csv"),
             term_rows = ReadTable(terms / "subscriptions.csv");
  EXPECT_GT(term_rows.size(), 2 * plain_rows.size());
  for (const Row& r : term_rows) {
    if (r.at("revenue_type") != "recurring" || r.at("end_date").empty()) continue;
    const int months = r.at("billing_period") == "year" ? 12 : r.at("billing_period") == "quarter" ? 3 : 1;
    const int start =
        std::stoi(r.at("start_date").substr(0, 4)) * 12 + std::stoi(r.at("start_date").substr(5, 2));
    const int end = std::stoi(r.at("end_date").substr(0, 4)) * 12 + std::stoi(r.at("end_date").substr(5, 2));
    EXPECT_LE(end - start, months) << r.at("subscription_id");
  }
  auto renewals = [](const fs::path& dir) {
    size_t n = 0;
    for (const Row& r : ReadTable(dir / "opportunities.csv")) n += r.at("type") == "renewal";
    return n;
  };
  EXPECT_GT(renewals(terms), renewals(plain));
  const double per_account = static_cast<double>(ReadTable(leads / "leads.csv").size()) / 400;
  EXPECT_GT(per_account, 9.5);  // its own lead and Poisson(9) others: 10 on average
  EXPECT_LT(per_account, 10.5);
  fs::remove_all(plain);
  fs::remove_all(terms);
  fs::remove_all(leads);
}

TEST(DemoGeneratorTest, UnwritableFolderIsAnIoErrorAndLeavesNothing) {
  const fs::path dir = TempDir("file");
  fs::create_directories(dir);
  std::ofstream(dir / "plain").put('x');
  DemoOptions options;
  options.accounts = 5;
  const Status status = WriteDemoDataSet((dir / "plain" / "out").string(), options);
  EXPECT_EQ(status.code(), StatusCode::kIo);
  EXPECT_EQ(status.message(), (dir / "plain").string() + " is not a folder");
  fs::remove_all(dir);
}

// One default-sized data set, read back once for the structural checks.
class DemoDataSetTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(TempDir("full"));
    DemoOptions options;  // 2000 accounts, 36 months through 2025-12-31
    options.accounts = 3000;
    std::vector<DemoFileSummary> files;
    ASSERT_TRUE(WriteDemoDataSet(dir_->string(), options, &files).ok());
    tables_ = new std::map<std::string, std::vector<Row>>();
    ASSERT_EQ(files.size(), kCanonicalHeaders.size());
    for (size_t i = 0; i < files.size(); ++i) {
      EXPECT_EQ(files[i].file_name, kCanonicalHeaders[i].first);
      (*tables_)[files[i].file_name] = ReadTable(*dir_ / files[i].file_name);
      EXPECT_EQ(static_cast<int64_t>((*tables_)[files[i].file_name].size()), files[i].rows);
    }
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete tables_;
  }
  static const std::vector<Row>& T(const std::string& name) { return tables_->at(name); }

  static fs::path* dir_;
  static std::map<std::string, std::vector<Row>>* tables_;
};
fs::path* DemoDataSetTest::dir_ = nullptr;
std::map<std::string, std::vector<Row>>* DemoDataSetTest::tables_ = nullptr;

TEST_F(DemoDataSetTest, EveryFileHasTheCanonicalHeaderAndRows) {
  for (const auto& [file, header] : kCanonicalHeaders) {
    std::ifstream in(*dir_ / file);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, header) << file;
    EXPECT_FALSE(T(file).empty()) << file;
  }
  EXPECT_EQ(T("accounts.csv").size(), 3000u);
  const std::string toml = ReadFile(*dir_ / "flywheel.toml");
  EXPECT_NE(toml.find("as_of = 2025-12-31\n"), std::string::npos);
  EXPECT_NE(toml.find("metric = \"report_created\""), std::string::npos);
  EXPECT_NE(toml.find("countries = [\"IR\", \"KP\"]"), std::string::npos);
  EXPECT_FALSE(fs::exists(*dir_ / ".accounts.csv.tmp"));
}

TEST_F(DemoDataSetTest, KeysAreUniqueAndReferencesExist) {
  std::set<std::string> accounts;
  for (const Row& r : T("accounts.csv")) EXPECT_TRUE(accounts.insert(r.at("account_id")).second);
  for (const Row& r : T("accounts.csv")) {
    if (!r.at("parent_account_id").empty()) {
      EXPECT_TRUE(accounts.count(r.at("parent_account_id")));
      EXPECT_NE(r.at("parent_account_id"), r.at("account_id"));
    }
  }
  auto check_unique = [&](const std::string& file, const std::string& key) {
    std::set<std::string> seen;
    for (const Row& r : T(file)) EXPECT_TRUE(seen.insert(r.at(key)).second) << file << " " << r.at(key);
    return seen;
  };
  const std::set<std::string> contacts = check_unique("contacts.csv", "contact_id");
  check_unique("leads.csv", "lead_id");
  const std::set<std::string> opportunities = check_unique("opportunities.csv", "opportunity_id");
  check_unique("subscriptions.csv", "subscription_id");
  check_unique("tickets.csv", "ticket_id");
  for (const char* file : {"contacts.csv", "opportunities.csv", "subscriptions.csv", "usage.csv",
                           "tickets.csv", "nps.csv", "advocacy.csv", "journey.csv"}) {
    for (const Row& r : T(file)) EXPECT_TRUE(accounts.count(r.at("account_id"))) << file;
  }
  int leads_without_account = 0;
  for (const Row& r : T("leads.csv")) {
    if (r.at("account_id").empty()) {
      ++leads_without_account;
    } else {
      EXPECT_TRUE(accounts.count(r.at("account_id")));
    }
  }
  EXPECT_GT(leads_without_account, 1000);
  for (const Row& r : T("nps.csv")) {
    if (!r.at("contact_id").empty()) {
      EXPECT_TRUE(contacts.count(r.at("contact_id")));
    }
    const int score = std::stoi(r.at("score"));
    EXPECT_GE(score, 0);
    EXPECT_LE(score, 10);
  }
  for (const Row& r : T("opportunity_history.csv")) {
    EXPECT_TRUE(opportunities.count(r.at("opportunity_id")));
  }
}

TEST_F(DemoDataSetTest, DatesAndStatusesAreConsistent) {
  const Day as_of = DayFromCivil(2025, 12, 31);
  auto day = [](const std::string& text) {
    std::optional<Day> d = ParseDate(text);
    EXPECT_TRUE(d.has_value()) << text;
    return d.value_or(0);
  };
  std::map<std::string, int> by_status;
  std::map<std::string, const Row*> opportunity;
  for (const Row& r : T("opportunities.csv")) {
    opportunity[r.at("opportunity_id")] = &r;
    ++by_status[r.at("status")];
    EXPECT_LE(day(r.at("created_at")), as_of);
    if (r.at("status") == "open") {
      EXPECT_TRUE(r.at("closed_at").empty());
      EXPECT_NE(r.at("forecast_category"), "closed");
    } else {
      ASSERT_FALSE(r.at("closed_at").empty());
      EXPECT_GE(day(r.at("closed_at")), day(r.at("created_at")));
      EXPECT_LE(day(r.at("closed_at")), as_of);
      EXPECT_EQ(r.at("stage"), r.at("status") == "won" ? "Closed Won" : "Closed Lost");
      EXPECT_EQ(r.at("lost_reason").empty(), r.at("status") == "won");
    }
  }
  EXPECT_GT(by_status["open"], 0);
  EXPECT_GT(by_status["won"], 0);
  EXPECT_GT(by_status["lost"], by_status["won"]);

  // The last history row of each deal is its current state; the first is its creation.
  std::map<std::string, const Row*> first, last;
  for (const Row& r : T("opportunity_history.csv")) {
    const std::string& id = r.at("opportunity_id");
    if (!first.count(id)) first[id] = &r;
    if (last.count(id)) {
      EXPECT_GE(day(r.at("changed_at")), day(last[id]->at("changed_at")));
    }
    last[id] = &r;
  }
  EXPECT_EQ(last.size(), opportunity.size());
  for (const auto& [id, o] : opportunity) {
    ASSERT_TRUE(last.count(id)) << id;
    EXPECT_EQ(first[id]->at("changed_at"), o->at("created_at"));
    EXPECT_EQ(last[id]->at("status"), o->at("status")) << id;
    EXPECT_EQ(last[id]->at("stage"), o->at("stage")) << id;
    EXPECT_EQ(last[id]->at("amount"), o->at("amount")) << id;
    EXPECT_EQ(last[id]->at("expected_close"), o->at("expected_close")) << id;
    if (o->at("status") != "open") {
      EXPECT_EQ(last[id]->at("changed_at"), o->at("closed_at"));
    }
  }

  // Recurring rows of one account and product never overlap; end ≥ start.
  std::map<std::string, std::vector<std::pair<Day, Day>>> periods;
  for (const Row& r : T("subscriptions.csv")) {
    const Day start = day(r.at("start_date"));
    const Day end = r.at("end_date").empty() ? kOpenEnd : day(r.at("end_date"));
    EXPECT_GE(end, start);
    const std::string& amount = r.at("amount");
    const size_t dot = amount.find('.');
    if (dot != std::string::npos) {
      EXPECT_LE(amount.size() - dot - 1, 2u) << amount;
    }
    if (r.at("revenue_type") == "recurring") {
      periods[r.at("account_id") + "/" + r.at("product")].emplace_back(start, end);
    }
  }
  for (auto& [key, list] : periods) {
    std::sort(list.begin(), list.end());
    for (size_t i = 1; i < list.size(); ++i) EXPECT_LE(list[i - 1].second, list[i].first) << key;
  }
  for (const Row& r : T("tickets.csv")) {
    if (!r.at("closed_at").empty()) {
      EXPECT_GE(day(r.at("closed_at")), day(r.at("opened_at")));
    }
  }
}

TEST_F(DemoDataSetTest, FxCoversEveryMonthAndCurrency) {
  std::set<std::string> months, currencies;
  for (const Row& r : T("fx.csv")) {
    months.insert(r.at("month"));
    currencies.insert(r.at("currency"));
    const double rate = std::stod(r.at("rate"));
    EXPECT_GE(rate, 1.05);
    EXPECT_LE(rate, 1.12);
  }
  EXPECT_EQ(months.size(), 36u);
  EXPECT_TRUE(months.count("2023-01"));
  EXPECT_TRUE(months.count("2025-12"));
  for (const char* file : {"subscriptions.csv", "opportunities.csv"}) {
    for (const Row& r : T(file)) {
      const std::string& c = r.at("currency");
      EXPECT_TRUE(c == "USD" || currencies.count(c)) << c;
    }
  }
  EXPECT_TRUE(currencies.count("EUR"));
  std::set<std::string> spend_months;
  for (const Row& r : T("spend.csv")) spend_months.insert(r.at("month"));
  EXPECT_EQ(spend_months, months);
  EXPECT_EQ(T("finance.csv").size(), 36u);
}

// Retail churns most and Healthcare least, by design (docs/DEMO_DATA.md).
TEST_F(DemoDataSetTest, SegmentsDifferInChurnAsDesigned) {
  std::map<std::string, std::string> segment;
  for (const Row& r : T("accounts.csv")) segment[r.at("account_id")] = r.at("segment");
  std::map<std::string, std::set<std::string>> customers, churned;
  for (const Row& r : T("subscriptions.csv")) {
    if (r.at("revenue_type") != "recurring" || r.at("product") == "Reports") continue;
    const std::string& s = segment[r.at("account_id")];
    customers[s].insert(r.at("account_id"));
  }
  // An account churned when one of its platform periods ends without a row starting that day.
  std::map<std::string, std::set<std::string>> starts;
  for (const Row& r : T("subscriptions.csv")) starts[r.at("account_id")].insert(r.at("start_date"));
  for (const Row& r : T("subscriptions.csv")) {
    if (r.at("revenue_type") != "recurring" || r.at("end_date").empty()) continue;
    if (!starts[r.at("account_id")].count(r.at("end_date"))) {
      churned[segment[r.at("account_id")]].insert(r.at("account_id"));
    }
  }
  auto rate = [&](const std::string& s) {
    EXPECT_GT(customers[s].size(), 30u) << s;
    return static_cast<double>(churned[s].size()) / customers[s].size();
  };
  EXPECT_GT(rate("Retail"), rate("Logistics"));
  EXPECT_GT(rate("Logistics"), rate("Healthcare"));
  EXPECT_GT(rate("Retail"), 2 * rate("Fintech"));
}

}  // namespace
}  // namespace flywheel
