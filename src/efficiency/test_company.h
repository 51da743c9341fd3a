// A three-account company with spend, finance and MRR movements, worked by hand in the
// efficiency and flywheel tests. Test-only; included by *_test.cc files.
#pragma once

#include <string>
#include <vector>

#include "model/dataset.h"
#include "revenue/movements.h"
#include "settings/settings.h"
#include "testing/blank_account.h"

namespace flywheel {
namespace testing_company {

inline AccountIndex AddAccount(Dataset* d, const std::string& id, const std::string& segment) {
  return AppendBlankAccount(&d->accounts, id, id, d->dict.Intern(segment));
}

inline void AddSpend(Dataset* d, int month, SpendCategory c, double amount, const std::string& segment = "") {
  d->spend.month.push_back(MakeMonth(2024, month));
  d->spend.category.push_back(c);
  d->spend.amount.push_back(amount);
  d->spend.segment.push_back(d->dict.Intern(segment));
}

inline void AddFinance(Dataset* d, int month, double burn, double margin) {
  d->finance.month.push_back(MakeMonth(2024, month));
  d->finance.net_burn.push_back(burn);
  d->finance.gross_margin.push_back(margin);
}

// C0 (smb), C1 (smb), C2 (ent).
//   2024-01: C0 new 100, C2 new 300        spend: marketing 600 shared, sales 400 smb
//   2024-02: C1 new 200, C0 expansion 50   spend: sales 300 shared, customer success 100 shared
//   2024-03: C2 churn 300, C1 contraction 20   (no spend)
// finance: Jan burn 2000 margin 0.75; Feb burn 1500, margin empty (default 0.8);
//          Mar burn 1000 margin 0.9.
struct Company {
  Dataset data;
  Settings settings;
  std::vector<AccountMovement> movements;
};

inline void Build(Company* c) {
  Dataset& d = c->data;
  AccountIndex c0 = AddAccount(&d, "C0", "smb"), c1 = AddAccount(&d, "C1", "smb"),
               c2 = AddAccount(&d, "C2", "ent");
  c->movements = {{c0, MakeMonth(2024, 1), MovementType::kNew, 100},
                  {c2, MakeMonth(2024, 1), MovementType::kNew, 300},
                  {c0, MakeMonth(2024, 2), MovementType::kExpansion, 50},
                  {c1, MakeMonth(2024, 2), MovementType::kNew, 200},
                  {c1, MakeMonth(2024, 3), MovementType::kContraction, 20},
                  {c2, MakeMonth(2024, 3), MovementType::kChurn, 300}};
  AddSpend(&d, 1, SpendCategory::kMarketing, 600);
  AddSpend(&d, 1, SpendCategory::kSales, 400, "smb");
  AddSpend(&d, 2, SpendCategory::kSales, 300);
  AddSpend(&d, 2, SpendCategory::kCustomerSuccess, 100);
  AddSpend(&d, 2, SpendCategory::kGAndA, 5000);  // not go-to-market spend
  AddFinance(&d, 1, 2000, 0.75);
  AddFinance(&d, 2, 1500, kNullNumber);
  AddFinance(&d, 3, 1000, 0.9);
  d.present[static_cast<int>(Table::kAccounts)] = true;
  d.present[static_cast<int>(Table::kSpend)] = true;
  d.present[static_cast<int>(Table::kFinance)] = true;
}

}  // namespace testing_company
}  // namespace flywheel
