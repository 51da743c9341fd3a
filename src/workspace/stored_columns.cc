#include "workspace/stored_columns.h"

#include "model/schema.h"

namespace flywheel {
namespace {

template <typename E>
std::vector<std::pair<int, std::string_view>> EnumValues(std::string_view (*name)(E),
                                                         std::initializer_list<E> values) {
  std::vector<std::pair<int, std::string_view>> out;
  for (E v : values) out.emplace_back(static_cast<int>(v), name(v));
  return out;
}

StoredColumn Col(std::string name, ValueKind kind, ColumnData data) {
  return {std::move(name), kind, data, {}};
}

template <typename E>
StoredColumn EnumCol(std::string name, ColumnData data, std::string_view (*fn)(E),
                     std::initializer_list<E> values) {
  return {std::move(name), ValueKind::kEnum, data, EnumValues(fn, values)};
}

std::vector<StoredColumn> AccountColumns(Accounts& a) {
  std::vector<StoredColumn> out = {Col("account_id", ValueKind::kText, &a.id),
                                   Col("name", ValueKind::kText, &a.name),
                                   Col("segment", ValueKind::kCode, &a.segment),
                                   Col("industry", ValueKind::kCode, &a.industry),
                                   Col("country", ValueKind::kCode, &a.country),
                                   Col("region", ValueKind::kCode, &a.region),
                                   Col("employees", ValueKind::kInteger, &a.employees),
                                   Col("annual_revenue", ValueKind::kNumber, &a.annual_revenue),
                                   Col("created_at", ValueKind::kDate, &a.created_at),
                                   Col("source", ValueKind::kCode, &a.source),
                                   Col("parent_account_id", ValueKind::kAccount, &a.parent)};
  for (size_t i = 0; i < a.attributes.size() && i < a.attribute_names.size(); ++i) {
    out.push_back(Col(a.attribute_names[i], ValueKind::kCode, &a.attributes[i]));
  }
  return out;
}

constexpr std::initializer_list<OpportunityStatus> kStatuses = {
    OpportunityStatus::kOpen, OpportunityStatus::kWon, OpportunityStatus::kLost};

std::vector<StoredColumn> OpportunityColumns(Opportunities& o) {
  return {Col("opportunity_id", ValueKind::kText, &o.id),
          Col("account_id", ValueKind::kAccount, &o.account),
          EnumCol("type", &o.type, OpportunityTypeName,
                  {OpportunityType::kNew, OpportunityType::kExpansion, OpportunityType::kRenewal}),
          Col("created_at", ValueKind::kDate, &o.created_at),
          Col("closed_at", ValueKind::kDate, &o.closed_at),
          EnumCol("status", &o.status, OpportunityStatusName, kStatuses),
          Col("amount", ValueKind::kNumber, &o.amount),
          Col("currency", ValueKind::kCode, &o.currency),
          Col("stage", ValueKind::kCode, &o.stage),
          Col("owner", ValueKind::kCode, &o.owner),
          Col("lost_reason", ValueKind::kCode, &o.lost_reason),
          Col("program", ValueKind::kCode, &o.program),
          Col("expected_close", ValueKind::kDate, &o.expected_close),
          EnumCol("forecast_category", &o.forecast_category, ForecastCategoryName,
                  {ForecastCategory::kPipeline, ForecastCategory::kBestCase, ForecastCategory::kCommit,
                   ForecastCategory::kOmitted, ForecastCategory::kClosed})};
}

std::vector<StoredColumn> SubscriptionColumns(Subscriptions& s) {
  return {
      Col("subscription_id", ValueKind::kText, &s.id),
      Col("account_id", ValueKind::kAccount, &s.account),
      Col("start_date", ValueKind::kDate, &s.start),
      Col("end_date", ValueKind::kEndDate, &s.end),
      Col("amount", ValueKind::kNumber, &s.amount),
      EnumCol("billing_period", &s.billing_period, BillingPeriodName,
              {BillingPeriod::kMonth, BillingPeriod::kQuarter, BillingPeriod::kYear}),
      Col("currency", ValueKind::kCode, &s.currency),
      EnumCol("revenue_type", &s.revenue_type, RevenueTypeName,
              {RevenueType::kRecurring, RevenueType::kUsage, RevenueType::kOneOff, RevenueType::kServices}),
      Col("product", ValueKind::kCode, &s.product),
      Col("product_line", ValueKind::kCode, &s.product_line),
      Col("gross_margin", ValueKind::kNumber, &s.gross_margin)};
}

std::vector<StoredColumn> EventColumns(Dataset& d, Table t) {
  switch (t) {
    case Table::kUsage:
      return {Col("account_id", ValueKind::kAccount, &d.usage.account),
              Col("date", ValueKind::kDate, &d.usage.date), Col("metric", ValueKind::kCode, &d.usage.metric),
              Col("value", ValueKind::kNumber, &d.usage.value)};
    case Table::kTickets:
      return {Col("ticket_id", ValueKind::kText, &d.tickets.id),
              Col("account_id", ValueKind::kAccount, &d.tickets.account),
              Col("opened_at", ValueKind::kDate, &d.tickets.opened_at),
              Col("closed_at", ValueKind::kDate, &d.tickets.closed_at),
              Col("effort_hours", ValueKind::kNumber, &d.tickets.effort_hours),
              EnumCol("escalation", &d.tickets.escalation, EscalationName,
                      {Escalation::kSupport, Escalation::kSales, Escalation::kManagement,
                       Escalation::kExecutive})};
    case Table::kNps:
      return {Col("account_id", ValueKind::kAccount, &d.nps.account),
              Col("contact_id", ValueKind::kContact, &d.nps.contact),
              Col("date", ValueKind::kDate, &d.nps.date), Col("score", ValueKind::kInteger, &d.nps.score)};
    case Table::kAdvocacy:
      return {Col("account_id", ValueKind::kAccount, &d.advocacy.account),
              Col("date", ValueKind::kDate, &d.advocacy.date),
              EnumCol("type", &d.advocacy.type, AdvocacyTypeName,
                      {AdvocacyType::kReference, AdvocacyType::kCaseStudy, AdvocacyType::kTestimonial,
                       AdvocacyType::kTalk, AdvocacyType::kReview, AdvocacyType::kReferral})};
    case Table::kSpend:
      return {Col("month", ValueKind::kMonth, &d.spend.month),
              EnumCol("category", &d.spend.category, SpendCategoryName,
                      {SpendCategory::kMarketing, SpendCategory::kSales, SpendCategory::kCustomerSuccess,
                       SpendCategory::kProduct, SpendCategory::kGAndA}),
              Col("amount", ValueKind::kNumber, &d.spend.amount),
              Col("segment", ValueKind::kCode, &d.spend.segment)};
    case Table::kFinance:
      return {Col("month", ValueKind::kMonth, &d.finance.month),
              Col("net_burn", ValueKind::kNumber, &d.finance.net_burn),
              Col("gross_margin", ValueKind::kNumber, &d.finance.gross_margin)};
    case Table::kFx:
      return {Col("month", ValueKind::kMonth, &d.fx.month), Col("currency", ValueKind::kCode, &d.fx.currency),
              Col("rate", ValueKind::kNumber, &d.fx.rate)};
    case Table::kJourney:
      return {Col("account_id", ValueKind::kAccount, &d.journey.account),
              EnumCol("stage", &d.journey.stage, BowtieStageName,
                      {BowtieStage::kAwareness, BowtieStage::kEducation, BowtieStage::kSelection,
                       BowtieStage::kCommit, BowtieStage::kOnboarding, BowtieStage::kImpact,
                       BowtieStage::kExpansion, BowtieStage::kAdvocacy}),
              Col("entered_at", ValueKind::kDate, &d.journey.entered_at)};
    default:
      return {};
  }
}

}  // namespace

std::vector<StoredColumn> StoredColumns(Dataset& d, Table t) {
  switch (t) {
    case Table::kAccounts:
      return AccountColumns(d.accounts);
    case Table::kContacts: {
      Contacts& c = d.contacts;
      return {Col("contact_id", ValueKind::kText, &c.id),
              Col("account_id", ValueKind::kAccount, &c.account),
              Col("role", ValueKind::kCode, &c.role),
              EnumCol("seniority", &c.seniority, SeniorityName,
                      {Seniority::kCLevel, Seniority::kVp, Seniority::kDirector, Seniority::kManager,
                       Seniority::kIndividual}),
              Col("is_champion", ValueKind::kBool, &c.is_champion),
              Col("is_decision_maker", ValueKind::kBool, &c.is_decision_maker)};
    }
    case Table::kLeads: {
      Leads& l = d.leads;
      return {Col("lead_id", ValueKind::kText, &l.id),
              Col("account_id", ValueKind::kAccount, &l.account),
              Col("created_at", ValueKind::kDate, &l.created_at),
              Col("qualified_at", ValueKind::kDate, &l.qualified_at),
              Col("channel", ValueKind::kCode, &l.channel),
              Col("segment", ValueKind::kCode, &l.segment)};
    }
    case Table::kOpportunities:
      return OpportunityColumns(d.opportunities);
    case Table::kOpportunityHistory: {
      OpportunityHistory& h = d.opportunity_history;
      return {Col("opportunity_id", ValueKind::kOpportunity, &h.opportunity),
              Col("changed_at", ValueKind::kDate, &h.changed_at),
              Col("stage", ValueKind::kCode, &h.stage),
              EnumCol("status", &h.status, OpportunityStatusName, kStatuses),
              Col("amount", ValueKind::kNumber, &h.amount),
              Col("expected_close", ValueKind::kDate, &h.expected_close)};
    }
    case Table::kSubscriptions:
      return SubscriptionColumns(d.subscriptions);
    default:
      return EventColumns(d, t);
  }
}

std::vector<StoredColumn> StoredColumns(const Dataset& d, Table t) {
  // The columns are only read through a const Dataset (see the header).
  return StoredColumns(const_cast<Dataset&>(d), t);
}

int KeyColumn(Table t) { return KeyColumnIndex(t); }

size_t ColumnSize(const ColumnData& data) {
  return std::visit([](const auto* column) { return static_cast<size_t>(column->size()); }, data);
}

}  // namespace flywheel
