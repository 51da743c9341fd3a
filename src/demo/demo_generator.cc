// The demo company: a B2B SaaS business selling a revenue-analytics platform to five
// segments that differ in win rate, sales cycle, deal size, churn and expansion.
//
// Every account is simulated on its own random stream (seed, account index), from its first
// lead through deals, subscriptions, usage, support and surveys, and its rows are appended
// to the tables at once. Company-level tables (spend, finance, fx) come from their own
// stream and from the revenue the accounts produced. docs/DEMO_DATA.md describes the result.
#include "demo/demo_generator.h"

#include <fmt/format.h>

#include <sys/stat.h>
#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

#include "demo/csv_table_writer.h"
#include "demo/demo_random.h"
#include "model/schema.h"

namespace flywheel {
namespace {

struct SegmentProfile {
  const char* name;
  const char* industry;
  double share;           // share of accounts
  double qualify_rate;    // share of the accounts' own leads that qualify
  double win_rate;        // new deals won
  double cycle_days;      // median sales cycle of a new deal
  double mrr_median;      // median first MRR in USD
  double monthly_churn;   // churn hazard per month (before the adoption factor)
  double expansion_rate;  // chance per month of an expansion deal
  double reactivation;    // chance that a churned customer returns
  double employees_median;
  double tickets_per_month;
};

// Logistics and Retail buy fast and cheap and churn most; Fintech and Healthcare buy slowly,
// pay most and stay; Manufacturing sits in between.
constexpr SegmentProfile kSegments[] = {
    {"Logistics", "transportation", 0.24, 0.62, 0.33, 45, 900, 0.014, 0.030, 0.25, 400, 0.35},
    {"Fintech", "financial_services", 0.18, 0.58, 0.24, 95, 2600, 0.006, 0.045, 0.15, 250, 0.45},
    {"Healthcare", "healthcare", 0.16, 0.55, 0.20, 140, 3200, 0.004, 0.020, 0.10, 900, 0.60},
    {"Retail", "retail", 0.24, 0.65, 0.38, 30, 500, 0.030, 0.012, 0.30, 150, 0.30},
    {"Manufacturing", "manufacturing", 0.18, 0.60, 0.28, 75, 1500, 0.009, 0.022, 0.20, 1200, 0.40},
};
constexpr int kSegmentCount = 5;

struct Country {
  const char* code;
  int region;  // index into kRegions
  bool eur;
  double weight;
};
constexpr const char* kRegions[] = {"NA", "EMEA", "APAC"};
constexpr Country kCountries[] = {
    {"US", 0, false, 42}, {"CA", 0, false, 6}, {"GB", 1, false, 10},   {"DE", 1, true, 14},
    {"FR", 1, true, 8},   {"NL", 1, true, 6},  {"ES", 1, true, 4},     {"SE", 1, false, 3},
    {"AU", 2, false, 4},  {"SG", 2, false, 3}, {"IR", 1, false, 0.25}, {"KP", 2, false, 0.15},
};
constexpr int kCountryCount = 12;

constexpr const char* kReps[3][4] = {
    {"Avery Collins", "Jordan Reyes", "Morgan Lee", "Taylor Brooks"},
    {"Lena Fischer", "Hugo Martin", "Sofia Rossi", "Daan de Vries"},
    {"Priya Nair", "Kenji Sato", "Priya Nair", "Kenji Sato"},
};
constexpr const char* kPrograms[] = {"land_and_expand", "partner_co_sell", "enterprise_push"};
constexpr const char* kLostReasons[] = {"price", "competitor", "no_decision", "timing", "missing_feature"};
constexpr const char* kChurnReasons[] = {"budget_cut", "switched_to_competitor", "no_adoption"};
constexpr const char* kSources[] = {"inbound", "outbound", "partner", "referral", "event"};
constexpr double kSourceWeights[] = {40, 25, 15, 10, 10};
constexpr const char* kLeadChannels[] = {"inbound", "outbound", "event", "partner", "paid"};
constexpr double kLeadChannelWeights[] = {35, 20, 15, 10, 20};
constexpr const char* kCrms[] = {"salesforce", "hubspot", "pipedrive", "dynamics"};
constexpr double kCrmAdoption[] = {0.78, 0.88, 0.70, 0.60};  // share of customers that adopt
constexpr const char* kNameFirst[] = {"North",   "Blue",  "Iron",   "Silver", "Bright", "Summit",
                                      "Harbor",  "Cedar", "Falcon", "Nova",   "Atlas",  "Vertex",
                                      "Granite", "Maple", "Orion",  "Pioneer"};
constexpr const char* kNameSecond[] = {"Freight", "Ledger", "Care",     "Goods", "Works",
                                       "Systems", "Labs",   "Partners", "Logic", "Group"};
constexpr const char* kNameSuffix[] = {"Inc", "GmbH", "Ltd", "SA", "BV", "LLC"};

struct Role {
  const char* title;
  const char* seniority;
};
constexpr Role kRoles[] = {{"CEO", "c_level"},
                           {"CFO", "c_level"},
                           {"VP Sales", "vp"},
                           {"VP Customer Success", "vp"},
                           {"Head of RevOps", "director"},
                           {"Sales Ops Manager", "manager"},
                           {"Finance Manager", "manager"},
                           {"Account Executive", "individual"},
                           {"Data Analyst", "individual"}};
constexpr int kRoleCount = 9;

constexpr const char* kOpenStages[] = {"Discovery", "Demo", "Proposal", "Negotiation"};
constexpr const char* kForecastByStage[] = {"pipeline", "pipeline", "best_case", "commit"};
constexpr const char* kAdvocacyTypes[] = {"reference", "case_study", "testimonial",
                                          "talk",      "review",     "referral"};
constexpr const char* kSpendCategories[] = {"marketing", "sales", "customer_success", "product", "g_and_a"};
constexpr const char* kUsageValueMetric = "report_created";

enum class Outcome { kOpen, kWon, kLost };

// A deal as the generator plans it; EmitDeal() turns it into its opportunity row and the
// history rows that replay its life.
struct Deal {
  const char* type = "new";
  Day created = 0;
  Day close = 0;  // the close day; for open deals the expected close after any slip
  Outcome outcome = Outcome::kOpen;
  int64_t amount_cents = 0;          // final ACV
  int64_t initial_amount_cents = 0;  // ACV when created
  Day initial_expected = 0;          // expected close when created (≤ close)
  const char* currency = "USD";
  const char* owner = "";
  const char* program = nullptr;
  const char* lost_reason = nullptr;
  int lost_stage = 0;  // the last stage reached by a lost deal, 0..3
};

// One change in a deal's life (EmitDeal replays them in order as history rows).
struct DealEvent {
  Day day;
  int order;
  int kind;  // 0 stage, 1 amount, 2 expected close, 3 close
  int64_t value;
};

// A deal's events in the order they happened (at most 3 stages, amount, expected close, close).
struct DealEvents {
  DealEvent items[8];
  int n = 0;
};

// A deal's fields as its latest history row shows them.
struct DealState {
  int stage = 0;
  int64_t amount = 0;
  Day expected = 0;
  const char* stage_name = kOpenStages[0];
  const char* status = "open";
};

// One account being simulated: what DrawProfile() draws, and what each later pass of
// SimulateAccount() leaves for the passes after it.
struct AccountDraft {
  int64_t index = 0;
  int64_t account = 0;  // the account number, index + 1
  const SegmentProfile* seg = nullptr;
  const Country* country = nullptr;
  const char* currency = "USD";
  int crm = 0;
  int source = 0;
  int64_t employees = 0;
  int64_t annual_revenue_cents = 0;
  Day created = 0;
  const char* owner = "";
  bool adopter = false;  // adopted its CRM's integration
  double churn_factor = 1.0;
  // WriteContacts()
  int64_t first_contact = 0;
  int contacts = 0;
  // WriteLeads()
  Day qualified = kNullDay;
  // SimulateNewDeals()
  int period = 1;  // billing period in months: 1, 3 or 12
  double eur_factor = 1.0;
  const char* program = nullptr;
  Day won_day = kNullDay;
  int64_t first_mrr = 0;
  // SimulateCustomer()
  const char* plan_tier = "";
  std::vector<std::pair<Day, Day>> lives;  // [start, end) of each paying period
};

// What a customer pays for over all its lives: the platform, or the legacy suite.
struct CustomerPlan {
  bool legacy = false;
  const char* product = "Platform";
  const char* line = "platform";
  const char* margin = nullptr;
  double hazard = 0;           // churn hazard per month
  bool price_changed = false;  // the list price change has reached this customer
};

// The recurring subscription row not yet written: its start and its MRR.
struct OpenRow {
  Day start;
  int64_t mrr;
};

// How one paying period ended: the churn day (kOpenEnd when it lasts) and the last MRR.
struct LifeEnd {
  Day churn_day;
  int64_t mrr;
};

int64_t RoundCents(double cents) { return static_cast<int64_t>(std::llround(cents)); }
// Rounds a USD/EUR amount to whole tens, as list prices are, and returns cents.
int64_t PriceCents(double units) {
  int64_t tens = static_cast<int64_t>(std::llround(units / 10.0));
  return std::max<int64_t>(tens, 1) * 1000;
}

Day AddMonths(Day d, int n) {
  int y, m, dd;
  CivilFromDay(d, &y, &m, &dd);
  const Month target = MakeMonth(y, m) + n;
  const Day first = FirstDayOfMonth(target);
  const int length = LastDayOfMonth(target) - first + 1;
  return first + std::min(dd, length) - 1;
}

class DemoCompany {
 public:
  DemoCompany(const DemoOptions& options)
      : options_(options),
        end_(options.end),
        end_month_(MonthOfDay(options.end)),
        first_month_(end_month_ - options.months + 1),
        start_(FirstDayOfMonth(first_month_)),
        price_change_day_(FirstDayOfMonth(std::max(first_month_ + 1, end_month_ - 11))),
        revenue_usd_cents_(options.months, 0.0) {
    cache_first_ = start_ - 400;
    const Day cache_last = end_ + 800;
    day_text_.resize(static_cast<size_t>(cache_last - cache_first_ + 1));
    for (Day d = cache_first_; d <= cache_last; ++d) {
      const std::string text = FormatDate(d);
      std::copy_n(text.data(), 10, day_text_[d - cache_first_].data());
    }
    // Accounts appear with company growth (3 % a month) and fewer in summer and December.
    month_cdf_.resize(options.months);
    double total = 0;
    for (int i = 0; i < options.months; ++i) {
      total += (1.0 + 0.03 * i) * Season(MonthNumberOf(first_month_ + i));
      month_cdf_[i] = total;
    }
    for (double& c : month_cdf_) c /= total;
    MakeFx();
  }

  Status Open(const std::string& dir);
  void SimulateAccount(int64_t index);
  void WriteCompanyTables();
  Status Finish();
  void Abandon();
  std::vector<DemoFileSummary> Summary() const {
    std::vector<DemoFileSummary> files;
    for (const auto& t : tables_) files.push_back({t->file_name(), t->rows()});
    return files;
  }

 private:
  static double Season(int month_number) {
    switch (month_number) {
      case 7:
        return 0.75;
      case 8:
        return 0.65;
      case 12:
        return 0.8;
      case 1:
        return 1.1;
      case 9:
        return 1.15;
      default:
        return 1.0;
    }
  }

  // ---- formatting helpers ----
  static void Put(fmt::memory_buffer& b, std::string_view s) { b.append(s); }
  static void Comma(fmt::memory_buffer& b) { b.push_back(','); }
  static void PutInt(fmt::memory_buffer& b, int64_t v) { fmt::format_to(std::back_inserter(b), "{}", v); }
  static void PutCents(fmt::memory_buffer& b, int64_t cents) {
    if (cents < 0) {
      b.push_back('-');
      cents = -cents;
    }
    if (cents % 100 == 0) {
      fmt::format_to(std::back_inserter(b), "{}", cents / 100);
    } else {
      fmt::format_to(std::back_inserter(b), "{}.{:02d}", cents / 100, cents % 100);
    }
  }
  void PutDay(fmt::memory_buffer& b, Day d) const {
    if (d >= cache_first_ && d - cache_first_ < static_cast<Day>(day_text_.size())) {
      const auto& t = day_text_[d - cache_first_];
      b.append(t.data(), t.data() + 10);
    } else {
      b.append(FormatDate(d));
    }
  }
  static void PutId(fmt::memory_buffer& b, char prefix, int64_t n) {
    fmt::format_to(std::back_inserter(b), "{}{:07d}", prefix, n);
  }

  Day RandomDayInHistory(DemoRandom& rng) const {
    const double u = rng.Uniform();
    const int i =
        static_cast<int>(std::lower_bound(month_cdf_.begin(), month_cdf_.end(), u) - month_cdf_.begin());
    const Month m = first_month_ + std::min(i, options_.months - 1);
    return static_cast<Day>(rng.Between(FirstDayOfMonth(m), LastDayOfMonth(m)));
  }
  double FxRate(Month m) const {
    const int i = std::clamp(m - first_month_, 0, options_.months - 1);
    return eur_rate_[i];
  }
  void MakeFx() {
    DemoRandom rng(options_.seed, 0xF0F0F0F0ULL);
    double rate = 1.08;
    eur_rate_.resize(options_.months);
    for (int i = 0; i < options_.months; ++i) {
      rate += rng.Normal() * 0.008;
      rate = std::clamp(rate, 1.05, 1.12);
      eur_rate_[i] = std::round(rate * 10000.0) / 10000.0;
    }
  }

  // ---- one account, pass by pass (SimulateAccount); each pass draws from the account's
  // stream in the order the passes run, so the order of calls is part of the output ----
  AccountDraft DrawProfile(int64_t index, DemoRandom& rng) const;
  void WriteContacts(AccountDraft& a, DemoRandom& rng);
  void WriteLeads(AccountDraft& a, DemoRandom& rng);
  void WriteLead(int64_t account, Day day, Day qualified, int channel, const char* segment);
  void SimulateNewDeals(AccountDraft& a, DemoRandom& rng);
  void SimulateOutboundDeals(const AccountDraft& a);
  void SimulateCustomer(AccountDraft& a, DemoRandom& rng);
  LifeEnd SimulateLife(const AccountDraft& a, CustomerPlan& plan, DemoRandom& rng, Day life_start,
                       int64_t mrr);
  void EmitRenewal(const AccountDraft& a, DemoRandom& rng, Day life_start, Day day, int k, int64_t mrr,
                   bool churns);
  bool EmitExpansion(const AccountDraft& a, DemoRandom& rng, Day life_start, Day day, int64_t mrr,
                     int64_t* delta);
  void EmitOpenExpansion(const AccountDraft& a, DemoRandom& rng, Day life_start, int64_t mrr);
  void EmitWinBack(const AccountDraft& a, DemoRandom& rng, Day churn_day, Day back, int64_t mrr);
  void WriteReportsAddOn(const AccountDraft& a, DemoRandom& rng);
  void ChangeMrr(const AccountDraft& a, const CustomerPlan& plan, OpenRow& row, Day day, int64_t new_mrr);
  void WriteRecurringRow(const AccountDraft& a, const CustomerPlan& plan, Day start, Day end, int64_t mrr);
  void WriteActivity(const AccountDraft& a, DemoRandom& rng);
  void WriteUsage(const AccountDraft& a, DemoRandom& rng, Day lo, Day hi, Day day, bool api_user);
  void WriteUsageRow(int64_t account, Day day, const char* metric, int64_t value);
  void WriteTickets(const AccountDraft& a, DemoRandom& rng, Day lo, Day hi, bool onboarding);
  void WriteNps(const AccountDraft& a, DemoRandom& rng, Day day);
  void WriteJourney(const AccountDraft& a, DemoRandom& rng);
  void WriteJourneyRow(int64_t account, const char* stage, Day day);
  void WriteAccountRow(const AccountDraft& a, DemoRandom& rng);

  // ---- deals ----
  static Deal AccountDeal(const AccountDraft& a, const char* type, Day created, Day close,
                          int64_t amount_cents);
  void EmitDeal(int64_t account, const Deal& deal);
  DealEvents PlanDealEvents(const Deal& deal) const;
  DealState WriteDealHistory(int64_t id, const Deal& deal);
  void WriteHistoryRow(int64_t id, Day day, const DealState& s);
  void WriteOpportunityRow(int64_t id, int64_t account, const Deal& deal, const DealState& s);
  void EmitSubscription(int64_t account, Day start, Day end, int64_t amount_cents, int period,
                        const char* currency, const char* revenue_type, const char* product, const char* line,
                        const char* gross_margin);
  void EmitSubscriptionRow(int64_t account, Day start, Day end, int64_t amount_cents, int period,
                           const char* currency, const char* revenue_type, const char* product,
                           const char* line, const char* gross_margin);
  void AddRevenue(Day start, Day end, int64_t mrr_cents, bool eur);

  enum TableIndex {
    kAccounts,
    kContacts,
    kLeads,
    kOpportunities,
    kHistory,
    kSubscriptions,
    kUsage,
    kTickets,
    kNps,
    kAdvocacy,
    kSpend,
    kFinance,
    kFx,
    kJourney,
    kTables
  };
  static_assert(kTables == kTableCount, "one writer for each table of the schema, in Table order");

  const DemoOptions options_;
  const Day end_;
  const Month end_month_, first_month_;
  const Day start_;
  const Day price_change_day_;
  Day cache_first_ = 0;
  std::vector<std::array<char, 10>> day_text_;
  std::vector<double> month_cdf_;
  std::vector<double> eur_rate_;
  std::vector<double> revenue_usd_cents_;  // MRR in USD cents per history month
  std::array<std::unique_ptr<CsvTableWriter>, kTables> tables_;
  std::string dir_;
  int64_t next_contact_ = 1, next_lead_ = 1, next_opportunity_ = 1, next_subscription_ = 1, next_ticket_ = 1;
};

Status DemoCompany::Open(const std::string& dir) {
  dir_ = dir;
  for (int t = 0; t < kTables; ++t) {
    tables_[t] = std::make_unique<CsvTableWriter>();
    const Table table = static_cast<Table>(t);
    std::string header = CanonicalHeader(table);
    if (table == Table::kAccounts) header += ",attr_plan_tier,attr_crm";
    FLYWHEEL_RETURN_IF_ERROR(tables_[t]->Open(dir, std::string(TableName(table)) + ".csv", header));
  }
  return Status::Ok();
}

// A deal of the account with one expected close from the start (no slip), still open.
Deal DemoCompany::AccountDeal(const AccountDraft& a, const char* type, Day created, Day close,
                              int64_t amount_cents) {
  Deal deal;
  deal.type = type;
  deal.created = created;
  deal.close = close;
  deal.initial_expected = close;
  deal.amount_cents = deal.initial_amount_cents = amount_cents;
  deal.currency = a.currency;
  deal.owner = a.owner;
  return deal;
}

// Writes the deal's history rows and then its opportunity row, under the next opportunity id.
void DemoCompany::EmitDeal(int64_t account, const Deal& deal) {
  const int64_t id = next_opportunity_++;
  const DealState state = WriteDealHistory(id, deal);
  WriteOpportunityRow(id, account, deal, state);
}

// The deal's stage, amount, expected-close and close changes in the order they happened.
DealEvents DemoCompany::PlanDealEvents(const Deal& deal) const {
  DealEvent events[8];
  int n = 0;
  const bool closed = deal.outcome != Outcome::kOpen;
  const int last_stage = deal.outcome == Outcome::kLost ? deal.lost_stage : 3;
  const int steps = deal.outcome == Outcome::kLost ? deal.lost_stage + 1 : 4;
  const int64_t span = deal.close - deal.created;
  for (int k = 1; k <= last_stage; ++k) {
    const Day day = deal.created + static_cast<Day>(span * k / steps);
    if (day <= end_ && (!closed || day <= deal.close)) events[n++] = {day, k, 0, k};
  }
  if (deal.initial_amount_cents != deal.amount_cents) {
    Day day = deal.created + static_cast<Day>(span / 2) + 2;
    if (closed) day = std::min<Day>(day, deal.close);
    if (day <= end_) events[n++] = {day, 10, 1, deal.amount_cents};
  }
  if (deal.initial_expected < deal.close) {
    const Day day = std::max(deal.created, deal.initial_expected - 3);
    if (day <= end_ && (!closed || day <= deal.close)) events[n++] = {day, 11, 2, deal.close};
  }
  if (closed) events[n++] = {deal.close, 20, 3, deal.outcome == Outcome::kWon ? 1 : 0};
  std::sort(events, events + n, [](const DealEvent& a, const DealEvent& b) {
    return a.day != b.day ? a.day < b.day : a.order < b.order;
  });
  DealEvents planned;
  std::copy_n(events, n, planned.items);
  planned.n = n;
  return planned;
}

// Writes the history row of the deal's creation and one per event; returns the final state.
DealState DemoCompany::WriteDealHistory(int64_t id, const Deal& deal) {
  const DealEvents events = PlanDealEvents(deal);
  DealState s;
  s.amount = deal.initial_amount_cents;
  s.expected = deal.initial_expected;
  WriteHistoryRow(id, deal.created, s);
  for (int i = 0; i < events.n; ++i) {
    const DealEvent& e = events.items[i];
    switch (e.kind) {
      case 0:
        s.stage = static_cast<int>(e.value);
        s.stage_name = kOpenStages[s.stage];
        break;
      case 1:
        s.amount = e.value;
        break;
      case 2:
        s.expected = static_cast<Day>(e.value);
        break;
      case 3:
        s.stage_name = e.value ? "Closed Won" : "Closed Lost";
        s.status = e.value ? "won" : "lost";
        s.expected = deal.close;
        break;
    }
    WriteHistoryRow(id, e.day, s);
  }
  return s;
}

// One opportunity_history.csv row: the deal as it stood from `day`.
void DemoCompany::WriteHistoryRow(int64_t id, Day day, const DealState& s) {
  auto& h = tables_[kHistory]->buffer();
  PutId(h, 'O', id);
  Comma(h);
  PutDay(h, day);
  Comma(h);
  Put(h, s.stage_name);
  Comma(h);
  Put(h, s.status);
  Comma(h);
  PutCents(h, s.amount);
  Comma(h);
  PutDay(h, s.expected);
  tables_[kHistory]->EndRow();
}

// The opportunities.csv row: the deal in its final state.
void DemoCompany::WriteOpportunityRow(int64_t id, int64_t account, const Deal& deal, const DealState& s) {
  const bool closed = deal.outcome != Outcome::kOpen;
  auto& b = tables_[kOpportunities]->buffer();
  PutId(b, 'O', id);
  Comma(b);
  PutId(b, 'A', account);
  Comma(b);
  Put(b, deal.type);
  Comma(b);
  PutDay(b, deal.created);
  Comma(b);
  if (closed) PutDay(b, deal.close);
  Comma(b);
  Put(b, s.status);
  Comma(b);
  PutCents(b, s.amount);
  Comma(b);
  Put(b, deal.currency);
  Comma(b);
  Put(b, s.stage_name);
  Comma(b);
  Put(b, deal.owner);
  Comma(b);
  if (deal.outcome == Outcome::kLost && deal.lost_reason) Put(b, deal.lost_reason);
  Comma(b);
  if (deal.program) Put(b, deal.program);
  Comma(b);
  PutDay(b, s.expected);
  Comma(b);
  if (closed) {
    Put(b, "closed");
  } else {
    Put(b, (id % 23 == 0) ? "omitted" : kForecastByStage[s.stage]);
  }
  tables_[kOpportunities]->EndRow();
}

void DemoCompany::EmitSubscription(int64_t account, Day start, Day end, int64_t amount_cents, int period,
                                   const char* currency, const char* revenue_type, const char* product,
                                   const char* line, const char* gross_margin) {
  if (options_.billing_terms && std::string_view(revenue_type) == "recurring") {
    // One row per term from the row's start; a term that begins after the history ends is not
    // written, and the last one written keeps the row's end (open or not).
    for (int term = 1;; ++term) {
      const Day term_end = AddMonths(start, term * period);
      const Day term_start = AddMonths(start, (term - 1) * period);
      if (term_end >= end || term_end > end_) {
        EmitSubscriptionRow(account, term_start, end, amount_cents, period, currency, revenue_type, product,
                            line, gross_margin);
        return;
      }
      EmitSubscriptionRow(account, term_start, term_end, amount_cents, period, currency, revenue_type,
                          product, line, gross_margin);
    }
  }
  EmitSubscriptionRow(account, start, end, amount_cents, period, currency, revenue_type, product, line,
                      gross_margin);
}

void DemoCompany::EmitSubscriptionRow(int64_t account, Day start, Day end, int64_t amount_cents, int period,
                                      const char* currency, const char* revenue_type, const char* product,
                                      const char* line, const char* gross_margin) {
  auto& b = tables_[kSubscriptions]->buffer();
  PutId(b, 'S', next_subscription_++);
  Comma(b);
  PutId(b, 'A', account);
  Comma(b);
  PutDay(b, start);
  Comma(b);
  if (end != kOpenEnd) PutDay(b, end);
  Comma(b);
  PutCents(b, amount_cents);
  Comma(b);
  Put(b, period == 12 ? "year" : period == 3 ? "quarter" : "month");
  Comma(b);
  Put(b, currency);
  Comma(b);
  Put(b, revenue_type);
  Comma(b);
  Put(b, product);
  Comma(b);
  Put(b, line);
  Comma(b);
  if (gross_margin) Put(b, gross_margin);
  tables_[kSubscriptions]->EndRow();
}

// Counts a recurring row's MRR in every history month whose 15th it covers.
void DemoCompany::AddRevenue(Day start, Day end, int64_t mrr_cents, bool eur) {
  const Month from = std::max(MonthOfDay(start), first_month_);
  const Month to = end == kOpenEnd ? end_month_ : std::min(MonthOfDay(end), end_month_);
  for (Month m = from; m <= to; ++m) {
    const Day mid = FirstDayOfMonth(m) + 14;
    if (mid < start || mid >= end) continue;
    revenue_usd_cents_[m - first_month_] += mrr_cents * (eur ? FxRate(m) : 1.0);
  }
}

// Simulates one account on its own random stream, pass by pass, and appends its rows.
void DemoCompany::SimulateAccount(int64_t index) {
  DemoRandom rng(options_.seed, static_cast<uint64_t>(index) + 1);
  AccountDraft a = DrawProfile(index, rng);
  WriteContacts(a, rng);
  WriteLeads(a, rng);
  SimulateNewDeals(a, rng);
  if (options_.outbound_deals > 0) SimulateOutboundDeals(a);
  if (a.won_day != kNullDay) SimulateCustomer(a, rng);
  WriteActivity(a, rng);
  WriteJourney(a, rng);
  WriteAccountRow(a, rng);  // last: its plan tier is known only now
}

// Draws the account's segment, country, CRM, source, size, first day, owner and adoption.
AccountDraft DemoCompany::DrawProfile(int64_t index, DemoRandom& rng) const {
  AccountDraft a;
  a.index = index;
  a.account = index + 1;
  double seg_weights[kSegmentCount];
  for (int i = 0; i < kSegmentCount; ++i) seg_weights[i] = kSegments[i].share;
  a.seg = &kSegments[rng.Weighted(seg_weights, kSegmentCount)];
  double country_weights[kCountryCount];
  for (int i = 0; i < kCountryCount; ++i) country_weights[i] = kCountries[i].weight;
  a.country = &kCountries[rng.Weighted(country_weights, kCountryCount)];
  a.currency = a.country->eur ? "EUR" : "USD";
  a.crm = static_cast<int>(rng.Below(4));
  a.source = rng.Weighted(kSourceWeights, 5);
  a.employees = std::max<int64_t>(5, static_cast<int64_t>(rng.LogNormal(a.seg->employees_median, 0.9)));
  a.annual_revenue_cents = PriceCents(a.employees * rng.LogNormal(180000, 0.4) / 1000.0) * 1000;
  a.created = RandomDayInHistory(rng);
  a.owner = kReps[a.country->region][rng.Below(4)];
  a.adopter = rng.Chance(kCrmAdoption[a.crm]);
  a.churn_factor = a.adopter ? 1.0 : 2.5;
  return a;
}

// Writes the account's one to four contacts; the first is an executive and decision maker.
void DemoCompany::WriteContacts(AccountDraft& a, DemoRandom& rng) {
  a.contacts = 1 + static_cast<int>(rng.Below(4));
  a.first_contact = next_contact_;
  for (int c = 0; c < a.contacts; ++c) {
    auto& b = tables_[kContacts]->buffer();
    const Role& role = kRoles[c == 0 ? rng.Below(3) : rng.Below(kRoleCount)];
    PutId(b, 'C', next_contact_++);
    Comma(b);
    PutId(b, 'A', a.account);
    Comma(b);
    Put(b, role.title);
    Comma(b);
    Put(b, role.seniority);
    Comma(b);
    Put(b, rng.Chance(0.3) ? "true" : "false");
    Comma(b);
    Put(b, c == 0 ? "true" : "false");
    tables_[kContacts]->EndRow();
  }
}

// Writes the account's own lead (qualified or not), then leads of companies not (yet) known
// as accounts.
void DemoCompany::WriteLeads(AccountDraft& a, DemoRandom& rng) {
  if (rng.Chance(a.seg->qualify_rate)) {
    const Day q = a.created + static_cast<Day>(rng.Between(2, 30));
    if (q <= end_) a.qualified = q;
  }
  const int source = a.source;
  WriteLead(a.account, a.created, a.qualified,
            source == 4   ? 2
            : source == 2 ? 3
            : source == 1 ? 1
                          : 0,
            nullptr);
  const int anonymous_leads = rng.Poisson(options_.anonymous_leads);
  for (int l = 0; l < anonymous_leads; ++l) {
    const Day day = RandomDayInHistory(rng);
    Day q = kNullDay;
    if (rng.Chance(0.15) && day + 10 <= end_) q = day + static_cast<Day>(rng.Between(1, 10));
    // Drawn one by one: the order of a call's arguments is up to the compiler.
    const char* segment = rng.Chance(0.6) ? kSegments[rng.Below(kSegmentCount)].name : nullptr;
    const int channel = rng.Weighted(kLeadChannelWeights, 5);
    WriteLead(0, day, q, channel, segment);
  }
}

// One leads.csv row; `account` 0 for a lead of no known account.
void DemoCompany::WriteLead(int64_t account, Day day, Day qualified, int channel, const char* segment) {
  auto& b = tables_[kLeads]->buffer();
  PutId(b, 'L', next_lead_++);
  Comma(b);
  if (account > 0) PutId(b, 'A', account);
  Comma(b);
  PutDay(b, day);
  Comma(b);
  if (qualified != kNullDay) PutDay(b, qualified);
  Comma(b);
  Put(b, kLeadChannels[channel]);
  Comma(b);
  if (segment) Put(b, segment);
  tables_[kLeads]->EndRow();
}

// Draws the billing period and program, then new deals: the first after qualification,
// retries after a loss; sets the won day and first MRR when one is won.
void DemoCompany::SimulateNewDeals(AccountDraft& a, DemoRandom& rng) {
  const SegmentProfile& seg = *a.seg;
  a.period = rng.Chance(0.55) ? 1 : rng.Chance(0.45) ? 3 : 12;
  a.eur_factor = a.country->eur ? 1.0 / 1.08 : 1.0;
  a.program = rng.Chance(0.25) ? kPrograms[rng.Below(3)] : nullptr;
  Day deal_start = a.qualified == kNullDay ? kNullDay : a.qualified + static_cast<Day>(rng.Between(0, 14));
  for (int attempt = 0; attempt < 3 && deal_start != kNullDay && deal_start <= end_; ++attempt) {
    Deal deal;
    deal.created = deal_start;
    deal.currency = a.currency;
    deal.owner = a.owner;
    deal.program = a.program;
    const int64_t mrr = PriceCents(rng.LogNormal(seg.mrr_median, 0.6) * a.eur_factor);
    deal.amount_cents = 12 * mrr;
    deal.initial_amount_cents =
        rng.Chance(0.3) ? PriceCents(12 * mrr / 100.0 * rng.Uniform(0.8, 1.25)) : deal.amount_cents;
    Day close = deal.created + std::max<Day>(7, static_cast<Day>(rng.LogNormal(seg.cycle_days, 0.45)));
    int close_y, close_m, close_d;
    CivilFromDay(close, &close_y, &close_m, &close_d);
    if ((close_m == 10 || close_m == 11) && rng.Chance(0.35)) {
      close = DayFromCivil(close_y, 12, static_cast<int>(rng.Between(10, 30)));  // year-end push
    } else if (close_m % 3 != 0 && rng.Chance(0.15)) {
      const Month quarter_end = MakeMonth(close_y, close_m + (3 - close_m % 3));
      close = LastDayOfMonth(quarter_end) - static_cast<Day>(rng.Below(7));
    }
    deal.close = close;
    // Longer deals often slip: the first expected close was earlier than the real one.
    deal.initial_expected =
        close - deal.created > 40 && rng.Chance(0.35) ? close - static_cast<Day>(rng.Between(14, 40)) : close;
    deal.initial_expected = std::max(deal.initial_expected, deal.created + 1);
    if (close > end_) {
      deal.outcome = Outcome::kOpen;
      EmitDeal(a.account, deal);
      break;
    }
    const double win = seg.win_rate * (close_m == 12 ? 1.15 : 1.0) * (a.program ? 1.1 : 1.0);
    if (rng.Chance(win)) {
      deal.outcome = Outcome::kWon;
      EmitDeal(a.account, deal);
      a.won_day = close;
      a.first_mrr = mrr;
      break;
    }
    deal.outcome = Outcome::kLost;
    deal.lost_stage = static_cast<int>(rng.Below(4));
    deal.lost_reason = kLostReasons[rng.Below(5)];
    EmitDeal(a.account, deal);
    if (!rng.Chance(0.35)) break;
    deal_start = close + static_cast<Day>(rng.Between(120, 360));
  }
}

// Outbound deals (DemoOptions::outbound_deals), from a stream of their own: between the
// company's first lead and the day before its first win (the end of the history when it
// never won), lost at stage 0 or 1 before that win, or open when the company never bought.
void DemoCompany::SimulateOutboundDeals(const AccountDraft& a) {
  DemoRandom out(options_.seed, (uint64_t{1} << 62) + static_cast<uint64_t>(a.index));
  const int n = out.Poisson(options_.outbound_deals);
  const Day last = a.won_day != kNullDay ? a.won_day - 1 : end_;
  for (int k = 0; k < n && last - a.created >= 14; ++k) {
    Deal deal;
    deal.created = a.created + static_cast<Day>(out.Between(0, last - a.created - 7));
    deal.currency = a.currency;
    deal.owner = a.owner;
    deal.amount_cents = deal.initial_amount_cents =
        12 * PriceCents(out.LogNormal(a.seg->mrr_median, 0.6) * a.eur_factor);
    Day close =
        deal.created + std::max<Day>(7, static_cast<Day>(out.LogNormal(a.seg->cycle_days * 0.6, 0.5)));
    deal.outcome = Outcome::kLost;
    if (a.won_day != kNullDay) {
      close = std::min(close, a.won_day - 1);
    } else if (close > end_) {
      deal.outcome = Outcome::kOpen;
    }
    deal.close = deal.initial_expected = close;
    deal.lost_stage = static_cast<int>(out.Below(2));
    deal.lost_reason = kLostReasons[out.Below(5)];
    EmitDeal(a.account, deal);
  }
}

// Customer life: a plan, onboarding services, up to four paying periods with the win-backs
// between them, and the reports add-on; sets the plan tier and the paying periods.
void DemoCompany::SimulateCustomer(AccountDraft& a, DemoRandom& rng) {
  const int64_t usd_mrr = a.country->eur ? a.first_mrr * 108 / 100 : a.first_mrr;
  a.plan_tier = usd_mrr < 100000 ? "starter" : usd_mrr < 300000 ? "growth" : "enterprise";
  CustomerPlan plan;
  plan.legacy = a.won_day < start_ + 365 && rng.Chance(0.3);
  if (plan.legacy) {
    plan.product = "Legacy Suite";
    plan.line = "legacy";
    plan.margin = "0.55";
  }
  plan.hazard = a.seg->monthly_churn * a.churn_factor * (plan.legacy ? 1.5 : 1.0);
  Day life_start = a.won_day;
  int64_t mrr = a.first_mrr;
  if (rng.Chance(0.3)) {
    EmitSubscription(a.account, a.won_day, std::min<Day>(a.won_day + 30, end_),
                     PriceCents(mrr / 100.0 * rng.Uniform(1.5, 4.0)), 1, a.currency, "services", "Onboarding",
                     plan.line, nullptr);
  }
  for (int life = 0; life < 4; ++life) {
    const LifeEnd ended = SimulateLife(a, plan, rng, life_start, mrr);
    a.lives.emplace_back(life_start, ended.churn_day);
    if (ended.churn_day == kOpenEnd) {
      if (!plan.legacy && rng.Chance(a.seg->expansion_rate * 3)) {
        EmitOpenExpansion(a, rng, life_start, ended.mrr);
      }
      break;
    }
    if (!rng.Chance(a.seg->reactivation)) break;
    const Day back = ended.churn_day + static_cast<Day>(rng.Between(90, 300));
    if (back > end_) break;
    mrr = PriceCents(mrr / 100.0 * rng.Uniform(0.8, 1.1));
    EmitWinBack(a, rng, ended.churn_day, back, mrr);
    life_start = back;
  }
  if (!plan.legacy && rng.Chance(0.2)) WriteReportsAddOn(a, rng);
}

// One paying period from `life_start` at `mrr`: month by month its renewals, churn, the list
// price change, downgrades and expansions, written as recurring subscription rows.
LifeEnd DemoCompany::SimulateLife(const AccountDraft& a, CustomerPlan& plan, DemoRandom& rng, Day life_start,
                                  int64_t mrr) {
  OpenRow row{life_start, mrr};
  Day churn_day = kOpenEnd;
  for (int k = 1;; ++k) {
    const Day day = AddMonths(life_start, k);
    if (day > end_) break;
    if (k % a.period == 0) {
      const bool churns = rng.Chance(1.0 - std::pow(1.0 - plan.hazard, a.period));
      if (a.period == 12 || (a.period == 3 && options_.billing_terms)) {
        EmitRenewal(a, rng, life_start, day, k, row.mrr, churns);
      }
      if (churns) {
        churn_day = day;
        break;
      }
      if (!plan.price_changed && day >= price_change_day_ && life_start < price_change_day_ && !plan.legacy &&
          rng.Chance(0.7)) {
        plan.price_changed = true;
        ChangeMrr(a, plan, row, day, RoundCents(row.mrr * 1.08));
      } else if (rng.Chance(std::min(0.5, 0.008 * a.period))) {
        ChangeMrr(a, plan, row, day,
                  std::max<int64_t>(1000, PriceCents(row.mrr / 100.0 * rng.Uniform(0.6, 0.85))));
      }
    }
    int64_t delta = 0;
    if (!plan.legacy && rng.Chance(a.seg->expansion_rate) &&
        EmitExpansion(a, rng, life_start, day, row.mrr, &delta)) {
      ChangeMrr(a, plan, row, day, row.mrr + delta);
    }
  }
  WriteRecurringRow(a, plan, row.start, churn_day, row.mrr);
  return {churn_day, row.mrr};
}

// The renewal deal of the term ending on `day` (the k-th month of the life): won, or lost
// when the customer churns.
void DemoCompany::EmitRenewal(const AccountDraft& a, DemoRandom& rng, Day life_start, Day day, int k,
                              int64_t mrr, bool churns) {
  Deal renewal = AccountDeal(a, "renewal", std::max(life_start + 1, day - 60), day, 12 * mrr);
  renewal.outcome = churns ? Outcome::kLost : Outcome::kWon;
  renewal.lost_stage = 2;
  // A quarterly renewal (billing_terms) draws nothing, so the account's MRR stays that of the
  // data set without them.
  renewal.lost_reason = a.period == 12 ? kChurnReasons[rng.Below(3)] : kChurnReasons[(a.account + k) % 3];
  EmitDeal(a.account, renewal);
}

// An expansion deal closing on `day`; returns whether it was won, and sets `*delta` to the
// MRR it adds.
bool DemoCompany::EmitExpansion(const AccountDraft& a, DemoRandom& rng, Day life_start, Day day, int64_t mrr,
                                int64_t* delta) {
  const Day created = std::max(life_start + 1, day - static_cast<Day>(rng.Between(20, 60)));
  *delta = PriceCents(mrr / 100.0 * rng.Uniform(0.15, 0.5));
  Deal expansion = AccountDeal(a, "expansion", created, day, 12 * *delta);
  expansion.program = a.program;
  const bool won = rng.Chance(0.65);
  expansion.outcome = won ? Outcome::kWon : Outcome::kLost;
  expansion.lost_stage = static_cast<int>(rng.Below(4));
  expansion.lost_reason = kLostReasons[rng.Below(5)];
  EmitDeal(a.account, expansion);
  return won;
}

// An expansion deal still open at the end of the history (pipeline of a paying customer).
void DemoCompany::EmitOpenExpansion(const AccountDraft& a, DemoRandom& rng, Day life_start, int64_t mrr) {
  const Day created = std::max(life_start + 1, end_ - static_cast<Day>(rng.Between(5, 50)));
  const Day close = end_ + static_cast<Day>(rng.Between(10, 90));
  const int64_t amount = 12 * PriceCents(mrr / 100.0 * rng.Uniform(0.2, 0.5));
  if (created <= end_) EmitDeal(a.account, AccountDeal(a, "expansion", created, close, amount));
}

// The won deal that brings a churned customer back on `back` at `mrr`.
void DemoCompany::EmitWinBack(const AccountDraft& a, DemoRandom& rng, Day churn_day, Day back, int64_t mrr) {
  const Day created = std::max(churn_day, back - static_cast<Day>(rng.Between(20, 50)));
  Deal win_back = AccountDeal(a, "new", created, back, 12 * mrr);
  win_back.outcome = Outcome::kWon;
  EmitDeal(a.account, win_back);
}

// The reports add-on (maintenance line), bought during the first paying period.
void DemoCompany::WriteReportsAddOn(const AccountDraft& a, DemoRandom& rng) {
  const auto [life_start, life_end] = a.lives[0];
  const Day addon = life_start + static_cast<Day>(rng.Between(0, 150));
  if (addon > end_ || addon >= life_end) return;
  const int64_t addon_mrr = PriceCents(a.first_mrr / 100.0 * 0.15);
  EmitSubscription(a.account, addon, life_end, addon_mrr * a.period, a.period, a.currency, "recurring",
                   "Reports", "reports", nullptr);
  AddRevenue(addon, life_end, addon_mrr, a.country->eur);
}

// Ends the open row on `day` (when it began before) and goes on at `new_mrr`.
void DemoCompany::ChangeMrr(const AccountDraft& a, const CustomerPlan& plan, OpenRow& row, Day day,
                            int64_t new_mrr) {
  if (day > row.start) {
    WriteRecurringRow(a, plan, row.start, day, row.mrr);
    row.start = day;
  }
  row.mrr = new_mrr;
}

// A recurring subscription row of the plan's product, counted in the monthly revenue.
void DemoCompany::WriteRecurringRow(const AccountDraft& a, const CustomerPlan& plan, Day start, Day end,
                                    int64_t mrr) {
  EmitSubscription(a.account, start, end, mrr * a.period, a.period, a.currency, "recurring", plan.product,
                   plan.line, plan.margin);
  AddRevenue(start, end, mrr, a.country->eur);
}

// Usage, tickets, NPS and advocacy in every month of every paying period.
void DemoCompany::WriteActivity(const AccountDraft& a, DemoRandom& rng) {
  const bool api_user = rng.Chance(0.3);
  for (const auto& [life_start, life_end] : a.lives) {
    const Day last = std::min<Day>(life_end == kOpenEnd ? end_ : life_end - 1, end_);
    for (Month m = MonthOfDay(life_start); m <= MonthOfDay(last); ++m) {
      const Day lo = std::max(FirstDayOfMonth(m), life_start);
      const Day hi = std::min(LastDayOfMonth(m), last);
      if (lo > hi) continue;
      const Day day = static_cast<Day>(rng.Between(lo, hi));  // the month's reports and survey
      WriteUsage(a, rng, lo, hi, day, api_user);
      const bool onboarding = m - MonthOfDay(life_start) < 2;
      WriteTickets(a, rng, lo, hi, onboarding);
      if ((m - MonthOfDay(life_start)) % 6 == 2) WriteNps(a, rng, day);
    }
  }
}

// One month [lo, hi] of usage: weekly logins, reports created on `day`, API calls of API users.
void DemoCompany::WriteUsage(const AccountDraft& a, DemoRandom& rng, Day lo, Day hi, Day day, bool api_user) {
  for (Day week = lo + static_cast<Day>(rng.Below(7)); week <= hi; week += 7) {
    const double logins = rng.LogNormal(a.adopter ? 15 : 4, 0.5);
    WriteUsageRow(a.account, week, "login", std::max<int64_t>(1, static_cast<int64_t>(logins)));
  }
  const int reports = rng.Poisson(a.adopter ? 2.5 : 0.1);
  if (reports > 0) WriteUsageRow(a.account, day, kUsageValueMetric, reports);
  if (api_user) {
    WriteUsageRow(a.account, day, "api_call", static_cast<int64_t>(rng.LogNormal(2000, 0.7)));
  }
}

// One usage.csv row.
void DemoCompany::WriteUsageRow(int64_t account, Day day, const char* metric, int64_t value) {
  auto& u = tables_[kUsage]->buffer();
  PutId(u, 'A', account);
  Comma(u);
  PutDay(u, day);
  Comma(u);
  Put(u, metric);
  Comma(u);
  PutInt(u, value);
  tables_[kUsage]->EndRow();
}

// One month [lo, hi] of support tickets; twice as many in the first two months of a period.
void DemoCompany::WriteTickets(const AccountDraft& a, DemoRandom& rng, Day lo, Day hi, bool onboarding) {
  const int tickets = rng.Poisson(a.seg->tickets_per_month * (onboarding ? 2.0 : 1.0));
  for (int t = 0; t < tickets; ++t) {
    auto& b = tables_[kTickets]->buffer();
    const Day opened = static_cast<Day>(rng.Between(lo, hi));
    const Day closed = opened + static_cast<Day>(rng.Between(0, 14));
    const double r = rng.Uniform();
    const char* escalation = r < 0.004  ? "executive"
                             : r < 0.03 ? "management"
                             : r < 0.08 ? "sales"
                                        : "support";
    PutId(b, 'T', next_ticket_++);
    Comma(b);
    PutId(b, 'A', a.account);
    Comma(b);
    PutDay(b, opened);
    Comma(b);
    if (closed <= end_) PutDay(b, closed);
    Comma(b);
    fmt::format_to(std::back_inserter(b), "{:.1f}", std::min(80.0, rng.LogNormal(1.5, 0.9)));
    Comma(b);
    Put(b, escalation);
    tables_[kTickets]->EndRow();
  }
}

// An NPS answer on `day` (mostly from a known contact) and, after a 9 or 10, sometimes an
// advocacy activity.
void DemoCompany::WriteNps(const AccountDraft& a, DemoRandom& rng, Day day) {
  const int score =
      static_cast<int>(std::clamp(std::lround(rng.Normal() * 1.8 + (a.adopter ? 8.2 : 5.5)), 0L, 10L));
  auto& b = tables_[kNps]->buffer();
  PutId(b, 'A', a.account);
  Comma(b);
  if (rng.Chance(0.8)) PutId(b, 'C', a.first_contact + rng.Below(a.contacts));
  Comma(b);
  PutDay(b, day);
  Comma(b);
  PutInt(b, score);
  tables_[kNps]->EndRow();
  if (score >= 9 && rng.Chance(0.25)) {
    const Day when = std::min<Day>(end_, day + static_cast<Day>(rng.Between(5, 40)));
    auto& v = tables_[kAdvocacy]->buffer();
    PutId(v, 'A', a.account);
    Comma(v);
    PutDay(v, when);
    Comma(v);
    Put(v, kAdvocacyTypes[rng.Below(6)]);
    tables_[kAdvocacy]->EndRow();
  }
}

// A few explicit journey entries, as a CRM would record them by hand.
void DemoCompany::WriteJourney(const AccountDraft& a, DemoRandom& rng) {
  if (a.qualified != kNullDay && rng.Chance(0.04)) {
    WriteJourneyRow(a.account, "education",
                    a.created + static_cast<Day>(rng.Between(0, a.qualified - a.created)));
  }
  if (a.won_day != kNullDay && rng.Chance(0.08)) {
    WriteJourneyRow(a.account, "onboarding",
                    std::min<Day>(end_, a.won_day + static_cast<Day>(rng.Between(3, 20))));
  }
}

// One journey.csv row.
void DemoCompany::WriteJourneyRow(int64_t account, const char* stage, Day day) {
  auto& b = tables_[kJourney]->buffer();
  PutId(b, 'A', account);
  Comma(b);
  Put(b, stage);
  Comma(b);
  PutDay(b, day);
  tables_[kJourney]->EndRow();
}

// The accounts.csv row: a drawn company name, the profile, a parent for ~2 % of accounts.
void DemoCompany::WriteAccountRow(const AccountDraft& a, DemoRandom& rng) {
  auto& b = tables_[kAccounts]->buffer();
  PutId(b, 'A', a.account);
  Comma(b);
  // Drawn one by one (last word first): the order of a call's arguments is up to the compiler.
  const char* suffix = kNameSuffix[rng.Below(6)];
  const char* second = kNameSecond[rng.Below(10)];
  const char* first = kNameFirst[rng.Below(16)];
  fmt::format_to(std::back_inserter(b), "{} {} {}", first, second, suffix);
  Comma(b);
  Put(b, a.seg->name);
  Comma(b);
  Put(b, a.seg->industry);
  Comma(b);
  Put(b, a.country->code);
  Comma(b);
  Put(b, kRegions[a.country->region]);
  Comma(b);
  PutInt(b, a.employees);
  Comma(b);
  PutCents(b, a.annual_revenue_cents);
  Comma(b);
  PutDay(b, a.created);
  Comma(b);
  Put(b, kSources[a.source]);
  Comma(b);
  if (a.index > 20 && rng.Chance(0.02)) PutId(b, 'A', a.account - 1 - rng.Below(20));
  Comma(b);
  Put(b, a.plan_tier);
  Comma(b);
  Put(b, kCrms[a.crm]);
  tables_[kAccounts]->EndRow();
}

void DemoCompany::WriteCompanyTables() {
  DemoRandom rng(options_.seed, 0xC0C0C0C0ULL);
  const double scale = std::max(0.05, static_cast<double>(options_.accounts) / 2000.0);
  for (int i = 0; i < options_.months; ++i) {
    const Month m = first_month_ + i;
    const std::string month = FormatMonth(m);
    auto& f = tables_[kFx]->buffer();
    fmt::format_to(std::back_inserter(f), "{},EUR,{:.4f}", month, eur_rate_[i]);
    tables_[kFx]->EndRow();

    const double growth = 1.0 + 0.025 * i;
    const double season = (MonthNumberOf(m) == 9 || MonthNumberOf(m) == 3) ? 1.3 : 1.0;  // events
    const double base[5] = {55000 * growth * season, 80000 * growth, 30000 * growth, 110000, 40000};
    int64_t total_spend = 0;
    auto spend_row = [&](int category, double amount, const char* segment) {
      const int64_t cents = RoundCents(amount * scale * rng.Uniform(0.92, 1.08) * 100.0);
      total_spend += cents;
      auto& b = tables_[kSpend]->buffer();
      b.append(month);
      Comma(b);
      Put(b, kSpendCategories[category]);
      Comma(b);
      PutCents(b, cents);
      Comma(b);
      if (segment) Put(b, segment);
      tables_[kSpend]->EndRow();
    };
    for (int c = 0; c < 5; ++c) spend_row(c, base[c], nullptr);
    spend_row(0, 9000 * growth, kSegments[1].name);   // Fintech campaigns
    spend_row(0, 7000 * growth, kSegments[2].name);   // Healthcare events
    spend_row(1, 12000 * growth, kSegments[2].name);  // Healthcare field sales
    spend_row(2, 4000 * growth, kSegments[3].name);   // Retail onboarding team

    const double gross_margin = std::clamp(0.72 + 0.06 * i / options_.months + rng.Normal() * 0.01, 0.6, 0.9);
    const double revenue = revenue_usd_cents_[i];
    const int64_t burn = RoundCents(total_spend + revenue * (1.0 - gross_margin) - revenue);
    auto& b = tables_[kFinance]->buffer();
    b.append(month);
    Comma(b);
    PutCents(b, burn);
    Comma(b);
    fmt::format_to(std::back_inserter(b), "{:.3f}", gross_margin);
    tables_[kFinance]->EndRow();
  }
}

Status DemoCompany::Finish() {
  for (auto& t : tables_) FLYWHEEL_RETURN_IF_ERROR(t->Close());

  const std::string settings_path = dir_ + "/.flywheel.toml.tmp";
  std::FILE* f = std::fopen(settings_path.c_str(), "wb");
  if (f == nullptr) return Status::Io(fmt::format("cannot create {}", settings_path));
  const std::string text = fmt::format(
      "# Settings of the demo data set (flywheel demo-data).\n"
      "base_currency = \"USD\"\n"
      "as_of = {}\n"
      "\n"
      "[value_event]\n"
      "metric = \"{}\"\n"
      "threshold = 3\n"
      "\n"
      "[product_lines]\n"
      "strategic = [\"platform\"]\n"
      "maintenance = [\"reports\"]\n"
      "sunset = [\"legacy\"]\n"
      "\n"
      "[exclusions]\n"
      "countries = [\"IR\", \"KP\"]\n",
      FormatDate(end_), kUsageValueMetric);
  const bool written = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  if (std::fclose(f) != 0 || !written) return Status::Io(fmt::format("cannot write {}", settings_path));

  for (auto& t : tables_) FLYWHEEL_RETURN_IF_ERROR(t->Commit());
  if (std::rename(settings_path.c_str(), (dir_ + "/flywheel.toml").c_str()) != 0) {
    return Status::Io(fmt::format("cannot rename {}", settings_path));
  }
  return Status::Ok();
}

void DemoCompany::Abandon() {
  for (auto& t : tables_) {
    if (t) t->Abandon();
  }
  std::remove((dir_ + "/.flywheel.toml.tmp").c_str());
}

Status MakeDirectories(const std::string& dir) {
  for (size_t pos = 1; pos <= dir.size(); ++pos) {
    if (pos != dir.size() && dir[pos] != '/') continue;
    const std::string part = dir.substr(0, pos);
    struct stat info;
    if (stat(part.c_str(), &info) == 0) {
      if (!S_ISDIR(info.st_mode)) return Status::Io(fmt::format("{} is not a folder", part));
      continue;
    }
    if (mkdir(part.c_str(), 0755) != 0 && errno != EEXIST) {
      return Status::Io(fmt::format("cannot create folder {}: {}", part, std::strerror(errno)));
    }
  }
  return Status::Ok();
}

}  // namespace

Status WriteDemoDataSet(const std::string& out_dir, const DemoOptions& options) {
  return WriteDemoDataSet(out_dir, options, nullptr);
}

Status WriteDemoDataSet(const std::string& out_dir, const DemoOptions& options,
                        std::vector<DemoFileSummary>* files) {
  if (options.accounts < 1) return Status::Usage("the number of accounts must be at least 1");
  if (options.months < 1 || options.months > 600) {
    return Status::Usage("the number of months must be between 1 and 600");
  }
  if (!(options.anonymous_leads >= 0 && options.anonymous_leads <= 100)) {
    return Status::Usage("the mean number of anonymous leads must be between 0 and 100");
  }
  if (!(options.outbound_deals >= 0 && options.outbound_deals <= 20)) {
    return Status::Usage("the mean number of outbound deals must be between 0 and 20");
  }
  if (out_dir.empty()) return Status::Usage("the output folder must not be empty");
  FLYWHEEL_RETURN_IF_ERROR(MakeDirectories(out_dir));
  DemoCompany company(options);
  Status status = company.Open(out_dir);
  if (status.ok()) {
    for (int64_t i = 0; i < options.accounts; ++i) company.SimulateAccount(i);
    company.WriteCompanyTables();
    status = company.Finish();
  }
  if (!status.ok()) {
    company.Abandon();
    return status;
  }
  if (files != nullptr) *files = company.Summary();
  return status;
}

}  // namespace flywheel
