#include "workspace/workspace_schema.h"

#include <fmt/format.h>

namespace flywheel {
namespace {

// Binds the typed values of one row; every "empty" marker of the Dataset becomes NULL.
class RowBinder {
 public:
  RowBinder(const Dataset& d, SqliteStatement& s) : d_(d), s_(s) {}

  void Text(std::string_view v) { s_.BindText(++i_, v); }
  void Code(flywheel::Code c) { s_.BindText(++i_, d_.dict.Get(c)); }
  void Date(Day v) {
    if (v == kNullDay || v == kOpenEnd) {
      s_.BindNull(++i_);
    } else {
      s_.BindText(++i_, FormatDate(v));
    }
  }
  void MonthValue(Month v) {
    if (v == kNullMonth) {
      s_.BindNull(++i_);
    } else {
      s_.BindText(++i_, FormatMonth(v));
    }
  }
  void Real(double v) {
    if (IsNull(v)) {
      s_.BindNull(++i_);
    } else {
      s_.BindReal(++i_, v);
    }
  }
  void Int(int64_t v) {
    if (v == kNullInt) {
      s_.BindNull(++i_);
    } else {
      s_.BindInt(++i_, v);
    }
  }
  void Bool(int8_t v) {
    if (v < 0) {
      s_.BindNull(++i_);
    } else {
      s_.BindInt(++i_, v != 0 ? 1 : 0);
    }
  }
  void Account(AccountIndex a) {
    if (a < 0) {
      s_.BindNull(++i_);
    } else {
      s_.BindText(++i_, d_.accounts.id[a]);
    }
  }
  void RowId(const StringColumn& ids, int32_t row) {
    if (row < 0) {
      s_.BindNull(++i_);
    } else {
      s_.BindText(++i_, ids[row]);
    }
  }
  // An enum stored as a small integer, -1 when empty.
  template <typename E, typename NameFn>
  void Enum(int v, NameFn name) {
    if (v < 0) {
      s_.BindNull(++i_);
    } else {
      s_.BindText(++i_, name(static_cast<E>(v)));
    }
  }

 private:
  const Dataset& d_;
  SqliteStatement& s_;
  int i_ = 0;
};

WorkspaceColumn Col(std::string name, const char* type) { return {std::move(name), type}; }

}  // namespace

WorkspaceTable DescribeTable(const Dataset& d, Table t) {
  WorkspaceTable out;
  out.rows = d.RowCount(t);
  switch (t) {
    case Table::kAccounts: {
      out.columns = {Col("account_id", "TEXT"), Col("name", "TEXT"), Col("segment", "TEXT"),
                     Col("industry", "TEXT"), Col("country", "TEXT"), Col("region", "TEXT"),
                     Col("employees", "INTEGER"), Col("annual_revenue", "REAL"), Col("created_at", "TEXT"),
                     Col("source", "TEXT"), Col("parent_account_id", "TEXT")};
      for (const std::string& name : d.accounts.attribute_names) out.columns.push_back(Col(name, "TEXT"));
      out.bind = [&d](SqliteStatement& s, size_t r) {
        const Accounts& a = d.accounts;
        RowBinder b(d, s);
        b.Text(a.id[r]);
        b.Text(a.name[r]);
        b.Code(a.segment[r]);
        b.Code(a.industry[r]);
        b.Code(a.country[r]);
        b.Code(a.region[r]);
        b.Int(a.employees[r]);
        b.Real(a.annual_revenue[r]);
        b.Date(a.created_at[r]);
        b.Code(a.source[r]);
        b.Account(a.parent[r]);
        for (const auto& attr : a.attributes) b.Code(attr[r]);
      };
      break;
    }
    case Table::kContacts:
      out.columns = {Col("contact_id", "TEXT"), Col("account_id", "TEXT"), Col("role", "TEXT"),
                     Col("seniority", "TEXT"), Col("is_champion", "INTEGER"), Col("is_decision_maker", "INTEGER")};
      out.bind = [&d](SqliteStatement& s, size_t r) {
        const Contacts& c = d.contacts;
        RowBinder b(d, s);
        b.Text(c.id[r]);
        b.Account(c.account[r]);
        b.Code(c.role[r]);
        b.Enum<Seniority>(c.seniority[r], SeniorityName);
        b.Bool(c.is_champion[r]);
        b.Bool(c.is_decision_maker[r]);
      };
      break;
    case Table::kLeads:
      out.columns = {Col("lead_id", "TEXT"), Col("account_id", "TEXT"), Col("created_at", "TEXT"),
                     Col("qualified_at", "TEXT"), Col("channel", "TEXT"), Col("segment", "TEXT")};
      out.bind = [&d](SqliteStatement& s, size_t r) {
        const Leads& l = d.leads;
        RowBinder b(d, s);
        b.Text(l.id[r]);
        b.Account(l.account[r]);
        b.Date(l.created_at[r]);
        b.Date(l.qualified_at[r]);
        b.Code(l.channel[r]);
        b.Code(l.segment[r]);
      };
      break;
    case Table::kOpportunities:
      out.columns = {Col("opportunity_id", "TEXT"), Col("account_id", "TEXT"), Col("type", "TEXT"),
                     Col("created_at", "TEXT"), Col("closed_at", "TEXT"), Col("status", "TEXT"),
                     Col("amount", "REAL"), Col("currency", "TEXT"), Col("stage", "TEXT"),
                     Col("owner", "TEXT"), Col("lost_reason", "TEXT"), Col("program", "TEXT"),
                     Col("expected_close", "TEXT"), Col("forecast_category", "TEXT")};
      out.bind = [&d](SqliteStatement& s, size_t r) {
        const Opportunities& o = d.opportunities;
        RowBinder b(d, s);
        b.Text(o.id[r]);
        b.Account(o.account[r]);
        b.Enum<OpportunityType>(static_cast<int>(o.type[r]), OpportunityTypeName);
        b.Date(o.created_at[r]);
        b.Date(o.closed_at[r]);
        b.Enum<OpportunityStatus>(static_cast<int>(o.status[r]), OpportunityStatusName);
        b.Real(o.amount[r]);
        b.Code(o.currency[r]);
        b.Code(o.stage[r]);
        b.Code(o.owner[r]);
        b.Code(o.lost_reason[r]);
        b.Code(o.program[r]);
        b.Date(o.expected_close[r]);
        b.Enum<ForecastCategory>(o.forecast_category[r], ForecastCategoryName);
      };
      break;
    case Table::kOpportunityHistory:
      out.columns = {Col("opportunity_id", "TEXT"), Col("changed_at", "TEXT"), Col("stage", "TEXT"),
                     Col("status", "TEXT"), Col("amount", "REAL"), Col("expected_close", "TEXT")};
      out.bind = [&d](SqliteStatement& s, size_t r) {
        const OpportunityHistory& h = d.opportunity_history;
        RowBinder b(d, s);
        b.RowId(d.opportunities.id, h.opportunity[r]);
        b.Date(h.changed_at[r]);
        b.Code(h.stage[r]);
        b.Enum<OpportunityStatus>(h.status[r], OpportunityStatusName);
        b.Real(h.amount[r]);
        b.Date(h.expected_close[r]);
      };
      break;
    case Table::kSubscriptions:
      out.columns = {Col("subscription_id", "TEXT"), Col("account_id", "TEXT"), Col("start_date", "TEXT"),
                     Col("end_date", "TEXT"), Col("amount", "REAL"), Col("billing_period", "TEXT"),
                     Col("currency", "TEXT"), Col("revenue_type", "TEXT"), Col("product", "TEXT"),
                     Col("product_line", "TEXT"), Col("gross_margin", "REAL")};
      out.bind = [&d](SqliteStatement& s, size_t r) {
        const Subscriptions& x = d.subscriptions;
        RowBinder b(d, s);
        b.Text(x.id[r]);
        b.Account(x.account[r]);
        b.Date(x.start[r]);
        b.Date(x.end[r]);
        b.Real(x.amount[r]);
        b.Enum<BillingPeriod>(static_cast<int>(x.billing_period[r]), BillingPeriodName);
        b.Code(x.currency[r]);
        b.Enum<RevenueType>(static_cast<int>(x.revenue_type[r]), RevenueTypeName);
        b.Code(x.product[r]);
        b.Code(x.product_line[r]);
        b.Real(x.gross_margin[r]);
      };
      break;
    case Table::kUsage:
      out.columns = {Col("account_id", "TEXT"), Col("date", "TEXT"), Col("metric", "TEXT"), Col("value", "REAL")};
      out.bind = [&d](SqliteStatement& s, size_t r) {
        const Usage& u = d.usage;
        RowBinder b(d, s);
        b.Account(u.account[r]);
        b.Date(u.date[r]);
        b.Code(u.metric[r]);
        b.Real(u.value[r]);
      };
      break;
    case Table::kTickets:
      out.columns = {Col("ticket_id", "TEXT"), Col("account_id", "TEXT"), Col("opened_at", "TEXT"),
                     Col("closed_at", "TEXT"), Col("effort_hours", "REAL"), Col("escalation", "TEXT")};
      out.bind = [&d](SqliteStatement& s, size_t r) {
        const Tickets& k = d.tickets;
        RowBinder b(d, s);
        b.Text(k.id[r]);
        b.Account(k.account[r]);
        b.Date(k.opened_at[r]);
        b.Date(k.closed_at[r]);
        b.Real(k.effort_hours[r]);
        b.Enum<Escalation>(static_cast<int>(k.escalation[r]), EscalationName);
      };
      break;
    case Table::kNps:
      out.columns = {Col("account_id", "TEXT"), Col("contact_id", "TEXT"), Col("date", "TEXT"),
                     Col("score", "INTEGER")};
      out.bind = [&d](SqliteStatement& s, size_t r) {
        const Nps& n = d.nps;
        RowBinder b(d, s);
        b.Account(n.account[r]);
        b.RowId(d.contacts.id, n.contact[r]);
        b.Date(n.date[r]);
        b.Int(n.score[r]);
      };
      break;
    case Table::kAdvocacy:
      out.columns = {Col("account_id", "TEXT"), Col("date", "TEXT"), Col("type", "TEXT")};
      out.bind = [&d](SqliteStatement& s, size_t r) {
        const Advocacy& a = d.advocacy;
        RowBinder b(d, s);
        b.Account(a.account[r]);
        b.Date(a.date[r]);
        b.Enum<AdvocacyType>(static_cast<int>(a.type[r]), AdvocacyTypeName);
      };
      break;
    case Table::kSpend:
      out.columns = {Col("month", "TEXT"), Col("category", "TEXT"), Col("amount", "REAL"), Col("segment", "TEXT")};
      out.bind = [&d](SqliteStatement& s, size_t r) {
        const Spend& x = d.spend;
        RowBinder b(d, s);
        b.MonthValue(x.month[r]);
        b.Enum<SpendCategory>(static_cast<int>(x.category[r]), SpendCategoryName);
        b.Real(x.amount[r]);
        b.Code(x.segment[r]);
      };
      break;
    case Table::kFinance:
      out.columns = {Col("month", "TEXT"), Col("net_burn", "REAL"), Col("gross_margin", "REAL")};
      out.bind = [&d](SqliteStatement& s, size_t r) {
        const Finance& f = d.finance;
        RowBinder b(d, s);
        b.MonthValue(f.month[r]);
        b.Real(f.net_burn[r]);
        b.Real(f.gross_margin[r]);
      };
      break;
    case Table::kFx:
      out.columns = {Col("month", "TEXT"), Col("currency", "TEXT"), Col("rate", "REAL")};
      out.bind = [&d](SqliteStatement& s, size_t r) {
        const Fx& f = d.fx;
        RowBinder b(d, s);
        b.MonthValue(f.month[r]);
        b.Code(f.currency[r]);
        b.Real(f.rate[r]);
      };
      break;
    case Table::kJourney:
      out.columns = {Col("account_id", "TEXT"), Col("stage", "TEXT"), Col("entered_at", "TEXT")};
      out.bind = [&d](SqliteStatement& s, size_t r) {
        const Journey& j = d.journey;
        RowBinder b(d, s);
        b.Account(j.account[r]);
        b.Enum<BowtieStage>(static_cast<int>(j.stage[r]), BowtieStageName);
        b.Date(j.entered_at[r]);
      };
      break;
  }
  return out;
}

std::string CreateTableSql(std::string_view name, const WorkspaceTable& table) {
  std::string sql = fmt::format("CREATE TABLE {} (", QuoteIdentifier(name));
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (i > 0) sql += ", ";
    sql += QuoteIdentifier(table.columns[i].name);
    sql += ' ';
    sql += table.columns[i].sql_type;
  }
  sql += ')';
  return sql;
}

std::string InsertSql(std::string_view name, const WorkspaceTable& table) {
  std::string cols, params;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (i > 0) {
      cols += ", ";
      params += ", ";
    }
    cols += QuoteIdentifier(table.columns[i].name);
    params += fmt::format("?{}", i + 1);
  }
  return fmt::format("INSERT INTO {} ({}) VALUES ({})", QuoteIdentifier(name), cols, params);
}

}  // namespace flywheel
