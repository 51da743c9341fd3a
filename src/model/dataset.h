// Dataset: the canonical tables of data-model.md, held in memory as columns.
//
// Every table is a struct of parallel vectors (row i is element i of each). Dates are
// Day numbers (kNullDay when empty), months are Month numbers, text that is grouped on is
// dictionary-encoded into Dataset::dict (kNullCode when empty), account references are
// dense row indexes into Accounts (-1 when empty), free text (ids, account names) is a
// StringColumn (one buffer a column), numbers are double (NaN when empty),
// enums are small integers (-1 when empty unless the spec gives a default).
//
// A Dataset is built once by the loader (from CSV files or a workspace) and is read-only
// afterwards; concurrent readers are safe.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "base/date.h"
#include "model/code_column.h"
#include "model/id_index.h"
#include "model/number_column.h"
#include "model/string_column.h"
#include "model/string_dict.h"

namespace flywheel {

using AccountIndex = int32_t;
inline constexpr AccountIndex kNoAccount = -1;
inline constexpr int64_t kNullInt = INT64_MIN;
inline constexpr double kNullNumber = std::numeric_limits<double>::quiet_NaN();
inline bool IsNull(double v) { return std::isnan(v); }

// The tables of the data model, in the order they are loaded and reported.
enum class Table : int {
  kAccounts,
  kContacts,
  kLeads,
  kOpportunities,
  kOpportunityHistory,
  kSubscriptions,
  kUsage,
  kTickets,
  kNps,
  kAdvocacy,
  kSpend,
  kFinance,
  kFx,
  kJourney,
};
inline constexpr int kTableCount = 14;
// "accounts", "opportunity_history", ...; the CSV file is TableName(t) + ".csv".
std::string_view TableName(Table t);

enum class Seniority : int8_t { kCLevel, kVp, kDirector, kManager, kIndividual };
enum class OpportunityType : int8_t { kNew, kExpansion, kRenewal };
enum class OpportunityStatus : int8_t { kOpen, kWon, kLost };
enum class ForecastCategory : int8_t { kPipeline, kBestCase, kCommit, kOmitted, kClosed };
enum class BillingPeriod : int8_t { kMonth = 1, kQuarter = 3, kYear = 12 };  // value = months
enum class RevenueType : int8_t { kRecurring, kUsage, kOneOff, kServices };
enum class Escalation : int8_t { kSupport, kSales, kManagement, kExecutive };
enum class AdvocacyType : int8_t { kReference, kCaseStudy, kTestimonial, kTalk, kReview, kReferral };
enum class SpendCategory : int8_t { kMarketing, kSales, kCustomerSuccess, kProduct, kGAndA };
enum class BowtieStage : int8_t {
  kAwareness,
  kEducation,
  kSelection,
  kCommit,
  kOnboarding,
  kImpact,
  kExpansion,
  kAdvocacy
};
inline constexpr int kBowtieStageCount = 8;

// Reserves room for n rows in every column given (the loader knows a file's row count before
// it reads the rows, so columns are allocated once instead of grown by doubling).
template <typename... Columns>
void ReserveColumns(size_t n, Columns&... columns) {
  (columns.reserve(n), ...);
}

// Bytes held by columns (reserved room included), for the memory figures of the benchmark.
template <typename T>
size_t ColumnBytes(const std::vector<T>& column) {
  return column.capacity() * sizeof(T);
}
template <typename T>
size_t ColumnBytes(const std::vector<std::vector<T>>& columns) {
  size_t bytes = columns.capacity() * sizeof(std::vector<T>);
  for (const auto& c : columns) bytes += ColumnBytes(c);
  return bytes;
}
inline size_t ColumnBytes(const StringColumn& column) { return column.memory_bytes(); }
inline size_t ColumnBytes(const IdIndex& index) { return index.memory_bytes(); }
inline size_t ColumnBytes(const NumberColumn& column) { return column.memory_bytes(); }
inline size_t ColumnBytes(const CodeColumn& column) { return column.memory_bytes(); }
template <typename... Columns>
size_t ColumnsBytes(const Columns&... columns) {
  return (ColumnBytes(columns) + ...);
}

struct Accounts {
  StringColumn id;
  StringColumn name;
  std::vector<Code> segment, industry, country, region, source;
  std::vector<int64_t> employees;      // kNullInt when empty
  std::vector<double> annual_revenue;  // NaN when empty
  std::vector<Day> created_at;
  std::vector<AccountIndex> parent;  // kNoAccount when empty
  // Custom attributes (attr_* columns), in file order; names keep the "attr_" prefix.
  std::vector<std::string> attribute_names;
  std::vector<std::vector<Code>> attributes;
  IdIndex index;  // id -> row

  void Reserve(size_t n) {
    ReserveColumns(n, id, name, segment, industry, country, region, source, employees, annual_revenue,
                   created_at, parent);
  }
  size_t size() const { return id.size(); }
  AccountIndex Find(std::string_view account_id) const { return index.Find(id, account_id); }
  // Adds an account row's id to `index` (after the row is appended); for tests that build tables.
  void IndexLast() { index.Insert(id, static_cast<AccountIndex>(id.size() - 1)); }
  size_t memory_bytes() const {
    return ColumnsBytes(id, name, segment, industry, country, region, source, employees, annual_revenue,
                        created_at, parent, attribute_names, attributes, index);
  }
};

struct Contacts {
  StringColumn id;
  std::vector<AccountIndex> account;
  std::vector<Code> role;
  std::vector<int8_t> seniority;          // Seniority or -1
  std::vector<int8_t> is_champion;        // 1, 0, or -1 when empty
  std::vector<int8_t> is_decision_maker;  // 1, 0, or -1 when empty
  void Reserve(size_t n) { ReserveColumns(n, id, account, role, seniority, is_champion, is_decision_maker); }
  size_t size() const { return id.size(); }
  size_t memory_bytes() const {
    return ColumnsBytes(id, account, role, seniority, is_champion, is_decision_maker);
  }
};

struct Leads {
  StringColumn id;
  // Set by the loader when every id is greater than the one before it (exports sorted by
  // their key): then id order is row order, which reports sorting by id use without checking.
  bool ids_ascending = false;
  std::vector<AccountIndex> account;  // kNoAccount: lead without a known company
  std::vector<Day> created_at;
  std::vector<Day> qualified_at;  // kNullDay: never qualified
  CodeColumn channel;
  CodeColumn segment;  // overrides the account's segment when set
  void Reserve(size_t n) { ReserveColumns(n, id, account, created_at, qualified_at, channel, segment); }
  size_t size() const { return id.size(); }
  size_t memory_bytes() const {
    return ColumnsBytes(id, account, created_at, qualified_at, channel, segment);
  }
};

struct Opportunities {
  StringColumn id;
  // Set by the loader when every id is greater than the one before it (exports sorted by
  // their key): then id order is row order, which reports sorting by id use without checking.
  bool ids_ascending = false;
  std::vector<AccountIndex> account;
  std::vector<OpportunityType> type;
  std::vector<Day> created_at;
  std::vector<Day> closed_at;
  std::vector<OpportunityStatus> status;
  std::vector<double> amount;  // in `currency`; NaN when empty
  std::vector<Code> currency;  // kNullCode: the base currency
  std::vector<Code> stage, owner, lost_reason, program;
  std::vector<Day> expected_close;
  std::vector<int8_t> forecast_category;  // ForecastCategory or -1
  IdIndex index;                          // id -> row
  void Reserve(size_t n) {
    ReserveColumns(n, id, account, type, created_at, closed_at, status, amount, currency, stage, owner,
                   lost_reason, program, expected_close, forecast_category);
  }
  size_t size() const { return id.size(); }
  int32_t Find(std::string_view opportunity_id) const { return index.Find(id, opportunity_id); }
  void IndexLast() { index.Insert(id, static_cast<int32_t>(id.size() - 1)); }
  size_t memory_bytes() const {
    return ColumnsBytes(id, account, type, created_at, closed_at, status, amount, currency, stage, owner,
                        lost_reason, program, expected_close, forecast_category, index);
  }
};

struct OpportunityHistory {
  std::vector<int32_t> opportunity;  // row in Opportunities
  std::vector<Day> changed_at;
  CodeColumn stage;
  std::vector<int8_t> status;  // OpportunityStatus or -1
  std::vector<double> amount;
  std::vector<Day> expected_close;
  void Reserve(size_t n) {
    ReserveColumns(n, opportunity, changed_at, stage, status, amount, expected_close);
  }
  size_t size() const { return opportunity.size(); }
  size_t memory_bytes() const {
    return ColumnsBytes(opportunity, changed_at, stage, status, amount, expected_close);
  }
};

struct Subscriptions {
  StringColumn id;
  std::vector<AccountIndex> account;
  std::vector<Day> start;
  std::vector<Day> end;        // exclusive; kOpenEnd when empty
  std::vector<double> amount;  // per billing period, in `currency`
  std::vector<BillingPeriod> billing_period;
  CodeColumn currency;  // kNullCode: the base currency
  std::vector<RevenueType> revenue_type;
  CodeColumn product, product_line;
  std::vector<double> gross_margin;  // NaN: use the configured margin
  void Reserve(size_t n) {
    ReserveColumns(n, id, account, start, end, amount, billing_period, currency, revenue_type, product,
                   product_line, gross_margin);
  }
  size_t size() const { return id.size(); }
  size_t memory_bytes() const {
    return ColumnsBytes(id, account, start, end, amount, billing_period, currency, revenue_type, product,
                        product_line, gross_margin);
  }
};

struct Usage {
  std::vector<AccountIndex> account;
  std::vector<Day> date;
  CodeColumn metric;
  NumberColumn value;  // 1 when empty; floats while every value is one (model/number_column.h)
  void Reserve(size_t n) { ReserveColumns(n, account, date, metric, value); }
  size_t size() const { return account.size(); }
  size_t memory_bytes() const { return ColumnsBytes(account, date, metric, value); }
};

struct Tickets {
  StringColumn id;
  std::vector<AccountIndex> account;
  std::vector<Day> opened_at, closed_at;
  std::vector<double> effort_hours;
  std::vector<Escalation> escalation;
  void Reserve(size_t n) { ReserveColumns(n, id, account, opened_at, closed_at, effort_hours, escalation); }
  size_t size() const { return id.size(); }
  size_t memory_bytes() const {
    return ColumnsBytes(id, account, opened_at, closed_at, effort_hours, escalation);
  }
};

struct Nps {
  std::vector<AccountIndex> account;
  std::vector<int32_t> contact;  // row in Contacts, -1 when empty
  std::vector<Day> date;
  std::vector<int8_t> score;
  void Reserve(size_t n) { ReserveColumns(n, account, contact, date, score); }
  size_t size() const { return account.size(); }
  size_t memory_bytes() const { return ColumnsBytes(account, contact, date, score); }
};

struct Advocacy {
  std::vector<AccountIndex> account;
  std::vector<Day> date;
  std::vector<AdvocacyType> type;
  size_t size() const { return account.size(); }
  size_t memory_bytes() const { return ColumnsBytes(account, date, type); }
};

struct Spend {
  std::vector<Month> month;
  std::vector<SpendCategory> category;
  std::vector<double> amount;  // base currency
  std::vector<Code> segment;   // kNullCode: shared spend
  size_t size() const { return month.size(); }
  size_t memory_bytes() const { return ColumnsBytes(month, category, amount, segment); }
};

struct Finance {
  std::vector<Month> month;
  std::vector<double> net_burn, gross_margin;
  size_t size() const { return month.size(); }
  size_t memory_bytes() const { return ColumnsBytes(month, net_burn, gross_margin); }
};

struct Fx {
  std::vector<Month> month;
  std::vector<Code> currency;
  std::vector<double> rate;  // base currency units per unit of `currency`
  size_t size() const { return month.size(); }
  size_t memory_bytes() const { return ColumnsBytes(month, currency, rate); }
};

struct Journey {
  std::vector<AccountIndex> account;
  std::vector<BowtieStage> stage;
  std::vector<Day> entered_at;
  size_t size() const { return account.size(); }
  size_t memory_bytes() const { return ColumnsBytes(account, stage, entered_at); }
};

struct Dataset {
  StringDict dict;
  std::array<bool, kTableCount> present{};  // which CSV files / workspace tables existed

  Accounts accounts;
  Contacts contacts;
  Leads leads;
  Opportunities opportunities;
  OpportunityHistory opportunity_history;
  Subscriptions subscriptions;
  Usage usage;
  Tickets tickets;
  Nps nps;
  Advocacy advocacy;
  Spend spend;
  Finance finance;
  Fx fx;
  Journey journey;

  // The latest date of an event that has happened in the data (starts, creations, closes,
  // usage, tickets, surveys, advocacy, journey entries, last day of spend/finance months);
  // excludes subscription end dates and expected close dates, which lie in the future by
  // nature. kNullDay for a data set without dates. The default "as of" date.
  Day latest_event_date = kNullDay;

  bool Has(Table t) const { return present[static_cast<int>(t)]; }
  size_t RowCount(Table t) const;
  // Bytes held by a table's columns and index (not the dictionary).
  size_t MemoryBytes(Table t) const;
};

// Lower-case spec names of the enum values, for parsing and printing.
std::string_view SeniorityName(Seniority v);
std::string_view OpportunityTypeName(OpportunityType v);
std::string_view OpportunityStatusName(OpportunityStatus v);
std::string_view ForecastCategoryName(ForecastCategory v);
std::string_view BillingPeriodName(BillingPeriod v);
std::string_view RevenueTypeName(RevenueType v);
std::string_view EscalationName(Escalation v);
std::string_view AdvocacyTypeName(AdvocacyType v);
std::string_view SpendCategoryName(SpendCategory v);
std::string_view BowtieStageName(BowtieStage v);

}  // namespace flywheel
