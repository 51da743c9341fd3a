#include "model/schema.h"

#include <array>

namespace flywheel {

namespace {

using T = FieldType;
constexpr bool kRequired = true;
constexpr bool kOptional = false;

CanonicalColumn Col(std::string_view name, FieldType type, bool required) { return {name, type, required}; }
CanonicalColumn Key(std::string_view name) { return {name, T::kId, kRequired, {}, {}, true, std::nullopt}; }
CanonicalColumn Ref(std::string_view name, Table table, bool required) {
  return {name, T::kId, required, {}, {}, false, table};
}
CanonicalColumn Enum(std::string_view name, std::span<const std::string_view> words, bool required,
                     std::string_view default_value = {}) {
  return {name, T::kEnum, required, words, default_value, false, std::nullopt};
}
CanonicalColumn WithDefault(CanonicalColumn c, std::string_view default_value) {
  c.default_value = default_value;
  return c;
}

using Schema = std::array<std::vector<CanonicalColumn>, kTableCount>;

void AddCustomerTables(Schema& s) {
  s[static_cast<int>(Table::kAccounts)] = {Key("account_id"),
                                           Col("name", T::kText, kOptional),
                                           Col("segment", T::kText, kOptional),
                                           Col("industry", T::kText, kOptional),
                                           Col("country", T::kText, kOptional),
                                           Col("region", T::kText, kOptional),
                                           Col("employees", T::kInt, kOptional),
                                           Col("annual_revenue", T::kMoney, kOptional),
                                           Col("created_at", T::kDate, kOptional),
                                           Col("source", T::kText, kOptional),
                                           Ref("parent_account_id", Table::kAccounts, kOptional)};
  s[static_cast<int>(Table::kContacts)] = {Key("contact_id"),
                                           Ref("account_id", Table::kAccounts, kRequired),
                                           Col("role", T::kText, kOptional),
                                           Enum("seniority", kSeniorityWords, kOptional),
                                           Col("is_champion", T::kBool, kOptional),
                                           Col("is_decision_maker", T::kBool, kOptional)};
  s[static_cast<int>(Table::kLeads)] = {Key("lead_id"),
                                        Ref("account_id", Table::kAccounts, kOptional),
                                        Col("created_at", T::kDate, kRequired),
                                        Col("qualified_at", T::kDate, kOptional),
                                        Col("channel", T::kText, kOptional),
                                        Col("segment", T::kText, kOptional)};
  s[static_cast<int>(Table::kOpportunities)] = {Key("opportunity_id"),
                                                Ref("account_id", Table::kAccounts, kRequired),
                                                Enum("type", kOpportunityTypeWords, kRequired),
                                                Col("created_at", T::kDate, kRequired),
                                                Col("closed_at", T::kDate, kOptional),
                                                Enum("status", kOpportunityStatusWords, kRequired),
                                                Col("amount", T::kMoney, kOptional),
                                                Col("currency", T::kCurrency, kOptional),
                                                Col("stage", T::kText, kOptional),
                                                Col("owner", T::kText, kOptional),
                                                Col("lost_reason", T::kText, kOptional),
                                                Col("program", T::kText, kOptional),
                                                Col("expected_close", T::kDate, kOptional),
                                                Enum("forecast_category", kForecastCategoryWords, kOptional)};
  s[static_cast<int>(Table::kOpportunityHistory)] = {Ref("opportunity_id", Table::kOpportunities, kRequired),
                                                     Col("changed_at", T::kDate, kRequired),
                                                     Col("stage", T::kText, kOptional),
                                                     Enum("status", kOpportunityStatusWords, kOptional),
                                                     Col("amount", T::kMoney, kOptional),
                                                     Col("expected_close", T::kDate, kOptional)};
  s[static_cast<int>(Table::kSubscriptions)] = {
      Key("subscription_id"),
      Ref("account_id", Table::kAccounts, kRequired),
      Col("start_date", T::kDate, kRequired),
      Col("end_date", T::kDate, kOptional),
      Col("amount", T::kMoney, kRequired),
      Enum("billing_period", kBillingPeriodWords, kOptional, "month"),
      Col("currency", T::kCurrency, kOptional),
      Enum("revenue_type", kRevenueTypeWords, kOptional, "recurring"),
      Col("product", T::kText, kOptional),
      Col("product_line", T::kText, kOptional),
      Col("gross_margin", T::kFraction, kOptional)};
}

void AddActivityTables(Schema& s) {
  s[static_cast<int>(Table::kUsage)] = {Ref("account_id", Table::kAccounts, kRequired),
                                        Col("date", T::kDate, kRequired), Col("metric", T::kText, kRequired),
                                        WithDefault(Col("value", T::kNumber, kOptional), "1")};
  s[static_cast<int>(Table::kTickets)] = {Key("ticket_id"),
                                          Ref("account_id", Table::kAccounts, kRequired),
                                          Col("opened_at", T::kDate, kRequired),
                                          Col("closed_at", T::kDate, kOptional),
                                          Col("effort_hours", T::kNumber, kOptional),
                                          Enum("escalation", kEscalationWords, kOptional, "support")};
  s[static_cast<int>(Table::kNps)] = {Ref("account_id", Table::kAccounts, kRequired),
                                      Ref("contact_id", Table::kContacts, kOptional),
                                      Col("date", T::kDate, kRequired), Col("score", T::kInt, kRequired)};
  s[static_cast<int>(Table::kAdvocacy)] = {Ref("account_id", Table::kAccounts, kRequired),
                                           Col("date", T::kDate, kRequired),
                                           Enum("type", kAdvocacyTypeWords, kRequired)};
  s[static_cast<int>(Table::kSpend)] = {
      Col("month", T::kMonth, kRequired), Enum("category", kSpendCategoryWords, kRequired),
      Col("amount", T::kMoney, kRequired), Col("segment", T::kText, kOptional)};
  s[static_cast<int>(Table::kFinance)] = {Col("month", T::kMonth, kRequired),
                                          Col("net_burn", T::kMoney, kOptional),
                                          Col("gross_margin", T::kFraction, kOptional)};
  s[static_cast<int>(Table::kFx)] = {Col("month", T::kMonth, kRequired),
                                     Col("currency", T::kCurrency, kRequired),
                                     Col("rate", T::kNumber, kRequired)};
  s[static_cast<int>(Table::kJourney)] = {Ref("account_id", Table::kAccounts, kRequired),
                                          Enum("stage", kBowtieStageWords, kRequired),
                                          Col("entered_at", T::kDate, kRequired)};
}

const Schema& TheSchema() {
  static const Schema schema = [] {
    Schema s;
    AddCustomerTables(s);
    AddActivityTables(s);
    return s;
  }();
  return schema;
}

}  // namespace

std::string_view FieldTypeName(FieldType type) {
  switch (type) {
    case T::kId:
      return "id";
    case T::kText:
      return "text";
    case T::kCurrency:
      return "currency";
    case T::kDate:
      return "date";
    case T::kMonth:
      return "month";
    case T::kMoney:
      return "money";
    case T::kNumber:
      return "number";
    case T::kInt:
      return "int";
    case T::kFraction:
      return "fraction";
    case T::kBool:
      return "bool";
    case T::kEnum:
      return "enum";
  }
  return "";
}

const std::vector<CanonicalColumn>& CanonicalColumns(Table t) { return TheSchema()[static_cast<int>(t)]; }

const CanonicalColumn* FindCanonicalColumn(Table t, std::string_view name) {
  for (const CanonicalColumn& c : CanonicalColumns(t)) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

int KeyColumnIndex(Table t) {
  const std::vector<CanonicalColumn>& columns = CanonicalColumns(t);
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].key) return static_cast<int>(i);
  }
  return -1;
}

std::string CanonicalHeader(Table t) {
  std::string out;
  for (const CanonicalColumn& c : CanonicalColumns(t)) {
    if (!out.empty()) out += ',';
    out += c.name;
  }
  return out;
}

std::optional<Table> TableFromName(std::string_view name) {
  for (int t = 0; t < kTableCount; ++t) {
    if (TableName(static_cast<Table>(t)) == name) return static_cast<Table>(t);
  }
  return std::nullopt;
}

std::vector<std::string> TableNames() {
  std::vector<std::string> out;
  for (int t = 0; t < kTableCount; ++t) out.emplace_back(TableName(static_cast<Table>(t)));
  return out;
}

}  // namespace flywheel
