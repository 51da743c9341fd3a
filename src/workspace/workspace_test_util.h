// Helpers of the workspace's tests: a temporary folder per test, two small data sets (A:
// every table and type; B: accounts and subscriptions only), a column-by-column comparison
// of two data sets, and direct SQL on a workspace database. Test-only, header-only.
#pragma once

#include <sqlite3.h>
#include <stdlib.h>

#include <bit>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ingest/dataset_loader.h"
#include "workspace/workspace.h"

namespace flywheel {
namespace testing_ws {

namespace fs = std::filesystem;

// A temporary folder per test, removed afterwards.
class ScopedTempDir {
 public:
  ScopedTempDir() {
    std::string templ = (fs::temp_directory_path() / "flywheel_ws_XXXXXX").string();
    char* made = mkdtemp(templ.data());
    EXPECT_NE(made, nullptr);
    path_ = templ;
  }
  ~ScopedTempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string Sub(const std::string& name) const { return (fs::path(path_) / name).string(); }

 private:
  std::string path_;
};

inline void WriteFile(const std::string& dir, const std::string& name, const std::string& text) {
  fs::create_directories(dir);
  std::ofstream out(fs::path(dir) / name, std::ios::binary);
  out << text;
}

// Data set A: every table, nulls in optional columns, fractional money, a custom attribute.
constexpr char kSettingsA[] = "base_currency = \"USD\"\nfiscal_year_start_month = 4\n";

inline void WriteDatasetA(const std::string& dir) {
  WriteFile(dir, "accounts.csv",
            "account_id,name,segment,industry,country,region,employees,annual_revenue,created_at,source,"
            "parent_account_id,attr_tier\n"
            "a1,Acme,fintech,banking,DE,emea,120,1234567.89,2023-01-05,inbound,,gold\n"
            "a2,\"Beta, Inc\",health,,US,na,,0.1,2023-02-10,outbound,a1,\n"
            "a3,Gamma,,,,,,,,,,silver\n");
  WriteFile(dir, "contacts.csv",
            "contact_id,account_id,role,seniority,is_champion,is_decision_maker\n"
            "c1,a1,CFO,c_level,true,1\n"
            "c2,a2,,manager,no,\n"
            "c3,a1,Engineer,,,\n");
  WriteFile(dir, "leads.csv",
            "lead_id,account_id,created_at,qualified_at,channel,segment\n"
            "l1,a1,2023-01-01,2023-01-03,inbound,fintech\n"
            "l2,,2023-03-01,,paid,\n");
  WriteFile(dir, "opportunities.csv",
            "opportunity_id,account_id,type,created_at,closed_at,status,amount,currency,stage,owner,"
            "lost_reason,program,expected_close,forecast_category\n"
            "o1,a1,new,2023-01-10,2023-02-01,won,12000.5,EUR,closed_won,ann,,launch,,closed\n"
            "o2,a2,expansion,2023-03-01,,open,3333.3333,,proposal,bob,,,2023-06-30,commit\n"
            "o3,a2,new,2023-01-15,2023-02-20,lost,,,closed_lost,bob,price,,,\n");
  WriteFile(dir, "opportunity_history.csv",
            "opportunity_id,changed_at,stage,status,amount,expected_close\n"
            "o2,2023-03-01,discovery,open,3000,2023-06-01\n"
            "o2,2023-04-01,proposal,,3333.3333,\n");
  WriteFile(dir, "subscriptions.csv",
            "subscription_id,account_id,start_date,end_date,amount,billing_period,currency,revenue_type,"
            "product,product_line,gross_margin\n"
            "s1,a1,2023-02-01,2024-02-01,1000.1,month,EUR,recurring,pro,core,0.8\n"
            "s2,a1,2024-02-01,,12000,year,,,pro,core,\n"
            "s3,a2,2023-03-01,,299.99,quarter,USD,usage,,,\n"
            "s4,a2,2023-03-01,2023-04-01,5000,,,services,setup,,0.3\n");
  WriteFile(dir, "usage.csv",
            "account_id,date,metric,value\n"
            "a1,2023-02-02,login,\n"
            "a1,2023-02-03,reports,17.25\n");
  WriteFile(dir, "tickets.csv",
            "ticket_id,account_id,opened_at,closed_at,effort_hours,escalation\n"
            "t1,a1,2023-02-05,2023-02-06,1.5,\n"
            "t2,a2,2023-03-05,,,executive\n");
  WriteFile(dir, "nps.csv",
            "account_id,contact_id,date,score\n"
            "a1,c1,2023-05-01,9\n"
            "a2,,2023-05-02,4\n");
  WriteFile(dir, "advocacy.csv",
            "account_id,date,type\n"
            "a1,2023-06-01,case_study\n");
  WriteFile(dir, "spend.csv",
            "month,category,amount,segment\n"
            "2023-01,marketing,10000,fintech\n"
            "2023-01,g_and_a,2500.75,\n");
  WriteFile(dir, "finance.csv",
            "month,net_burn,gross_margin\n"
            "2023-01,50000,0.72\n"
            "2023-02,,\n");
  WriteFile(dir, "fx.csv",
            "month,currency,rate\n"
            "2023-01,EUR,1.0873\n"
            "2023-02,EUR,1.0712345678901234\n");
  WriteFile(dir, "journey.csv",
            "account_id,stage,entered_at\n"
            "a1,onboarding,2023-02-01\n"
            "a2,awareness,2023-01-20\n");
  WriteFile(dir, "flywheel.toml", kSettingsA);
}

// Data set B: only accounts and subscriptions, other rows, no settings file.
inline void WriteDatasetB(const std::string& dir) {
  WriteFile(dir, "accounts.csv",
            "account_id,name,segment\n"
            "b1,Delta,retail\n"
            "b2,Epsilon,retail\n");
  WriteFile(dir, "subscriptions.csv",
            "subscription_id,account_id,start_date,end_date,amount\n"
            "sb1,b1,2022-01-01,,100\n"
            "sb2,b2,2022-06-01,2023-01-01,250.5\n");
}

// Compares every column of every table of two data sets; codes are compared as strings,
// numbers bit for bit.
class DatasetComparer {
 public:
  DatasetComparer(const Dataset& a, const Dataset& b) : a_(a), b_(b) {}

  void Compare() {
    EXPECT_EQ(a_.present, b_.present);
    EXPECT_EQ(a_.latest_event_date, b_.latest_event_date);
    // The same dictionary, code for code: reports may order or group by code.
    ASSERT_EQ(a_.dict.size(), b_.dict.size());
    for (size_t c = 0; c < a_.dict.size(); ++c) EXPECT_EQ(a_.dict.Get(c), b_.dict.Get(c)) << "code " << c;
    EXPECT_EQ(a_.leads.ids_ascending, b_.leads.ids_ascending);
    EXPECT_EQ(a_.opportunities.ids_ascending, b_.opportunities.ids_ascending);
    const Accounts &x = a_.accounts, &y = b_.accounts;
    Same(x.id, y.id, "accounts.id");
    Same(x.name, y.name, "accounts.name");
    Codes(x.segment, y.segment, "accounts.segment");
    Codes(x.industry, y.industry, "accounts.industry");
    Codes(x.country, y.country, "accounts.country");
    Codes(x.region, y.region, "accounts.region");
    Codes(x.source, y.source, "accounts.source");
    Same(x.employees, y.employees, "accounts.employees");
    Numbers(x.annual_revenue, y.annual_revenue, "accounts.annual_revenue");
    Same(x.created_at, y.created_at, "accounts.created_at");
    Same(x.parent, y.parent, "accounts.parent");
    Same(x.attribute_names, y.attribute_names, "accounts.attribute_names");
    ASSERT_EQ(x.attributes.size(), y.attributes.size());
    for (size_t i = 0; i < x.attributes.size(); ++i) Codes(x.attributes[i], y.attributes[i], "accounts.attr");
    SameIndex(x, y, "accounts.index");

    Same(a_.contacts.id, b_.contacts.id, "contacts.id");
    Same(a_.contacts.account, b_.contacts.account, "contacts.account");
    Codes(a_.contacts.role, b_.contacts.role, "contacts.role");
    Same(a_.contacts.seniority, b_.contacts.seniority, "contacts.seniority");
    Same(a_.contacts.is_champion, b_.contacts.is_champion, "contacts.is_champion");
    Same(a_.contacts.is_decision_maker, b_.contacts.is_decision_maker, "contacts.is_decision_maker");

    Same(a_.leads.id, b_.leads.id, "leads.id");
    Same(a_.leads.account, b_.leads.account, "leads.account");
    Same(a_.leads.created_at, b_.leads.created_at, "leads.created_at");
    Same(a_.leads.qualified_at, b_.leads.qualified_at, "leads.qualified_at");
    Codes(a_.leads.channel, b_.leads.channel, "leads.channel");
    Codes(a_.leads.segment, b_.leads.segment, "leads.segment");

    const Opportunities &o = a_.opportunities, &p = b_.opportunities;
    Same(o.id, p.id, "opportunities.id");
    Same(o.account, p.account, "opportunities.account");
    Same(o.type, p.type, "opportunities.type");
    Same(o.created_at, p.created_at, "opportunities.created_at");
    Same(o.closed_at, p.closed_at, "opportunities.closed_at");
    Same(o.status, p.status, "opportunities.status");
    Numbers(o.amount, p.amount, "opportunities.amount");
    Codes(o.currency, p.currency, "opportunities.currency");
    Codes(o.stage, p.stage, "opportunities.stage");
    Codes(o.owner, p.owner, "opportunities.owner");
    Codes(o.lost_reason, p.lost_reason, "opportunities.lost_reason");
    Codes(o.program, p.program, "opportunities.program");
    Same(o.expected_close, p.expected_close, "opportunities.expected_close");
    Same(o.forecast_category, p.forecast_category, "opportunities.forecast_category");
    SameIndex(o, p, "opportunities.index");

    const OpportunityHistory &h = a_.opportunity_history, &g = b_.opportunity_history;
    Same(h.opportunity, g.opportunity, "opportunity_history.opportunity");
    Same(h.changed_at, g.changed_at, "opportunity_history.changed_at");
    Codes(h.stage, g.stage, "opportunity_history.stage");
    Same(h.status, g.status, "opportunity_history.status");
    Numbers(h.amount, g.amount, "opportunity_history.amount");
    Same(h.expected_close, g.expected_close, "opportunity_history.expected_close");

    const Subscriptions &s = a_.subscriptions, &t = b_.subscriptions;
    Same(s.id, t.id, "subscriptions.id");
    Same(s.account, t.account, "subscriptions.account");
    Same(s.start, t.start, "subscriptions.start");
    Same(s.end, t.end, "subscriptions.end");
    Numbers(s.amount, t.amount, "subscriptions.amount");
    Same(s.billing_period, t.billing_period, "subscriptions.billing_period");
    Codes(s.currency, t.currency, "subscriptions.currency");
    Same(s.revenue_type, t.revenue_type, "subscriptions.revenue_type");
    Codes(s.product, t.product, "subscriptions.product");
    Codes(s.product_line, t.product_line, "subscriptions.product_line");
    Numbers(s.gross_margin, t.gross_margin, "subscriptions.gross_margin");

    Same(a_.usage.account, b_.usage.account, "usage.account");
    Same(a_.usage.date, b_.usage.date, "usage.date");
    Codes(a_.usage.metric, b_.usage.metric, "usage.metric");
    Numbers(a_.usage.value, b_.usage.value, "usage.value");

    Same(a_.tickets.id, b_.tickets.id, "tickets.id");
    Same(a_.tickets.account, b_.tickets.account, "tickets.account");
    Same(a_.tickets.opened_at, b_.tickets.opened_at, "tickets.opened_at");
    Same(a_.tickets.closed_at, b_.tickets.closed_at, "tickets.closed_at");
    Numbers(a_.tickets.effort_hours, b_.tickets.effort_hours, "tickets.effort_hours");
    Same(a_.tickets.escalation, b_.tickets.escalation, "tickets.escalation");

    Same(a_.nps.account, b_.nps.account, "nps.account");
    Same(a_.nps.contact, b_.nps.contact, "nps.contact");
    Same(a_.nps.date, b_.nps.date, "nps.date");
    Same(a_.nps.score, b_.nps.score, "nps.score");

    Same(a_.advocacy.account, b_.advocacy.account, "advocacy.account");
    Same(a_.advocacy.date, b_.advocacy.date, "advocacy.date");
    Same(a_.advocacy.type, b_.advocacy.type, "advocacy.type");

    Same(a_.spend.month, b_.spend.month, "spend.month");
    Same(a_.spend.category, b_.spend.category, "spend.category");
    Numbers(a_.spend.amount, b_.spend.amount, "spend.amount");
    Codes(a_.spend.segment, b_.spend.segment, "spend.segment");

    Same(a_.finance.month, b_.finance.month, "finance.month");
    Numbers(a_.finance.net_burn, b_.finance.net_burn, "finance.net_burn");
    Numbers(a_.finance.gross_margin, b_.finance.gross_margin, "finance.gross_margin");

    Same(a_.fx.month, b_.fx.month, "fx.month");
    Codes(a_.fx.currency, b_.fx.currency, "fx.currency");
    Numbers(a_.fx.rate, b_.fx.rate, "fx.rate");

    Same(a_.journey.account, b_.journey.account, "journey.account");
    Same(a_.journey.stage, b_.journey.stage, "journey.stage");
    Same(a_.journey.entered_at, b_.journey.entered_at, "journey.entered_at");
  }

 private:
  template <typename T>
  void Same(const std::vector<T>& x, const std::vector<T>& y, const char* what) {
    ASSERT_EQ(x.size(), y.size()) << what;
    for (size_t i = 0; i < x.size(); ++i) EXPECT_TRUE(x[i] == y[i]) << what << " row " << i;
  }
  void Same(const StringColumn& x, const StringColumn& y, const char* what) {
    ASSERT_EQ(x.size(), y.size()) << what;
    for (size_t i = 0; i < x.size(); ++i) EXPECT_EQ(x[i], y[i]) << what << " row " << i;
  }
  // Both id indexes find every id of either table at the same row.
  template <typename Table>
  void SameIndex(const Table& x, const Table& y, const char* what) {
    for (size_t i = 0; i < x.size(); ++i) EXPECT_EQ(x.Find(x.id[i]), y.Find(x.id[i])) << what << " row " << i;
    for (size_t i = 0; i < y.size(); ++i) EXPECT_EQ(x.Find(y.id[i]), y.Find(y.id[i])) << what << " row " << i;
    EXPECT_EQ(x.index.size(), y.index.size()) << what;
  }
  template <typename Column>  // std::vector<Code> or CodeColumn
  void Codes(const Column& x, const Column& y, const char* what) {
    ASSERT_EQ(x.size(), y.size()) << what;
    for (size_t i = 0; i < x.size(); ++i) {
      EXPECT_EQ(a_.dict.Get(x[i]), b_.dict.Get(y[i])) << what << " row " << i;
      EXPECT_EQ(x[i] == kNullCode, y[i] == kNullCode) << what << " row " << i;
    }
  }
  template <typename Column>  // std::vector<double> or NumberColumn
  void Numbers(const Column& x, const Column& y, const char* what) {
    ASSERT_EQ(x.size(), y.size()) << what;
    for (size_t i = 0; i < x.size(); ++i) {
      if (IsNull(x[i]) || IsNull(y[i])) {
        EXPECT_EQ(IsNull(x[i]), IsNull(y[i])) << what << " row " << i;
      } else {
        EXPECT_EQ(std::bit_cast<uint64_t>(x[i]), std::bit_cast<uint64_t>(y[i]))
            << what << " row " << i << ": " << x[i] << " vs " << y[i];
      }
    }
  }

  const Dataset& a_;
  const Dataset& b_;
};

inline void ExpectSameDataset(const Dataset& a, const Dataset& b) { DatasetComparer(a, b).Compare(); }

// The workspace, loaded back, equals the CSV folder `data_dir` loaded directly.
inline void ExpectWorkspaceHolds(const std::string& ws, const std::string& data_dir) {
  auto csv = LoadDataDirectory(data_dir);
  ASSERT_TRUE(csv.ok()) << csv.status().message();
  auto loaded = LoadWorkspace(ws);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  ExpectSameDataset(csv->dataset, loaded->data.dataset);
}

// Runs one SQL query on the database directly and returns the first column of each row.
inline std::vector<std::string> Query(const std::string& ws, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> out;
  EXPECT_EQ(sqlite3_open((fs::path(ws) / "workspace.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    out.emplace_back(text != nullptr ? reinterpret_cast<const char*>(text) : "NULL");
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

inline void Exec(const std::string& ws, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((fs::path(ws) / "workspace.db").c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

inline std::string FixtureDir(const std::string& name) {
  const char* source = std::getenv("FLYWHEEL_SOURCE_DIR");
  fs::path root =
      source != nullptr ? fs::path(source) : fs::path(__FILE__).parent_path().parent_path().parent_path();
  return (root / "tests" / "fixtures" / name).string();
}

}  // namespace testing_ws
}  // namespace flywheel
