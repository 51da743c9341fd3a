#include "programs/program_desk.h"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "customers/account_score.h"
#include "output/json_number.h"
#include "revenue/currency.h"

namespace flywheel {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Cell Number(double v) { return std::isnan(v) ? Cell() : Cell(v); }
Cell Text(const std::string& s) { return s.empty() ? Cell() : Cell(s); }

// The base-currency amount of opportunity row i in month m; NaN when it has no amount.
Result<double> BaseAmount(const Dataset& data, const CurrencyRates& rates, size_t i, Month m) {
  const Opportunities& o = data.opportunities;
  double amount = o.amount[i];
  if (std::isnan(amount) || o.currency[i] == kNullCode) return amount;
  auto rate = rates.Rate(o.currency[i], m);
  if (!rate)
    return Status::BadData(rates.MissingRateMessage(o.currency[i], m, "opportunity " + std::string(o.id[i])));
  return amount * *rate;
}

}  // namespace

std::map<std::string, std::vector<std::string>> ProgramRuleLists(const Settings& s) {
  return {{"excluded_countries", s.excluded_countries},
          {"excluded_industries", s.excluded_industries},
          {"strategic_lines", s.strategic_lines},
          {"maintenance_lines", s.maintenance_lines},
          {"sunset_lines", s.sunset_lines}};
}

Result<ProgramDesk> ProgramDesk::Create(const Dataset& data, const Settings& settings, Day as_of,
                                        ProgramBook book, int64_t data_snapshot) {
  ProgramDesk desk(data, settings, as_of, std::move(book));
  desk.data_snapshot_ = data_snapshot;
  const auto lists = ProgramRuleLists(settings);
  auto card = desk.book_.scorecard_path.empty()
                  ? ParseScorecard(DefaultScorecardToml(), "scorecard.toml", lists)
                  : LoadScorecardFile(desk.book_.scorecard_path, lists);
  if (!card.ok()) return card.status();
  desk.card_ = std::move(card).value();
  auto measures = ComputeAccountMeasures(data, settings, desk.card_, as_of, /*all_accounts=*/true);
  if (!measures.ok()) return measures.status();
  desk.measures_ = std::move(measures).value();
  desk.measures_of_.assign(data.accounts.size(), -1);
  for (size_t i = 0; i < desk.measures_.size(); ++i) {
    desk.measures_of_[desk.measures_[i].account] = static_cast<int32_t>(i);
  }
  return desk;
}

Result<ProgramApplication> ProgramDesk::Prepare(const ApplicationRequest& request,
                                                const std::string& now) const {
  auto program = book_.Find(request.program);
  if (!program.ok()) return program.status();
  const Opportunities& o = data_->opportunities;
  const int32_t found = o.Find(request.opportunity_id);
  if (found < 0) {
    return Status::NotFound(fmt::format("no opportunity '{}' in the data", request.opportunity_id));
  }
  const size_t row = static_cast<size_t>(found);
  if (o.status[row] != OpportunityStatus::kOpen) {
    return Status::BadData(
        fmt::format("opportunity {} is {}, not open: programs take open opportunities only",
                    request.opportunity_id, OpportunityStatusName(o.status[row])));
  }
  const AccountIndex a = o.account[row];
  const AccountMeasures* m = a == kNoAccount || measures_of_[a] < 0 ? nullptr : &measures_[measures_of_[a]];
  RuleSubject account = a == kNoAccount
                            ? RuleSubject([](const std::string&) -> RuleValue { return std::monostate{}; })
                            : AccountSubject(*data_, a, m);
  const CurrencyRates rates(*data_, *settings_);
  auto amount = BaseAmount(*data_, rates, row, MonthOfDay(as_of_));
  if (!amount.ok()) return amount.status();
  const double deal_amount = *amount;
  const std::string deal_type(OpportunityTypeName(o.type[row]));
  RuleSubject subject = [&account, deal_amount, &deal_type](const std::string& name) -> RuleValue {
    if (name == "deal_amount") return std::isnan(deal_amount) ? RuleValue() : RuleValue(deal_amount);
    if (name == "deal_type") return deal_type;
    return account(name);
  };

  ProgramApplication app;
  app.program = request.program;
  app.opportunity_id = request.opportunity_id;
  app.account_id = a == kNoAccount ? "" : data_->accounts.id[a];
  app.applicant = request.applicant;
  app.note = request.note;
  app.applied_at = now;
  app.checked_as_of = FormatDate(as_of_);
  app.data_snapshot = data_snapshot_;
  for (const RuleExpression& rule : (*program)->eligibility) {
    if (!rule.Matches(subject)) app.failed_rules.push_back(rule.text());
  }
  app.eligible = app.failed_rules.empty();
  app.fit = IcpFit(card_, account);
  return app;
}

Report ProgramDefinitionsReport(const ProgramBook& book) {
  Report r;
  r.name = "programs";
  r.columns = {{"program", ColumnKind::kText},     {"name", ColumnKind::kText},
               {"description", ColumnKind::kText}, {"eligibility", ColumnKind::kText},
               {"benefits", ColumnKind::kText},    {"advocacy", ColumnKind::kText},
               {"cap", ColumnKind::kInteger}};
  for (const SalesProgram& p : book.programs) {
    std::vector<std::string> rules, advocacy;
    for (const auto& e : p.eligibility) rules.push_back(e.text());
    for (const auto& [type, n] : p.advocacy) advocacy.push_back(fmt::format("{} {}", type, n));
    r.rows.push_back({p.id, p.name, Text(p.description), Text(Join(rules, "; ")),
                      Text(Join(p.benefits, "; ")), Text(Join(advocacy, ", ")),
                      p.cap > 0 ? Cell(int64_t{p.cap}) : Cell()});
  }
  r.notes.push_back(
      fmt::format("{} programs from {}; eligibility: all rules must hold (rule language of "
                  "scorecards, plus deal_amount and deal_type)",
                  book.programs.size(), book.path));
  return r;
}

Report ProgramDesk::PendingReport(const std::vector<ProgramApplication>& ledger) const {
  Report r;
  r.name = "programs-pending";
  r.as_of = FormatDate(as_of_);
  r.columns = {{"application_id", ColumnKind::kInteger, "id"},
               {"program", ColumnKind::kText},
               {"opportunity_id", ColumnKind::kText, "opportunity"},
               {"account_id", ColumnKind::kText, "account"},
               {"applicant", ColumnKind::kText},
               {"applied_at", ColumnKind::kText},
               {"precheck", ColumnKind::kText},
               {"failed_rules", ColumnKind::kText},
               {"fit", ColumnKind::kNumber},
               {"note", ColumnKind::kText}};
  int eligible = 0;
  for (const ProgramApplication& a : ledger) {
    if (a.State() != "pending") continue;
    eligible += a.eligible ? 1 : 0;
    r.rows.push_back({a.id, a.program, a.opportunity_id, Text(a.account_id), a.applicant, a.applied_at,
                      std::string(a.eligible ? "eligible" : "not eligible"), Text(Join(a.failed_rules, "; ")),
                      Number(a.fit), Text(a.note)});
  }
  r.notes.push_back(
      fmt::format("{} pending applications, {} eligible; pre-check and fit as of the day each "
                  "application was made",
                  r.rows.size(), eligible));
  return r;
}

Report ProgramDesk::DecisionsReport(const std::vector<ProgramApplication>& ledger) const {
  Report r;
  r.name = "programs-decisions";
  r.as_of = FormatDate(as_of_);
  r.columns = {{"program", ColumnKind::kText},
               {"application_id", ColumnKind::kInteger, "application"},
               {"opportunity_id", ColumnKind::kText, "opportunity"},
               {"decision_id", ColumnKind::kInteger, "id"},
               {"decision", ColumnKind::kText},
               {"reason", ColumnKind::kText},
               {"decided_by", ColumnKind::kText},
               {"decided_at", ColumnKind::kText},
               {"state", ColumnKind::kText}};
  std::vector<const ProgramApplication*> apps;
  for (const auto& a : ledger) apps.push_back(&a);
  std::stable_sort(apps.begin(), apps.end(), [](const auto* x, const auto* y) {
    return x->program != y->program ? x->program < y->program : x->id < y->id;
  });
  std::map<std::string, std::pair<int, int>> current;  // program -> (approved, rejected)
  for (const ProgramApplication* a : apps) {
    for (size_t i = 0; i < a->decisions.size(); ++i) {
      const ProgramDecision& d = a->decisions[i];
      const bool latest = i + 1 == a->decisions.size();
      r.rows.push_back({a->program, a->id, a->opportunity_id, d.id, d.decision, d.reason, d.decided_by,
                        d.decided_at, std::string(latest ? "current" : "superseded")});
      if (latest) ++(d.decision == "approve" ? current[a->program].first : current[a->program].second);
    }
  }
  for (const auto& [program, counts] : current) {
    r.notes.push_back(fmt::format("{}: {} approved, {} rejected (current decisions)", program, counts.first,
                                  counts.second));
  }
  r.notes.push_back("a later decision on the same application supersedes the earlier one; both are kept");
  return r;
}

Result<Report> ProgramDesk::ResultsReport(const std::vector<ProgramApplication>& ledger) const {
  const Dataset& data = *data_;
  const CurrencyRates rates(data, *settings_);
  // Advocacy events by account, for "delivered".
  std::map<AccountIndex, std::vector<std::pair<Day, std::string>>> events;
  const auto& types = AdvocacyTypeNames();
  for (size_t i = 0; i < data.advocacy.size(); ++i) {
    if (data.advocacy.account[i] == kNoAccount) continue;
    events[data.advocacy.account[i]].emplace_back(data.advocacy.date[i],
                                                  types[static_cast<int>(data.advocacy.type[i])]);
  }
  struct Row {
    std::string program;
    int cap = 0;
    const SalesProgram* def = nullptr;
    int64_t applications = 0, pending = 0, approved = 0, rejected = 0, won = 0, committed = 0, delivered = 0;
    double won_arr = 0;
  };
  std::vector<Row> rows;
  auto row_of = [&](const std::string& program) -> Row& {
    for (Row& r : rows) {
      if (r.program == program) return r;
    }
    Row r;
    r.program = program;
    auto def = book_.Find(program);
    if (def.ok()) {
      r.def = *def;
      r.cap = (*def)->cap;
    }
    rows.push_back(r);
    return rows.back();
  };
  for (const SalesProgram& p : book_.programs) row_of(p.id);
  for (const ProgramApplication& a : ledger) {
    Row& r = row_of(a.program);
    ++r.applications;
    const std::string state = a.State();
    if (state == "pending") ++r.pending;
    if (state == "rejected") ++r.rejected;
    if (state != "approved") continue;
    ++r.approved;
    const int32_t opp = data.opportunities.Find(a.opportunity_id);
    if (opp >= 0) {
      const size_t i = static_cast<size_t>(opp);
      const Day closed = data.opportunities.closed_at[i];
      if (data.opportunities.status[i] == OpportunityStatus::kWon && closed != kNullDay && closed <= as_of_) {
        ++r.won;
        auto amount = BaseAmount(data, rates, i, MonthOfDay(closed));
        if (!amount.ok()) return amount.status();
        if (!std::isnan(*amount)) r.won_arr += *amount;
      }
    }
    if (r.def == nullptr) continue;
    auto approved_day = ParseDate(std::string_view(a.Current().decided_at).substr(0, 10));
    const AccountIndex account = data.accounts.Find(a.account_id);
    for (const auto& [type, n] : r.def->advocacy) {
      r.committed += n;
      if (!approved_day || account == kNoAccount) continue;
      int64_t count = 0;
      auto ev = events.find(account);
      if (ev != events.end()) {
        for (const auto& [day, t] : ev->second) {
          if (t == type && day >= *approved_day && day <= as_of_) ++count;
        }
      }
      r.delivered += std::min<int64_t>(count, n);
    }
  }
  Report r;
  r.name = "programs-results";
  r.as_of = FormatDate(as_of_);
  r.currency = settings_->base_currency;
  r.columns = {{"program", ColumnKind::kText},
               {"applications", ColumnKind::kInteger},
               {"pending", ColumnKind::kInteger},
               {"approved", ColumnKind::kInteger},
               {"rejected", ColumnKind::kInteger},
               {"cap", ColumnKind::kInteger},
               {"won_deals", ColumnKind::kInteger, "won"},
               {"won_arr", ColumnKind::kMoney},
               {"advocacy_committed", ColumnKind::kInteger, "adv. committed"},
               {"advocacy_delivered", ColumnKind::kInteger, "adv. delivered"}};
  for (const Row& x : rows) {
    r.rows.push_back({x.program, x.applications, x.pending, x.approved, x.rejected,
                      x.cap > 0 ? Cell(int64_t{x.cap}) : Cell(), x.won, x.won_arr, x.committed, x.delivered});
  }
  r.notes.push_back("approved, rejected: by the current (latest) decision of each application");
  r.notes.push_back(
      "won_arr: amount (ACV) of the approved applications' opportunities won on or before the as-of "
      "date, in the base currency at the close month's rate");
  r.notes.push_back(
      "advocacy: committed = the program's commitment per approved application; delivered = the "
      "account's advocacy events of a committed type from the day of approval to the as-of date, "
      "at most the commitment per type");
  return r;
}

Result<Report> ProgramDesk::View(const std::string& view,
                                 const std::vector<ProgramApplication>& ledger) const {
  if (view == "pending") return PendingReport(ledger);
  if (view == "decisions") return DecisionsReport(ledger);
  if (view == "results") return ResultsReport(ledger);
  return Status::Usage(fmt::format("view: unknown view '{}' (expected pending, decisions or results)", view));
}

std::string ApplicationJson(const ProgramApplication& a) {
  nlohmann::ordered_json j;
  j["application_id"] = a.id;
  j["program"] = a.program;
  j["opportunity_id"] = a.opportunity_id;
  j["account_id"] = a.account_id.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(a.account_id);
  j["applicant"] = a.applicant;
  j["applied_at"] = a.applied_at;
  j["note"] = a.note.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(a.note);
  j["precheck"] = a.eligible ? "eligible" : "not eligible";
  j["failed_rules"] = a.failed_rules;
  // The number rule's text (output/json_number.h), read back: a whole fit is an integer.
  j["fit"] = nlohmann::ordered_json::parse(JsonNumber(a.fit));
  j["checked_as_of"] = a.checked_as_of;
  j["data_snapshot"] =
      a.data_snapshot > 0 ? nlohmann::ordered_json(a.data_snapshot) : nlohmann::ordered_json();
  j["state"] = a.State();
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string DecisionJson(const ProgramDecision& d, const std::string& state) {
  nlohmann::ordered_json j;
  j["decision_id"] = d.id;
  j["application_id"] = d.application_id;
  j["decision"] = d.decision;
  j["reason"] = d.reason;
  j["decided_by"] = d.decided_by;
  j["decided_at"] = d.decided_at;
  j["state"] = state;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Result<std::string> ProgramClockNow() {
  if (const char* fixed = std::getenv("FLYWHEEL_NOW"); fixed != nullptr && *fixed != '\0') {
    std::string_view t(fixed);
    bool ok = t.size() == 20 && t[10] == 'T' && t[13] == ':' && t[16] == ':' && t[19] == 'Z' &&
              ParseDate(t.substr(0, 10)).has_value();
    for (size_t i : {11, 12, 14, 15, 17, 18})
      ok = ok && i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]));
    if (!ok)
      return Status::Usage(fmt::format("FLYWHEEL_NOW: '{}' is not a UTC time YYYY-MM-DDTHH:MM:SSZ", t));
    return std::string(t);
  }
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buffer);
}

}  // namespace flywheel
