#include "model/dataset.h"

#include "model/enum_words.h"

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

std::string_view SeniorityName(Seniority v) { return kSeniorityWords[static_cast<int>(v)]; }
std::string_view OpportunityTypeName(OpportunityType v) { return kOpportunityTypeWords[static_cast<int>(v)]; }
std::string_view OpportunityStatusName(OpportunityStatus v) {
  return kOpportunityStatusWords[static_cast<int>(v)];
}
std::string_view ForecastCategoryName(ForecastCategory v) {
  return kForecastCategoryWords[static_cast<int>(v)];
}
std::string_view BillingPeriodName(BillingPeriod v) {
  switch (v) {
    case BillingPeriod::kMonth:
      return kBillingPeriodWords[0];
    case BillingPeriod::kQuarter:
      return kBillingPeriodWords[1];
    case BillingPeriod::kYear:
      return kBillingPeriodWords[2];
  }
  return kBillingPeriodWords[0];
}
std::string_view RevenueTypeName(RevenueType v) { return kRevenueTypeWords[static_cast<int>(v)]; }
std::string_view EscalationName(Escalation v) { return kEscalationWords[static_cast<int>(v)]; }
std::string_view AdvocacyTypeName(AdvocacyType v) { return kAdvocacyTypeWords[static_cast<int>(v)]; }
std::string_view SpendCategoryName(SpendCategory v) { return kSpendCategoryWords[static_cast<int>(v)]; }
std::string_view BowtieStageName(BowtieStage v) { return kBowtieStageWords[static_cast<int>(v)]; }

}  // namespace flywheel
