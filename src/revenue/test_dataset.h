// Test helper: builds small Datasets in C++ for the revenue tests, without files.
#pragma once

#include <string>

#include "base/date.h"
#include "model/dataset.h"
#include "testing/blank_account.h"

namespace flywheel {

inline Day D(const char* text) { return *ParseDate(text); }
inline Month M(const char* text) { return *ParseMonth(text); }

class TestDataset {
 public:
  TestDataset() {
    data_.present[static_cast<int>(Table::kAccounts)] = true;
    data_.present[static_cast<int>(Table::kSubscriptions)] = true;
  }

  AccountIndex Account(const std::string& id, const std::string& segment = "",
                       const std::string& region = "") {
    const AccountIndex i = AppendBlankAccount(&data_.accounts, id, id, data_.dict.Intern(segment));
    data_.accounts.region.back() = data_.dict.Intern(region);
    return i;
  }

  // end "" = open.
  void Sub(const std::string& id, AccountIndex account, const char* start, const char* end, double amount,
           BillingPeriod bp = BillingPeriod::kMonth, const std::string& currency = "",
           RevenueType type = RevenueType::kRecurring) {
    Subscriptions& s = data_.subscriptions;
    s.id.push_back(id);
    s.account.push_back(account);
    s.start.push_back(D(start));
    s.end.push_back(end[0] ? D(end) : kOpenEnd);
    s.amount.push_back(amount);
    s.billing_period.push_back(bp);
    s.currency.push_back(data_.dict.Intern(currency));
    s.revenue_type.push_back(type);
    s.product.push_back(kNullCode);
    s.product_line.push_back(kNullCode);
    s.gross_margin.push_back(kNullNumber);
  }

  void FxRate(const char* month, const std::string& currency, double rate) {
    data_.present[static_cast<int>(Table::kFx)] = true;
    data_.fx.month.push_back(M(month));
    data_.fx.currency.push_back(data_.dict.Intern(currency));
    data_.fx.rate.push_back(rate);
  }

  void Opportunity(const std::string& id, AccountIndex account, OpportunityType type,
                   OpportunityStatus status, const char* closed_at, double amount,
                   const std::string& currency = "") {
    data_.present[static_cast<int>(Table::kOpportunities)] = true;
    Opportunities& o = data_.opportunities;
    o.id.push_back(id);
    o.IndexLast();
    o.account.push_back(account);
    o.type.push_back(type);
    o.created_at.push_back(D(closed_at) - 30);
    o.closed_at.push_back(D(closed_at));
    o.status.push_back(status);
    o.amount.push_back(amount);
    o.currency.push_back(data_.dict.Intern(currency));
    o.stage.push_back(kNullCode);
    o.owner.push_back(kNullCode);
    o.lost_reason.push_back(kNullCode);
    o.program.push_back(kNullCode);
    o.expected_close.push_back(kNullDay);
    o.forecast_category.push_back(-1);
  }

  Dataset& data() { return data_; }

 private:
  Dataset data_;
};

}  // namespace flywheel
