// Property: canonical data written in each tool's export format and imported back with
// the shipped profile gives the same canonical rows and the same MRR in every month.
// The data set is generated with a fixed seed; the export writers below follow the
// fixtures in tests/fixtures/imports (which are checked by hand in
// shipped_profiles_test.cc).
#include <fmt/core.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "imports/import_test_util.h"
#include "ingest/dataset_loader.h"
#include "revenue/mrr_series.h"

namespace flywheel {
namespace {

struct Sub {
  std::string id, account, start, end, amount, period, currency, product;
};
struct Opp {
  std::string id, account, type, created, closed, status, amount, currency, stage;
};

// "12345.6" -> "12,345.60" as the tools write amounts.
std::string UsAmount(double v) {
  std::string s = fmt::format("{:.2f}", v);
  size_t dot = s.find('.');
  for (int i = static_cast<int>(dot) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

class RoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("flywheel-roundtrip-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "canonical");
    std::mt19937 rng(20240501);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const char* periods[] = {"month", "quarter", "year"};
    for (int i = 0; i < 60; ++i) {
      Sub s;
      s.id = fmt::format("sub_{:03d}", i);
      s.account = fmt::format("acct_{}", pick(12));
      const Day start = DayFromCivil(2023, 1, 1) + pick(600);
      s.start = FormatDate(start);
      if (pick(3) == 0) s.end = FormatDate(start + 1 + pick(400));
      s.amount = fmt::format("{}", (1 + pick(500000)) / 100.0);
      s.period = periods[pick(3)];
      s.currency = pick(4) == 0 ? "EUR" : "USD";
      s.product = pick(2) ? "Pro" : "Team";
      subs_.push_back(s);
    }
    const char* statuses[] = {"open", "won", "lost"};
    const char* types[] = {"new", "expansion", "renewal"};
    for (int i = 0; i < 30; ++i) {
      Opp o;
      o.id = fmt::format("{}", 9000 + i);
      o.account = fmt::format("acct_{}", pick(12));
      o.type = types[pick(3)];
      const Day created = DayFromCivil(2023, 1, 1) + pick(600);
      o.created = FormatDate(created);
      o.status = statuses[pick(3)];
      if (o.status != std::string("open")) o.closed = FormatDate(created + pick(200));
      o.amount = fmt::format("{}", (1 + pick(9000000)) / 100.0);
      o.currency = "USD";
      o.stage = o.status == std::string("won")    ? "Closed Won"
                : o.status == std::string("lost") ? "Closed Lost"
                                                  : "Demo";
      opps_.push_back(o);
    }
    // The canonical data set itself.
    std::ofstream acc(dir_ / "canonical/accounts.csv");
    acc << "account_id\n";
    for (int a = 0; a < 12; ++a) acc << "acct_" << a << "\n";
    std::ofstream sub(dir_ / "canonical/subscriptions.csv");
    sub << "subscription_id,account_id,start_date,end_date,amount,billing_period,currency,product\n";
    for (const auto& s : subs_) {
      sub << fmt::format("{},{},{},{},{},{},{},{}\n", s.id, s.account, s.start, s.end, s.amount, s.period,
                         s.currency, s.product);
    }
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string WriteFile(const std::string& name, const std::string& text) {
    std::ofstream((dir_ / name).string(), std::ios::binary) << text;
    return (dir_ / name).string();
  }

  std::string StripeExport() {
    std::string out =
        "id,Customer ID,Customer Name,Customer Email,Plan,Product,Quantity,Currency,Interval,Interval "
        "Count,Amount,"
        "Status,Created (UTC),Start (UTC),Trial End (UTC),Canceled At (UTC),Ended At (UTC)\n";
    for (const auto& s : subs_) {
      const bool quarter = s.period == "quarter";
      std::string currency = s.currency == "EUR" ? "eur" : "usd";
      out +=
          fmt::format("{},{},,,price_x,{},1,{},{},{},\"{}\",{},{} 09:15,{} 09:15,,{},{}\n", s.id, s.account,
                      s.product, currency, quarter ? "month" : s.period, quarter ? 3 : 1,
                      UsAmount(std::stod(s.amount)), s.end.empty() ? "active" : "canceled", s.start, s.start,
                      s.end.empty() ? "" : s.end + " 00:00", s.end.empty() ? "" : s.end + " 00:00");
    }
    return out;
  }

  std::string ChargebeeExport() {
    std::string out =
        "subscriptions.id,subscriptions.plan_id,subscriptions.plan_quantity,subscriptions.plan_unit_price,"
        "subscriptions.currency_code,subscriptions.status,subscriptions.start_date,subscriptions.trial_end,"
        "subscriptions.cancelled_at,customers.id,plans.period,plans.period_unit\r\n";
    for (const auto& s : subs_) {
      const bool quarter = s.period == "quarter";
      out += fmt::format("{},{},1,\"{}\",{},{},{} 00:00:00,,{},{},{},{}\r\n", s.id, s.product,
                         UsAmount(std::stod(s.amount)), s.currency, s.end.empty() ? "Active" : "Cancelled",
                         s.start, s.end.empty() ? "" : s.end + " 00:00:00", s.account, quarter ? 3 : 1,
                         quarter ? "month" : s.period);
    }
    return out;
  }

  std::vector<std::string> ExpectedSubs() const {
    std::vector<std::string> out;
    for (const auto& s : subs_) {
      out.push_back(fmt::format("{}|{}|{}|{}|{}|{}|{}|{}", s.id, s.account, s.start, s.end, s.amount,
                                s.period, s.currency, s.product));
    }
    return out;
  }

  void ExpectSameMrr(const ImportPlan& plan) {
    auto original = LoadDataDirectory((dir_ / "canonical").string());
    ASSERT_TRUE(original.ok()) << original.status().message();
    Settings settings;
    settings.pinned_rates["EUR"] = 1.1;
    ValidationOptions options;
    options.settings = settings;
    auto imported = ValidateMappedImport(plan, options);
    ASSERT_TRUE(imported.ok()) << imported.status().message();
    const Day as_of = DayFromCivil(2024, 12, 31);
    auto a = ComputeMrr(original->dataset, settings, as_of);
    auto b = ComputeMrr(imported->data.dataset, settings, as_of);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->first_month(), b->first_month());
    int compared = 0;
    double total = 0;
    for (size_t i = 0; i < original->dataset.accounts.size(); ++i) {
      const std::string_view id = original->dataset.accounts.id[i];
      const AccountIndex j = imported->data.dataset.accounts.Find(id);
      for (Month m = a->first_month(); m <= a->last_month(); ++m) {
        const double want = a->Mrr(static_cast<AccountIndex>(i), m);
        const double got = j == kNoAccount ? 0 : b->Mrr(j, m);
        EXPECT_NEAR(got, want, 1e-9 * std::max(1.0, want)) << id << " " << FormatMonth(m);
        total += want;
        ++compared;
      }
    }
    EXPECT_GT(compared, 12 * 20);
    EXPECT_GT(total, 0);
  }

  std::filesystem::path dir_;
  std::vector<Sub> subs_;
  std::vector<Opp> opps_;
};

const std::vector<std::string> kSubColumns = {"subscription_id", "account_id",     "start_date", "end_date",
                                              "amount",          "billing_period", "currency",   "product"};

TEST_F(RoundTrip, Stripe) {
  ImportPlan plan = testing::PlanWithProfile("stripe", WriteFile("stripe.csv", StripeExport()));
  ASSERT_TRUE(plan.problems.empty()) << plan.problems.front();
  EXPECT_EQ(testing::TableText(plan, Table::kSubscriptions, kSubColumns), ExpectedSubs());
  ExpectSameMrr(plan);
}

TEST_F(RoundTrip, Chargebee) {
  ImportPlan plan = testing::PlanWithProfile("chargebee", WriteFile("chargebee.csv", ChargebeeExport()));
  ASSERT_TRUE(plan.problems.empty()) << plan.problems.front();
  EXPECT_EQ(testing::TableText(plan, Table::kSubscriptions, kSubColumns), ExpectedSubs());
  ExpectSameMrr(plan);
}

const std::vector<std::string> kOppColumns = {"opportunity_id", "account_id", "type",
                                              "created_at",     "closed_at",  "status",
                                              "amount",         "currency",   "stage"};

std::vector<std::string> ExpectedOpps(const std::vector<Opp>& opps) {
  std::vector<std::string> out;
  for (const auto& o : opps) {
    out.push_back(fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}", o.id, o.account, o.type, o.created, o.closed,
                              o.status, o.amount, o.currency, o.stage));
  }
  return out;
}

TEST_F(RoundTrip, HubSpotDeals) {
  std::string text =
      "Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Pipeline,Create Date,Deal Type,"
      "Associated Company IDs,Currency\n";
  for (const auto& o : opps_) {
    const char* type = o.type == "new"         ? "newbusiness"
                       : o.type == "expansion" ? "existingbusiness"
                                               : "Renewal";
    text += fmt::format("{},Deal {},{},{},Jane Roe,\"{}\",Sales Pipeline,{} 10:00,{},{},{}\n", o.id, o.id,
                        o.stage, o.closed.empty() ? "" : o.closed + " 17:00", UsAmount(std::stod(o.amount)),
                        o.created, type, o.account, o.currency);
  }
  ImportPlan plan = testing::PlanWithProfile("hubspot-deals", WriteFile("deals.csv", text));
  ASSERT_TRUE(plan.problems.empty()) << plan.problems.front();
  EXPECT_EQ(testing::TableText(plan, Table::kOpportunities, kOppColumns), ExpectedOpps(opps_));
}

TEST_F(RoundTrip, SalesforceApi) {
  std::string text =
      "Id,AccountId,Name,StageName,Amount,CloseDate,CreatedDate,Type,IsClosed,IsWon,CurrencyIsoCode\n";
  for (const auto& o : opps_) {
    const char* type = o.type == "new"         ? "New Business"
                       : o.type == "expansion" ? "Existing Business"
                                               : "Renewal";
    text += fmt::format("{},{},Deal,{},{},{},{}T12:00:00.000+0000,{},{},{},{}\n", o.id, o.account, o.stage,
                        o.amount, o.closed, o.created, type, o.status == "open" ? "false" : "true",
                        o.status == "won" ? "true" : "false", o.currency);
  }
  ImportPlan plan = testing::PlanWithProfile("salesforce-api", WriteFile("opps.csv", text));
  ASSERT_TRUE(plan.problems.empty()) << plan.problems.front();
  EXPECT_EQ(testing::TableText(plan, Table::kOpportunities, kOppColumns), ExpectedOpps(opps_));
}

}  // namespace
}  // namespace flywheel
