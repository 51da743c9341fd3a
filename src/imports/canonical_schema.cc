#include "imports/canonical_schema.h"

#include <array>

namespace flywheel {

namespace {

using T = FieldType;

std::array<std::vector<CanonicalColumn>, kTableCount> BuildSchema() {
  std::array<std::vector<CanonicalColumn>, kTableCount> s;
  s[static_cast<int>(Table::kAccounts)] = {
      {"account_id", T::kId, true, {}},        {"name", T::kText, false, {}},
      {"segment", T::kText, false, {}},        {"industry", T::kText, false, {}},
      {"country", T::kText, false, {}},        {"region", T::kText, false, {}},
      {"employees", T::kInt, false, {}},       {"annual_revenue", T::kMoney, false, {}},
      {"created_at", T::kDate, false, {}},     {"source", T::kText, false, {}},
      {"parent_account_id", T::kId, false, {}}};
  s[static_cast<int>(Table::kContacts)] = {
      {"contact_id", T::kId, true, {}},
      {"account_id", T::kId, true, {}},
      {"role", T::kText, false, {}},
      {"seniority", T::kEnum, false, {"c_level", "vp", "director", "manager", "individual"}},
      {"is_champion", T::kBool, false, {}},
      {"is_decision_maker", T::kBool, false, {}}};
  s[static_cast<int>(Table::kLeads)] = {
      {"lead_id", T::kId, true, {}},      {"account_id", T::kId, false, {}},
      {"created_at", T::kDate, true, {}}, {"qualified_at", T::kDate, false, {}},
      {"channel", T::kText, false, {}},   {"segment", T::kText, false, {}}};
  s[static_cast<int>(Table::kOpportunities)] = {
      {"opportunity_id", T::kId, true, {}},
      {"account_id", T::kId, true, {}},
      {"type", T::kEnum, true, {"new", "expansion", "renewal"}},
      {"created_at", T::kDate, true, {}},
      {"closed_at", T::kDate, false, {}},
      {"status", T::kEnum, true, {"open", "won", "lost"}},
      {"amount", T::kMoney, false, {}},
      {"currency", T::kText, false, {}},
      {"stage", T::kText, false, {}},
      {"owner", T::kText, false, {}},
      {"lost_reason", T::kText, false, {}},
      {"program", T::kText, false, {}},
      {"expected_close", T::kDate, false, {}},
      {"forecast_category", T::kEnum, false, {"pipeline", "best_case", "commit", "omitted", "closed"}}};
  s[static_cast<int>(Table::kOpportunityHistory)] = {
      {"opportunity_id", T::kId, true, {}}, {"changed_at", T::kDate, true, {}},
      {"stage", T::kText, false, {}},       {"status", T::kEnum, false, {"open", "won", "lost"}},
      {"amount", T::kMoney, false, {}},     {"expected_close", T::kDate, false, {}}};
  s[static_cast<int>(Table::kSubscriptions)] = {
      {"subscription_id", T::kId, true, {}},
      {"account_id", T::kId, true, {}},
      {"start_date", T::kDate, true, {}},
      {"end_date", T::kDate, false, {}},
      {"amount", T::kMoney, true, {}},
      {"billing_period", T::kEnum, false, {"month", "quarter", "year"}},
      {"currency", T::kText, false, {}},
      {"revenue_type", T::kEnum, false, {"recurring", "usage", "one_off", "services"}},
      {"product", T::kText, false, {}},
      {"product_line", T::kText, false, {}},
      {"gross_margin", T::kFraction, false, {}}};
  s[static_cast<int>(Table::kUsage)] = {{"account_id", T::kId, true, {}},
                                        {"date", T::kDate, true, {}},
                                        {"metric", T::kText, true, {}},
                                        {"value", T::kNumber, false, {}}};
  s[static_cast<int>(Table::kTickets)] = {
      {"ticket_id", T::kId, true, {}},
      {"account_id", T::kId, true, {}},
      {"opened_at", T::kDate, true, {}},
      {"closed_at", T::kDate, false, {}},
      {"effort_hours", T::kNumber, false, {}},
      {"escalation", T::kEnum, false, {"support", "sales", "management", "executive"}}};
  s[static_cast<int>(Table::kNps)] = {{"account_id", T::kId, true, {}},
                                      {"contact_id", T::kId, false, {}},
                                      {"date", T::kDate, true, {}},
                                      {"score", T::kInt, true, {}}};
  s[static_cast<int>(Table::kAdvocacy)] = {
      {"account_id", T::kId, true, {}},
      {"date", T::kDate, true, {}},
      {"type", T::kEnum, true, {"reference", "case_study", "testimonial", "talk", "review", "referral"}}};
  s[static_cast<int>(Table::kSpend)] = {
      {"month", T::kMonth, true, {}},
      {"category", T::kEnum, true, {"marketing", "sales", "customer_success", "product", "g_and_a"}},
      {"amount", T::kMoney, true, {}},
      {"segment", T::kText, false, {}}};
  s[static_cast<int>(Table::kFinance)] = {{"month", T::kMonth, true, {}},
                                          {"net_burn", T::kMoney, false, {}},
                                          {"gross_margin", T::kFraction, false, {}}};
  s[static_cast<int>(Table::kFx)] = {
      {"month", T::kMonth, true, {}}, {"currency", T::kText, true, {}}, {"rate", T::kNumber, true, {}}};
  s[static_cast<int>(Table::kJourney)] = {
      {"account_id", T::kId, true, {}},
      {"stage",
       T::kEnum,
       true,
       {"awareness", "education", "selection", "commit", "onboarding", "impact", "expansion", "advocacy"}},
      {"entered_at", T::kDate, true, {}}};
  return s;
}

}  // namespace

const std::vector<CanonicalColumn>& CanonicalColumns(Table t) {
  static const auto kSchema = BuildSchema();
  return kSchema[static_cast<int>(t)];
}

const CanonicalColumn* FindCanonicalColumn(Table t, std::string_view name) {
  for (const CanonicalColumn& c : CanonicalColumns(t)) {
    if (c.name == name) return &c;
  }
  return nullptr;
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
