#include "model/dataset.h"

namespace flywheel {

std::string_view TableName(Table t) {
  switch (t) {
    case Table::kAccounts:
      return "accounts";
    case Table::kContacts:
      return "contacts";
    case Table::kLeads:
      return "leads";
    case Table::kOpportunities:
      return "opportunities";
    case Table::kOpportunityHistory:
      return "opportunity_history";
    case Table::kSubscriptions:
      return "subscriptions";
    case Table::kUsage:
      return "usage";
    case Table::kTickets:
      return "tickets";
    case Table::kNps:
      return "nps";
    case Table::kAdvocacy:
      return "advocacy";
    case Table::kSpend:
      return "spend";
    case Table::kFinance:
      return "finance";
    case Table::kFx:
      return "fx";
    case Table::kJourney:
      return "journey";
  }
  return "";
}

size_t Dataset::RowCount(Table t) const {
  switch (t) {
    case Table::kAccounts:
      return accounts.size();
    case Table::kContacts:
      return contacts.size();
    case Table::kLeads:
      return leads.size();
    case Table::kOpportunities:
      return opportunities.size();
    case Table::kOpportunityHistory:
      return opportunity_history.size();
    case Table::kSubscriptions:
      return subscriptions.size();
    case Table::kUsage:
      return usage.size();
    case Table::kTickets:
      return tickets.size();
    case Table::kNps:
      return nps.size();
    case Table::kAdvocacy:
      return advocacy.size();
    case Table::kSpend:
      return spend.size();
    case Table::kFinance:
      return finance.size();
    case Table::kFx:
      return fx.size();
    case Table::kJourney:
      return journey.size();
  }
  return 0;
}

size_t Dataset::MemoryBytes(Table t) const {
  switch (t) {
    case Table::kAccounts:
      return accounts.memory_bytes();
    case Table::kContacts:
      return contacts.memory_bytes();
    case Table::kLeads:
      return leads.memory_bytes();
    case Table::kOpportunities:
      return opportunities.memory_bytes();
    case Table::kOpportunityHistory:
      return opportunity_history.memory_bytes();
    case Table::kSubscriptions:
      return subscriptions.memory_bytes();
    case Table::kUsage:
      return usage.memory_bytes();
    case Table::kTickets:
      return tickets.memory_bytes();
    case Table::kNps:
      return nps.memory_bytes();
    case Table::kAdvocacy:
      return advocacy.memory_bytes();
    case Table::kSpend:
      return spend.memory_bytes();
    case Table::kFinance:
      return finance.memory_bytes();
    case Table::kFx:
      return fx.memory_bytes();
    case Table::kJourney:
      return journey.memory_bytes();
  }
  return 0;
}

std::string_view SeniorityName(Seniority v) {
  static constexpr std::string_view k[] = {"c_level", "vp", "director", "manager", "individual"};
  return k[static_cast<int>(v)];
}
std::string_view OpportunityTypeName(OpportunityType v) {
  static constexpr std::string_view k[] = {"new", "expansion", "renewal"};
  return k[static_cast<int>(v)];
}
std::string_view OpportunityStatusName(OpportunityStatus v) {
  static constexpr std::string_view k[] = {"open", "won", "lost"};
  return k[static_cast<int>(v)];
}
std::string_view ForecastCategoryName(ForecastCategory v) {
  static constexpr std::string_view k[] = {"pipeline", "best_case", "commit", "omitted", "closed"};
  return k[static_cast<int>(v)];
}
std::string_view BillingPeriodName(BillingPeriod v) {
  switch (v) {
    case BillingPeriod::kMonth:
      return "month";
    case BillingPeriod::kQuarter:
      return "quarter";
    case BillingPeriod::kYear:
      return "year";
  }
  return "month";
}
std::string_view RevenueTypeName(RevenueType v) {
  static constexpr std::string_view k[] = {"recurring", "usage", "one_off", "services"};
  return k[static_cast<int>(v)];
}
std::string_view EscalationName(Escalation v) {
  static constexpr std::string_view k[] = {"support", "sales", "management", "executive"};
  return k[static_cast<int>(v)];
}
std::string_view AdvocacyTypeName(AdvocacyType v) {
  static constexpr std::string_view k[] = {"reference", "case_study", "testimonial",
                                           "talk",      "review",     "referral"};
  return k[static_cast<int>(v)];
}
std::string_view SpendCategoryName(SpendCategory v) {
  static constexpr std::string_view k[] = {"marketing", "sales", "customer_success", "product", "g_and_a"};
  return k[static_cast<int>(v)];
}
std::string_view BowtieStageName(BowtieStage v) {
  static constexpr std::string_view k[] = {"awareness",  "education", "selection", "commit",
                                           "onboarding", "impact",    "expansion", "advocacy"};
  return k[static_cast<int>(v)];
}

}  // namespace flywheel
