// The demo company: a B2B SaaS business selling a revenue-analytics platform to five
// segments that differ in win rate, sales cycle, deal size, churn and expansion.
//
// Every account is simulated on its own random stream (seed, account index), from its first
// lead through deals, subscriptions, usage, support and surveys, and its rows are appended
// to the tables at once. Company-level tables (spend, finance, fx) come from their own
// stream and from the revenue the accounts produced. docs/DEMO_DATA.md describes the result.
#include "demo/demo_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>
#include <string_view>
#include <sys/stat.h>
#include <vector>

#include "demo/csv_table_writer.h"
#include "demo/demo_random.h"

namespace flywheel {
namespace {

struct SegmentProfile {
  const char* name;
  const char* industry;
  double share;             // share of accounts
  double qualify_rate;      // share of the accounts' own leads that qualify
  double win_rate;          // new deals won
  double cycle_days;        // median sales cycle of a new deal
  double mrr_median;        // median first MRR in USD
  double monthly_churn;     // churn hazard per month (before the adoption factor)
  double expansion_rate;    // chance per month of an expansion deal
  double reactivation;      // chance that a churned customer returns
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
    {"US", 0, false, 42}, {"CA", 0, false, 6}, {"GB", 1, false, 10}, {"DE", 1, true, 14},
    {"FR", 1, true, 8},   {"NL", 1, true, 6},  {"ES", 1, true, 4},   {"SE", 1, false, 3},
    {"AU", 2, false, 4},  {"SG", 2, false, 3}, {"IR", 1, false, 0.25}, {"KP", 2, false, 0.15},
};
constexpr int kCountryCount = 12;

constexpr const char* kReps[3][4] = {
    {"Avery Collins", "Jordan Reyes", "Morgan Lee", "Taylor Brooks"},
    {"Lena Fischer", "Hugo Martin", "Sofia Rossi", "Daan de Vries"},
    {"Priya Nair", "Kenji Sato", "Priya Nair", "Kenji Sato"},
};
constexpr const char* kPrograms[] = {"land_and_expand", "partner_co_sell", "enterprise_push"};
constexpr const char* kLostReasons[] = {"price", "competitor", "no_decision", "timing",
                                        "missing_feature"};
constexpr const char* kChurnReasons[] = {"budget_cut", "switched_to_competitor", "no_adoption"};
constexpr const char* kSources[] = {"inbound", "outbound", "partner", "referral", "event"};
constexpr double kSourceWeights[] = {40, 25, 15, 10, 10};
constexpr const char* kLeadChannels[] = {"inbound", "outbound", "event", "partner", "paid"};
constexpr double kLeadChannelWeights[] = {35, 20, 15, 10, 20};
constexpr const char* kCrms[] = {"salesforce", "hubspot", "pipedrive", "dynamics"};
constexpr double kCrmAdoption[] = {0.78, 0.88, 0.70, 0.60};  // share of customers that adopt
constexpr const char* kNameFirst[] = {"North", "Blue", "Iron", "Silver", "Bright", "Summit",
                                      "Harbor", "Cedar", "Falcon", "Nova", "Atlas", "Vertex",
                                      "Granite", "Maple", "Orion", "Pioneer"};
constexpr const char* kNameSecond[] = {"Freight", "Ledger", "Care", "Goods", "Works",
                                       "Systems", "Labs", "Partners", "Logic", "Group"};
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
constexpr const char* kSpendCategories[] = {"marketing", "sales", "customer_success", "product",
                                            "g_and_a"};
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
      case 7: return 0.75;
      case 8: return 0.65;
      case 12: return 0.8;
      case 1: return 1.1;
      case 9: return 1.15;
      default: return 1.0;
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
    const int i = static_cast<int>(std::lower_bound(month_cdf_.begin(), month_cdf_.end(), u) -
                                   month_cdf_.begin());
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

  void EmitDeal(int64_t account, const Deal& deal);
  void EmitSubscription(int64_t account, Day start, Day end, int64_t amount_cents, int period,
                        const char* currency, const char* revenue_type, const char* product,
                        const char* line, const char* gross_margin);
  void EmitSubscriptionRow(int64_t account, Day start, Day end, int64_t amount_cents, int period,
                        const char* currency, const char* revenue_type, const char* product,
                        const char* line, const char* gross_margin);
  void AddRevenue(Day start, Day end, int64_t mrr_cents, bool eur);

  enum TableIndex {
    kAccounts, kContacts, kLeads, kOpportunities, kHistory, kSubscriptions, kUsage, kTickets,
    kNps, kAdvocacy, kSpend, kFinance, kFx, kJourney, kTables
  };

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
  int64_t next_contact_ = 1, next_lead_ = 1, next_opportunity_ = 1, next_subscription_ = 1,
          next_ticket_ = 1;
};

Status DemoCompany::Open(const std::string& dir) {
  dir_ = dir;
  static constexpr std::pair<const char*, const char*> kHeaders[kTables] = {
      {"accounts.csv",
       "account_id,name,segment,industry,country,region,employees,annual_revenue,created_at,"
       "source,parent_account_id,attr_plan_tier,attr_crm"},
      {"contacts.csv", "contact_id,account_id,role,seniority,is_champion,is_decision_maker"},
      {"leads.csv", "lead_id,account_id,created_at,qualified_at,channel,segment"},
      {"opportunities.csv",
       "opportunity_id,account_id,type,created_at,closed_at,status,amount,currency,stage,owner,"
       "lost_reason,program,expected_close,forecast_category"},
      {"opportunity_history.csv", "opportunity_id,changed_at,stage,status,amount,expected_close"},
      {"subscriptions.csv",
       "subscription_id,account_id,start_date,end_date,amount,billing_period,currency,"
       "revenue_type,product,product_line,gross_margin"},
      {"usage.csv", "account_id,date,metric,value"},
      {"tickets.csv", "ticket_id,account_id,opened_at,closed_at,effort_hours,escalation"},
      {"nps.csv", "account_id,contact_id,date,score"},
      {"advocacy.csv", "account_id,date,type"},
      {"spend.csv", "month,category,amount,segment"},
      {"finance.csv", "month,net_burn,gross_margin"},
      {"fx.csv", "month,currency,rate"},
      {"journey.csv", "account_id,stage,entered_at"},
  };
  for (int t = 0; t < kTables; ++t) {
    tables_[t] = std::make_unique<CsvTableWriter>();
    FLYWHEEL_RETURN_IF_ERROR(tables_[t]->Open(dir, kHeaders[t].first, kHeaders[t].second));
  }
  return Status::Ok();
}

void DemoCompany::EmitDeal(int64_t account, const Deal& deal) {
  const int64_t id = next_opportunity_++;
  // Events: (day, order, kind, value); replayed in order to write the history rows.
  struct Event {
    Day day;
    int order;
    int kind;  // 0 stage, 1 amount, 2 expected close, 3 close
    int64_t value;
  };
  Event events[8];
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
  std::sort(events, events + n, [](const Event& a, const Event& b) {
    return a.day != b.day ? a.day < b.day : a.order < b.order;
  });

  int stage = 0;
  int64_t amount = deal.initial_amount_cents;
  Day expected = deal.initial_expected;
  const char* stage_name = kOpenStages[0];
  const char* status = "open";
  auto& h = tables_[kHistory]->buffer();
  auto history_row = [&](Day day) {
    PutId(h, 'O', id);
    Comma(h);
    PutDay(h, day);
    Comma(h);
    Put(h, stage_name);
    Comma(h);
    Put(h, status);
    Comma(h);
    PutCents(h, amount);
    Comma(h);
    PutDay(h, expected);
    tables_[kHistory]->EndRow();
  };
  history_row(deal.created);
  for (int i = 0; i < n; ++i) {
    const Event& e = events[i];
    switch (e.kind) {
      case 0:
        stage = static_cast<int>(e.value);
        stage_name = kOpenStages[stage];
        break;
      case 1: amount = e.value; break;
      case 2: expected = static_cast<Day>(e.value); break;
      case 3:
        stage_name = e.value ? "Closed Won" : "Closed Lost";
        status = e.value ? "won" : "lost";
        expected = deal.close;
        break;
    }
    history_row(e.day);
  }

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
  Put(b, status);
  Comma(b);
  PutCents(b, amount);
  Comma(b);
  Put(b, deal.currency);
  Comma(b);
  Put(b, stage_name);
  Comma(b);
  Put(b, deal.owner);
  Comma(b);
  if (deal.outcome == Outcome::kLost && deal.lost_reason) Put(b, deal.lost_reason);
  Comma(b);
  if (deal.program) Put(b, deal.program);
  Comma(b);
  PutDay(b, expected);
  Comma(b);
  if (closed) {
    Put(b, "closed");
  } else {
    Put(b, (id % 23 == 0) ? "omitted" : kForecastByStage[stage]);
  }
  tables_[kOpportunities]->EndRow();
}

void DemoCompany::EmitSubscription(int64_t account, Day start, Day end, int64_t amount_cents,
                                   int period, const char* currency, const char* revenue_type,
                                   const char* product, const char* line,
                                   const char* gross_margin) {
  if (options_.billing_terms && std::string_view(revenue_type) == "recurring") {
    // One row per term from the row's start; a term that begins after the history ends is not
    // written, and the last one written keeps the row's end (open or not).
    for (int term = 1;; ++term) {
      const Day term_end = AddMonths(start, term * period);
      const Day term_start = AddMonths(start, (term - 1) * period);
      if (term_end >= end || term_end > end_) {
        EmitSubscriptionRow(account, term_start, end, amount_cents, period, currency, revenue_type, product, line,
                            gross_margin);
        return;
      }
      EmitSubscriptionRow(account, term_start, term_end, amount_cents, period, currency, revenue_type, product, line,
                          gross_margin);
    }
  }
  EmitSubscriptionRow(account, start, end, amount_cents, period, currency, revenue_type, product, line, gross_margin);
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

void DemoCompany::SimulateAccount(int64_t index) {
  DemoRandom rng(options_.seed, static_cast<uint64_t>(index) + 1);
  const int64_t account = index + 1;

  double seg_weights[kSegmentCount];
  for (int i = 0; i < kSegmentCount; ++i) seg_weights[i] = kSegments[i].share;
  const int seg_index = rng.Weighted(seg_weights, kSegmentCount);
  const SegmentProfile& seg = kSegments[seg_index];
  double country_weights[kCountryCount];
  for (int i = 0; i < kCountryCount; ++i) country_weights[i] = kCountries[i].weight;
  const Country& country = kCountries[rng.Weighted(country_weights, kCountryCount)];
  const char* currency = country.eur ? "EUR" : "USD";
  const int crm = static_cast<int>(rng.Below(4));
  const int source = rng.Weighted(kSourceWeights, 5);
  const int64_t employees =
      std::max<int64_t>(5, static_cast<int64_t>(rng.LogNormal(seg.employees_median, 0.9)));
  const int64_t annual_revenue_cents =
      PriceCents(employees * rng.LogNormal(180000, 0.4) / 1000.0) * 1000;
  const Day created = RandomDayInHistory(rng);
  const char* owner = kReps[country.region][rng.Below(4)];
  const bool adopter = rng.Chance(kCrmAdoption[crm]);
  const double churn_factor = adopter ? 1.0 : 2.5;

  // Contacts.
  const int contacts = 1 + static_cast<int>(rng.Below(4));
  const int64_t first_contact = next_contact_;
  for (int c = 0; c < contacts; ++c) {
    auto& b = tables_[kContacts]->buffer();
    const Role& role = kRoles[c == 0 ? rng.Below(3) : rng.Below(kRoleCount)];
    PutId(b, 'C', next_contact_++);
    Comma(b);
    PutId(b, 'A', account);
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

  // The account's own lead, and leads of companies not (yet) known as accounts.
  auto write_lead = [&](int64_t lead_account, Day day, Day qualified, int channel,
                        const char* segment) {
    auto& b = tables_[kLeads]->buffer();
    PutId(b, 'L', next_lead_++);
    Comma(b);
    if (lead_account > 0) PutId(b, 'A', lead_account);
    Comma(b);
    PutDay(b, day);
    Comma(b);
    if (qualified != kNullDay) PutDay(b, qualified);
    Comma(b);
    Put(b, kLeadChannels[channel]);
    Comma(b);
    if (segment) Put(b, segment);
    tables_[kLeads]->EndRow();
  };
  Day qualified = kNullDay;
  if (rng.Chance(seg.qualify_rate)) {
    const Day q = created + static_cast<Day>(rng.Between(2, 30));
    if (q <= end_) qualified = q;
  }
  write_lead(account, created, qualified, source == 4 ? 2 : source == 2 ? 3 : source == 1 ? 1 : 0,
             nullptr);
  const int anonymous_leads = rng.Poisson(options_.anonymous_leads);
  for (int l = 0; l < anonymous_leads; ++l) {
    const Day day = RandomDayInHistory(rng);
    Day q = kNullDay;
    if (rng.Chance(0.15) && day + 10 <= end_) q = day + static_cast<Day>(rng.Between(1, 10));
    write_lead(0, day, q, rng.Weighted(kLeadChannelWeights, 5),
               rng.Chance(0.6) ? kSegments[rng.Below(kSegmentCount)].name : nullptr);
  }

  // New deals: the first after qualification, retries after a loss.
  const int period = rng.Chance(0.55) ? 1 : rng.Chance(0.45) ? 3 : 12;
  const double eur_factor = country.eur ? 1.0 / 1.08 : 1.0;
  const char* program = rng.Chance(0.25) ? kPrograms[rng.Below(3)] : nullptr;
  Day won_day = kNullDay;
  int64_t first_mrr = 0;
  Day deal_start = qualified == kNullDay ? kNullDay : qualified + static_cast<Day>(rng.Between(0, 14));
  for (int attempt = 0; attempt < 3 && deal_start != kNullDay && deal_start <= end_; ++attempt) {
    Deal deal;
    deal.created = deal_start;
    deal.currency = currency;
    deal.owner = owner;
    deal.program = program;
    const int64_t mrr = PriceCents(rng.LogNormal(seg.mrr_median, 0.6) * eur_factor);
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
      EmitDeal(account, deal);
      break;
    }
    const double win = seg.win_rate * (close_m == 12 ? 1.15 : 1.0) * (program ? 1.1 : 1.0);
    if (rng.Chance(win)) {
      deal.outcome = Outcome::kWon;
      EmitDeal(account, deal);
      won_day = close;
      first_mrr = mrr;
      break;
    }
    deal.outcome = Outcome::kLost;
    deal.lost_stage = static_cast<int>(rng.Below(4));
    deal.lost_reason = kLostReasons[rng.Below(5)];
    EmitDeal(account, deal);
    if (!rng.Chance(0.35)) break;
    deal_start = close + static_cast<Day>(rng.Between(120, 360));
  }

  // Outbound deals (DemoOptions::outbound_deals), from a stream of their own: between the
  // company's first lead and the day before its first win (the end of the history when it
  // never won), lost at stage 0 or 1 before that win, or open when the company never bought.
  if (options_.outbound_deals > 0) {
    DemoRandom out(options_.seed, (uint64_t{1} << 62) + static_cast<uint64_t>(index));
    const int n = out.Poisson(options_.outbound_deals);
    const Day last = won_day != kNullDay ? won_day - 1 : end_;
    for (int k = 0; k < n && last - created >= 14; ++k) {
      Deal deal;
      deal.created = created + static_cast<Day>(out.Between(0, last - created - 7));
      deal.currency = currency;
      deal.owner = owner;
      deal.amount_cents = deal.initial_amount_cents =
          12 * PriceCents(out.LogNormal(seg.mrr_median, 0.6) * eur_factor);
      Day close = deal.created + std::max<Day>(7, static_cast<Day>(out.LogNormal(seg.cycle_days * 0.6, 0.5)));
      deal.outcome = Outcome::kLost;
      if (won_day != kNullDay) {
        close = std::min(close, won_day - 1);
      } else if (close > end_) {
        deal.outcome = Outcome::kOpen;
      }
      deal.close = deal.initial_expected = close;
      deal.lost_stage = static_cast<int>(out.Below(2));
      deal.lost_reason = kLostReasons[out.Below(5)];
      EmitDeal(account, deal);
    }
  }

  // Customer life: subscription rows, renewals, expansions, downgrades, churn, returns.
  const char* plan_tier = "";
  std::vector<std::pair<Day, Day>> lives;  // [start, end) of each paying period
  if (won_day != kNullDay) {
    const int64_t usd_mrr = country.eur ? first_mrr * 108 / 100 : first_mrr;
    plan_tier = usd_mrr < 100000 ? "starter" : usd_mrr < 300000 ? "growth" : "enterprise";
    const bool legacy = won_day < start_ + 365 && rng.Chance(0.3);
    const char* product = legacy ? "Legacy Suite" : "Platform";
    const char* line = legacy ? "legacy" : "platform";
    const char* margin = legacy ? "0.55" : nullptr;
    const double hazard = seg.monthly_churn * churn_factor * (legacy ? 1.5 : 1.0);
    bool price_changed = false;
    Day life_start = won_day;
    int64_t mrr = first_mrr;
    if (rng.Chance(0.3)) {
      EmitSubscription(account, won_day, std::min<Day>(won_day + 30, end_),
                       PriceCents(mrr / 100.0 * rng.Uniform(1.5, 4.0)), 1, currency, "services",
                       "Onboarding", line, nullptr);
    }
    for (int life = 0; life < 4; ++life) {
      Day row_start = life_start;
      int64_t row_mrr = mrr;
      auto change = [&](Day day, int64_t new_mrr) {
        if (day > row_start) {
          EmitSubscription(account, row_start, day, row_mrr * period, period, currency,
                           "recurring", product, line, margin);
          AddRevenue(row_start, day, row_mrr, country.eur);
          row_start = day;
        }
        row_mrr = new_mrr;
      };
      Day churn_day = kOpenEnd;
      for (int k = 1;; ++k) {
        const Day a = AddMonths(life_start, k);
        if (a > end_) break;
        if (k % period == 0) {
          const bool churns = rng.Chance(1.0 - std::pow(1.0 - hazard, period));
          if (period == 12 || (period == 3 && options_.billing_terms)) {
            Deal renewal;
            renewal.type = "renewal";
            renewal.created = std::max(life_start + 1, a - 60);
            renewal.close = a;
            renewal.initial_expected = a;
            renewal.amount_cents = renewal.initial_amount_cents = 12 * row_mrr;
            renewal.currency = currency;
            renewal.owner = owner;
            renewal.outcome = churns ? Outcome::kLost : Outcome::kWon;
            renewal.lost_stage = 2;
            // A quarterly renewal (billing_terms) draws nothing, so the account's MRR stays that
            // of the data set without them.
            renewal.lost_reason = period == 12 ? kChurnReasons[rng.Below(3)] : kChurnReasons[(account + k) % 3];
            EmitDeal(account, renewal);
          }
          if (churns) {
            churn_day = a;
            break;
          }
          if (!price_changed && a >= price_change_day_ && life_start < price_change_day_ &&
              !legacy && rng.Chance(0.7)) {
            price_changed = true;
            change(a, RoundCents(row_mrr * 1.08));
          } else if (rng.Chance(std::min(0.5, 0.008 * period))) {
            change(a, std::max<int64_t>(1000, PriceCents(row_mrr / 100.0 * rng.Uniform(0.6, 0.85))));
          }
        }
        if (!legacy && rng.Chance(seg.expansion_rate)) {
          Deal expansion;
          expansion.type = "expansion";
          expansion.created = std::max(life_start + 1, a - static_cast<Day>(rng.Between(20, 60)));
          expansion.close = a;
          expansion.initial_expected = a;
          const int64_t delta = PriceCents(row_mrr / 100.0 * rng.Uniform(0.15, 0.5));
          expansion.amount_cents = expansion.initial_amount_cents = 12 * delta;
          expansion.currency = currency;
          expansion.owner = owner;
          expansion.program = program;
          const bool won = rng.Chance(0.65);
          expansion.outcome = won ? Outcome::kWon : Outcome::kLost;
          expansion.lost_stage = static_cast<int>(rng.Below(4));
          expansion.lost_reason = kLostReasons[rng.Below(5)];
          EmitDeal(account, expansion);
          if (won) change(a, row_mrr + delta);
        }
      }
      EmitSubscription(account, row_start, churn_day, row_mrr * period, period, currency,
                       "recurring", product, line, margin);
      AddRevenue(row_start, churn_day, row_mrr, country.eur);
      lives.emplace_back(life_start, churn_day);
      if (churn_day == kOpenEnd) {
        if (!legacy && rng.Chance(seg.expansion_rate * 3)) {  // pipeline still open at the end
          Deal expansion;
          expansion.type = "expansion";
          expansion.created = std::max(life_start + 1, end_ - static_cast<Day>(rng.Between(5, 50)));
          expansion.close = end_ + static_cast<Day>(rng.Between(10, 90));
          expansion.initial_expected = expansion.close;
          expansion.amount_cents = expansion.initial_amount_cents =
              12 * PriceCents(row_mrr / 100.0 * rng.Uniform(0.2, 0.5));
          expansion.currency = currency;
          expansion.owner = owner;
          if (expansion.created <= end_) EmitDeal(account, expansion);
        }
        break;
      }
      if (!rng.Chance(seg.reactivation)) break;
      const Day back = churn_day + static_cast<Day>(rng.Between(90, 300));
      if (back > end_) break;
      mrr = PriceCents(mrr / 100.0 * rng.Uniform(0.8, 1.1));
      Deal win_back;
      win_back.created = std::max(churn_day, back - static_cast<Day>(rng.Between(20, 50)));
      win_back.close = back;
      win_back.initial_expected = back;
      win_back.amount_cents = win_back.initial_amount_cents = 12 * mrr;
      win_back.currency = currency;
      win_back.owner = owner;
      win_back.outcome = Outcome::kWon;
      EmitDeal(account, win_back);
      life_start = back;
    }
    // Reports add-on (maintenance line) for some customers during their first life.
    if (!legacy && rng.Chance(0.2)) {
      const Day addon = lives[0].first + static_cast<Day>(rng.Between(0, 150));
      if (addon <= end_ && addon < lives[0].second) {
        const int64_t addon_mrr = PriceCents(first_mrr / 100.0 * 0.15);
        EmitSubscription(account, addon, lives[0].second, addon_mrr * period, period, currency,
                         "recurring", "Reports", "reports", nullptr);
        AddRevenue(addon, lives[0].second, addon_mrr, country.eur);
      }
    }
  }

  // Usage, tickets, NPS and advocacy while paying.
  const bool api_user = rng.Chance(0.3);
  Day first_advocacy = kNullDay;
  for (const auto& [life_start, life_end] : lives) {
    const Day last = std::min<Day>(life_end == kOpenEnd ? end_ : life_end - 1, end_);
    for (Month m = MonthOfDay(life_start); m <= MonthOfDay(last); ++m) {
      const Day lo = std::max(FirstDayOfMonth(m), life_start);
      const Day hi = std::min(LastDayOfMonth(m), last);
      if (lo > hi) continue;
      const Day day = static_cast<Day>(rng.Between(lo, hi));
      auto& u = tables_[kUsage]->buffer();
      auto usage_row = [&](const char* metric, int64_t value) {
        PutId(u, 'A', account);
        Comma(u);
        PutDay(u, day);
        Comma(u);
        Put(u, metric);
        Comma(u);
        PutInt(u, value);
        tables_[kUsage]->EndRow();
      };
      for (Day week = lo + static_cast<Day>(rng.Below(7)); week <= hi; week += 7) {
        auto& w = tables_[kUsage]->buffer();
        PutId(w, 'A', account);
        Comma(w);
        PutDay(w, week);
        Put(w, ",login,");
        PutInt(w, std::max<int64_t>(1, static_cast<int64_t>(rng.LogNormal(adopter ? 15 : 4, 0.5))));
        tables_[kUsage]->EndRow();
      }
      const int reports = rng.Poisson(adopter ? 2.5 : 0.1);
      if (reports > 0) usage_row(kUsageValueMetric, reports);
      if (api_user) usage_row("api_call", static_cast<int64_t>(rng.LogNormal(2000, 0.7)));

      const bool onboarding = m - MonthOfDay(life_start) < 2;
      const int tickets = rng.Poisson(seg.tickets_per_month * (onboarding ? 2.0 : 1.0));
      for (int t = 0; t < tickets; ++t) {
        auto& b = tables_[kTickets]->buffer();
        const Day opened = static_cast<Day>(rng.Between(lo, hi));
        const Day closed = opened + static_cast<Day>(rng.Between(0, 14));
        const double r = rng.Uniform();
        const char* escalation = r < 0.004 ? "executive" : r < 0.03 ? "management" : r < 0.08 ? "sales" : "support";
        PutId(b, 'T', next_ticket_++);
        Comma(b);
        PutId(b, 'A', account);
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

      if ((m - MonthOfDay(life_start)) % 6 == 2) {
        const int score = static_cast<int>(
            std::clamp(std::lround(rng.Normal() * 1.8 + (adopter ? 8.2 : 5.5)), 0L, 10L));
        auto& b = tables_[kNps]->buffer();
        PutId(b, 'A', account);
        Comma(b);
        if (rng.Chance(0.8)) PutId(b, 'C', first_contact + rng.Below(contacts));
        Comma(b);
        PutDay(b, day);
        Comma(b);
        PutInt(b, score);
        tables_[kNps]->EndRow();
        if (score >= 9 && rng.Chance(0.25)) {
          const Day when = std::min<Day>(end_, day + static_cast<Day>(rng.Between(5, 40)));
          auto& a = tables_[kAdvocacy]->buffer();
          PutId(a, 'A', account);
          Comma(a);
          PutDay(a, when);
          Comma(a);
          Put(a, kAdvocacyTypes[rng.Below(6)]);
          tables_[kAdvocacy]->EndRow();
          if (first_advocacy == kNullDay) first_advocacy = when;
        }
      }
    }
  }

  // A few explicit journey entries, as a CRM would record them by hand.
  auto journey_row = [&](const char* stage, Day day) {
    auto& b = tables_[kJourney]->buffer();
    PutId(b, 'A', account);
    Comma(b);
    Put(b, stage);
    Comma(b);
    PutDay(b, day);
    tables_[kJourney]->EndRow();
  };
  if (qualified != kNullDay && rng.Chance(0.04)) {
    journey_row("education", created + static_cast<Day>(rng.Between(0, qualified - created)));
  }
  if (won_day != kNullDay && rng.Chance(0.08)) {
    journey_row("onboarding", std::min<Day>(end_, won_day + static_cast<Day>(rng.Between(3, 20))));
  }

  // The account row last: its plan tier is known only now.
  auto& b = tables_[kAccounts]->buffer();
  PutId(b, 'A', account);
  Comma(b);
  fmt::format_to(std::back_inserter(b), "{} {} {}", kNameFirst[rng.Below(16)],
                 kNameSecond[rng.Below(10)], kNameSuffix[rng.Below(6)]);
  Comma(b);
  Put(b, seg.name);
  Comma(b);
  Put(b, seg.industry);
  Comma(b);
  Put(b, country.code);
  Comma(b);
  Put(b, kRegions[country.region]);
  Comma(b);
  PutInt(b, employees);
  Comma(b);
  PutCents(b, annual_revenue_cents);
  Comma(b);
  PutDay(b, created);
  Comma(b);
  Put(b, kSources[source]);
  Comma(b);
  if (index > 20 && rng.Chance(0.02)) PutId(b, 'A', account - 1 - rng.Below(20));
  Comma(b);
  Put(b, plan_tier);
  Comma(b);
  Put(b, kCrms[crm]);
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
