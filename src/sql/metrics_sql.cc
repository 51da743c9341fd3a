#include "sql/metrics_sql.h"

#include <fmt/format.h>

#include <utility>

namespace flywheel {
namespace {

// Views in creation order; dropped in reverse.
const char* const kViews[] = {
    "flywheel_params",
    "flywheel_months",
    "mrr_subscription_rows",
    "mrr_account_month",
    "mrr_native",
    "mrr_fx_impact",
    "mrr_year_ago_rates",
    "mrr_first_month_rates",
    "mrr_movements",
    "revenue_month",
    "cohort_nrr",
    "pipeline_months",
    "lvr",
    "win_rate",
    "sales_cycle_median",
    "bowtie_stage_dates",
    "bowtie_conversion",
    "cac_payback",
    "burn_multiple",
};
constexpr int kViewCount = sizeof(kViews) / sizeof(kViews[0]);

// The dialect-specific pieces; everything else is shared SQL.
struct Dialect {
  SqlDialect d;

  const char* FloatType() const {
    return d == SqlDialect::kSqlite ? "REAL" : d == SqlDialect::kDuckdb ? "DOUBLE" : "DOUBLE PRECISION";
  }
  const char* DateType() const { return d == SqlDialect::kSqlite ? "TEXT" : "DATE"; }
  std::string AsFloat(const std::string& e) const { return fmt::format("CAST({} AS {})", e, FloatType()); }
  std::string DateLiteral(const std::string& iso) const {
    if (iso.empty()) return d == SqlDialect::kSqlite ? "date('now')" : "CURRENT_DATE";
    return d == SqlDialect::kSqlite ? fmt::format("'{}'", iso) : fmt::format("DATE '{}'", iso);
  }
  // Integer division: DuckDB's `/` gives a DOUBLE, `//` the integer quotient.
  std::string IntDiv(const std::string& a, const std::string& b) const {
    return d == SqlDialect::kDuckdb ? fmt::format("({} // {})", a, b) : fmt::format("({} / {})", a, b);
  }
  // Month index year * 12 + month - 1 of a date.
  std::string MonthIndex(const std::string& e) const {
    if (d == SqlDialect::kSqlite) {
      return fmt::format("(CAST(substr({0}, 1, 4) AS INTEGER) * 12 + CAST(substr({0}, 6, 2) AS INTEGER) - 1)",
                         e);
    }
    return fmt::format(
        "(CAST(EXTRACT(YEAR FROM {0}) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM {0}) AS INTEGER) - 1)", e);
  }
  // 'YYYY-MM' of a month index.
  std::string MonthLabel(const std::string& m) const {
    if (d == SqlDialect::kPostgres) {
      return fmt::format(
          "lpad(CAST({0} / 12 AS TEXT), 4, '0') || '-' || lpad(CAST({0} % 12 + 1 AS TEXT), 2, '0')", m);
    }
    return fmt::format("printf('%04d-%02d', {}, {} % 12 + 1)", IntDiv(m, "12"), m);
  }
  // The larger of two numbers.
  std::string Greatest(const std::string& a, const std::string& b) const {
    return fmt::format("{}({}, {})", d == SqlDialect::kSqlite ? "MAX" : "GREATEST", a, b);
  }
  // The first day of a month index, as a date of the dialect.
  std::string FirstDayOfMonth(const std::string& m) const {
    if (d == SqlDialect::kSqlite) return fmt::format("printf('%04d-%02d-01', {0} / 12, {0} % 12 + 1)", m);
    return fmt::format("make_date(CAST({} AS INTEGER), CAST({} % 12 + 1 AS INTEGER), 1)", IntDiv(m, "12"), m);
  }
  // Median of `value` per `keys` over the rows of `from`: SQLite has no median aggregate, so
  // the middle one or two rows are averaged; the others use their percentile aggregate.
  std::string MedianBy(const std::string& keys, const std::string& value, const std::string& from) const {
    if (d == SqlDialect::kSqlite) {
      return fmt::format(
          "SELECT {0}, AVG(CASE WHEN rn IN ((n + 1) / 2, n / 2 + 1) THEN v END) AS median\n"
          "  FROM (SELECT {0}, {1} AS v, ROW_NUMBER() OVER (PARTITION BY {0} ORDER BY {1}) AS rn,\n"
          "    COUNT(*) OVER (PARTITION BY {0}) AS n FROM {2}) ranked\n"
          "  GROUP BY {0}",
          keys, value, from);
    }
    if (d == SqlDialect::kDuckdb) {
      return fmt::format("SELECT {0}, quantile_cont({1}, 0.5) AS median FROM {2} GROUP BY {0}", keys, value,
                         from);
    }
    return fmt::format(
        "SELECT {0}, percentile_cont(0.5) WITHIN GROUP (ORDER BY {1}) AS median FROM {2} GROUP BY {0}", keys,
        value, from);
  }
  // A view of MRR(a, M) valued at the rates of another month R (constant currency, metrics.md
  // §1): MRR + Σ over foreign currencies of N(a, c, M) × (r(c, R) − r(c, M)), never below 0; a
  // currency without a rate in R keeps its rate of M. `ref` is the CTE (account_id, ref_idx)
  // that gives R per account, or "" for R = M − 12 (`ref_idx` is then a.month_idx - 12).
  std::string ConstantCurrencyView(const std::string& name, const std::string& ref_cte,
                                   const std::string& ref_idx) const {
    return fmt::format(
        "CREATE VIEW {0} AS\n"
        "{1}"
        "SELECT a.account_id, a.month_idx,\n"
        "  {2} AS mrr\n"
        "FROM mrr_account_month a\n"
        "{3}"
        "LEFT JOIN mrr_native n ON n.account_id = a.account_id AND n.month_idx = a.month_idx AND n.currency "
        "IS NOT NULL\n"
        "LEFT JOIN flywheel_months rm ON rm.month_idx = {4}\n"
        "LEFT JOIN fx rn ON rn.currency = n.currency AND rn.month = n.month\n"
        "LEFT JOIN fx rr ON rr.currency = n.currency AND rr.month = rm.month\n"
        "GROUP BY a.account_id, a.month_idx, a.mrr;\n\n",
        name, ref_cte,
        Greatest("0", "a.mrr + COALESCE(SUM(n.native_mrr * (COALESCE(rr.rate, rn.rate) - rn.rate)), 0)"),
        ref_cte.empty() ? "" : "JOIN ref f ON f.account_id = a.account_id\n", ref_idx);
  }
  // Whole days from a to b.
  std::string DaysBetween(const std::string& a, const std::string& b) const {
    if (d == SqlDialect::kSqlite) return fmt::format("CAST(julianday({}) - julianday({}) AS INTEGER)", b, a);
    return fmt::format("CAST({} - {} AS INTEGER)", b, a);
  }
};

// The currency views (docs/METRICS.md "Currency"): native MRR per currency, the fx impact of
// each account-month, and MRR at the rates of twelve months before and of the account's first
// month (constant-currency NRR, GRR and cohorts).
std::string CurrencyViews(const Dialect& x) {
  std::string out;
  out +=
      "-- Native MRR per account, currency and month (currency NULL = the base currency): the\n"
      "-- monthly amounts of the rows active on the snapshot day, before conversion.\n"
      "CREATE VIEW mrr_native AS\n"
      "SELECT r.account_id, r.fx_currency AS currency, m.month_idx, m.month, SUM(r.monthly_amount) AS "
      "native_mrr\n"
      "FROM mrr_subscription_rows r\n"
      "JOIN flywheel_months m ON m.month_idx BETWEEN r.first_month AND r.last_month\n"
      "GROUP BY r.account_id, r.fx_currency, m.month_idx, m.month;\n\n"
      "-- The currency effect on an account's MRR from month M-1 to M (metrics.md §1):\n"
      "-- fx_impact = SUM over currencies of N(a, c, M-1) x (r(c, M) - r(c, M-1)); a currency\n"
      "-- without a rate in M adds nothing.\n"
      "CREATE VIEW mrr_fx_impact AS\n"
      "SELECT p.account_id, p.month_idx + 1 AS month_idx,\n"
      "  SUM(p.native_mrr * COALESCE(rc.rate - rp.rate, 0)) AS fx_impact\n"
      "FROM mrr_native p\n"
      "JOIN flywheel_months mc ON mc.month_idx = p.month_idx + 1\n"
      "JOIN fx rp ON rp.currency = p.currency AND rp.month = p.month\n"
      "LEFT JOIN fx rc ON rc.currency = p.currency AND rc.month = mc.month\n"
      "WHERE p.currency IS NOT NULL\n"
      "GROUP BY p.account_id, p.month_idx + 1;\n\n"
      "-- MRR of each account-month at the rates of twelve months before (trailing NRR/GRR at\n"
      "-- constant currency): MRR + SUM of N(a, c, M) x (r(c, M-12) - r(c, M)) over foreign currencies,\n"
      "-- not below 0; a currency without a rate in M-12 keeps its rate of M.\n";
  out += x.ConstantCurrencyView("mrr_year_ago_rates", "", "a.month_idx - 12");
  out +=
      "-- MRR of each account-month at the rates of the account's first month with MRR (cohort\n"
      "-- retention at constant currency), as mrr_year_ago_rates.\n";
  out += x.ConstantCurrencyView("mrr_first_month_rates",
                                "WITH ref AS (SELECT account_id, MIN(month_idx) AS ref_idx FROM "
                                "mrr_account_month GROUP BY account_id)\n",
                                "f.ref_idx");
  return out;
}

// The parameters view (flywheel_params): the as-of date and the settings the views read;
// the one place a reader edits to change them.
std::string ParamsView(const Dialect& x, const SqlParams& params) {
  const std::string ft = x.FloatType();
  std::string out;
  // Parameters.
  const std::string as_of = x.DateLiteral(params.as_of);
  const std::string window = params.reactivation_window_months
                                 ? std::to_string(*params.reactivation_window_months)
                                 : std::string("NULL");
  out += "-- Parameters: edit here. reactivation_window_months NULL = any gap is a reactivation.\n";
  out += "CREATE VIEW flywheel_params AS\nSELECT\n";
  out += fmt::format("  {} AS as_of,\n", as_of);
  out += fmt::format("  {} AS as_of_month,\n", x.MonthIndex(as_of));
  out += fmt::format("  CAST('{}' AS TEXT) AS base_currency,\n", params.base_currency);
  out += fmt::format("  CAST({} AS INTEGER) AS reactivation_window_months,\n", window);
  out += fmt::format("  CAST({} AS {}) AS default_gross_margin,\n",
                     fmt::format("{}", params.default_gross_margin), ft);
  out += fmt::format("  CAST({} AS INTEGER) AS bowtie_window_days,\n", params.bowtie_window_days);
  std::string metric;
  if (params.value_event_metric.empty()) {
    metric = "NULL";
  } else {
    metric.push_back('\'');
    for (char c : params.value_event_metric) {
      metric.push_back(c);
      if (c == '\'') metric.push_back('\'');  // a quote inside a literal is doubled
    }
    metric.push_back('\'');
  }
  out += fmt::format("  CAST({} AS TEXT) AS value_event_metric,\n", metric);
  out += fmt::format("  CAST({} AS {}) AS value_event_threshold;\n\n",
                     fmt::format("{}", params.value_event_threshold), ft);
  return out;
}

// The month spine (flywheel_months): every month from the first event through the as-of month.
std::string MonthSpineView(const Dialect& x) {
  std::string out;
  // Month spine: from the earliest month any metric needs through the as-of month.
  const std::string lo = fmt::format(
      "SELECT MIN(month_idx) AS lo, MAX(p.as_of_month) AS hi FROM (\n"
      "    SELECT {} AS month_idx FROM subscriptions, flywheel_params p WHERE start_date <= p.as_of\n"
      "    UNION ALL SELECT {} FROM opportunities, flywheel_params p WHERE created_at <= p.as_of\n"
      "    UNION ALL SELECT {} FROM opportunities, flywheel_params p WHERE closed_at <= p.as_of\n"
      "    UNION ALL SELECT {} FROM leads, flywheel_params p WHERE qualified_at <= p.as_of\n"
      "    UNION ALL SELECT {} FROM leads, flywheel_params p WHERE created_at <= p.as_of\n"
      "    UNION ALL SELECT {} FROM journey, flywheel_params p WHERE entered_at <= p.as_of\n"
      "    UNION ALL SELECT {} FROM advocacy, flywheel_params p WHERE date <= p.as_of\n"
      "    UNION ALL SELECT {} FROM (SELECT MIN(date) AS date FROM usage, flywheel_params p\n"
      "      WHERE metric = p.value_event_metric AND date <= p.as_of) u WHERE date IS NOT NULL\n"
      "  ) e, flywheel_params p",
      x.MonthIndex("start_date"), x.MonthIndex("created_at"), x.MonthIndex("closed_at"),
      x.MonthIndex("qualified_at"), x.MonthIndex("created_at"), x.MonthIndex("entered_at"),
      x.MonthIndex("date"), x.MonthIndex("date"));
  out += "-- Every month from the first event through the as-of month.\n";
  out += "CREATE VIEW flywheel_months AS\n";
  if (x.d == SqlDialect::kSqlite) {
    out += fmt::format(
        "WITH RECURSIVE bounds AS (\n  {}\n), spine(month_idx) AS (\n"
        "  SELECT lo FROM bounds WHERE lo IS NOT NULL\n"
        "  UNION ALL SELECT month_idx + 1 FROM spine, bounds WHERE month_idx < bounds.hi\n)\n"
        "SELECT month_idx, {} AS month FROM spine;\n\n",
        lo, x.MonthLabel("month_idx"));
  } else if (x.d == SqlDialect::kDuckdb) {
    out += fmt::format(
        "WITH bounds AS (\n  {}\n), spine AS (\n"
        "  SELECT CAST(UNNEST(generate_series(lo, hi)) AS INTEGER) AS month_idx FROM bounds WHERE lo IS NOT "
        "NULL\n)\n"
        "SELECT month_idx, {} AS month FROM spine;\n\n",
        lo, x.MonthLabel("month_idx"));
  } else {
    out += fmt::format(
        "WITH bounds AS (\n  {}\n), spine AS (\n"
        "  SELECT CAST(generate_series(lo, hi) AS INTEGER) AS month_idx FROM bounds WHERE lo IS NOT NULL\n)\n"
        "SELECT month_idx, {} AS month FROM spine;\n\n",
        lo, x.MonthLabel("month_idx"));
  }
  return out;
}

// MRR: the recurring rows, MRR per account-month, the currency views and the movements.
std::string MrrViews(const Dialect& x) {
  std::string out;
  // Recurring rows and the months whose snapshot day they cover.
  out += fmt::format(
      "-- Recurring subscription rows: monthly amount and the month_idx range [first_month, last_month]\n"
      "-- whose snapshot day (last day of the month, or as_of in its month) lies in [start_date, end_date).\n"
      "CREATE VIEW mrr_subscription_rows AS\n"
      "SELECT s.subscription_id, s.account_id, s.start_date,\n"
      "  {0} AS first_month,\n"
      "  CASE WHEN s.end_date IS NULL THEN p.as_of_month\n"
      "       WHEN {1} >= p.as_of_month THEN CASE WHEN s.end_date > p.as_of THEN p.as_of_month ELSE "
      "p.as_of_month - 1 END\n"
      "       ELSE {1} - 1 END AS last_month,\n"
      "  {2} / CASE LOWER(COALESCE(s.billing_period, 'month')) WHEN 'quarter' THEN 3 WHEN 'year' THEN 12 "
      "ELSE 1 END AS monthly_amount,\n"
      "  CASE WHEN s.currency IS NULL OR s.currency = p.base_currency THEN NULL ELSE s.currency END AS "
      "fx_currency\n"
      "FROM subscriptions s, flywheel_params p\n"
      "WHERE LOWER(COALESCE(s.revenue_type, 'recurring')) = 'recurring' AND s.amount IS NOT NULL\n"
      "  AND s.start_date <= p.as_of AND (s.end_date IS NULL OR s.start_date < s.end_date);\n\n",
      x.MonthIndex("s.start_date"), x.MonthIndex("s.end_date"), x.AsFloat("s.amount"));

  // MRR per account-month.
  out +=
      "-- MRR(a, M) > 0 per account-month (metrics.md §1), in the base currency with the fx rate of\n"
      "-- the month (1 for the base currency). mrr is NULL when an fx rate is missing.\n"
      "CREATE VIEW mrr_account_month AS\n"
      "SELECT r.account_id, m.month_idx, m.month,\n"
      "  CASE WHEN COUNT(*) > COUNT(CASE WHEN r.fx_currency IS NULL THEN 1 ELSE fx.rate END) THEN NULL\n"
      "       ELSE SUM(r.monthly_amount * CASE WHEN r.fx_currency IS NULL THEN 1 ELSE fx.rate END) END AS "
      "mrr\n"
      "FROM mrr_subscription_rows r\n"
      "JOIN flywheel_months m ON m.month_idx BETWEEN r.first_month AND r.last_month\n"
      "LEFT JOIN fx ON fx.currency = r.fx_currency AND fx.month = m.month\n"
      "GROUP BY r.account_id, m.month_idx, m.month\n"
      "HAVING COUNT(*) > COUNT(CASE WHEN r.fx_currency IS NULL THEN 1 ELSE fx.rate END)\n"
      "    OR SUM(r.monthly_amount * CASE WHEN r.fx_currency IS NULL THEN 1 ELSE fx.rate END) > 0;\n\n";

  out += CurrencyViews(x);

  // Movements.
  out +=
      "-- MRR movements per account-month: new, reactivation, expansion, contraction, churn, and\n"
      "-- fx_impact. For an account with MRR in both months the change at constant currency\n"
      "-- cur - prev - fx_impact decides expansion or contraction; fx_impact is a row of its own.\n"
      "-- Each account is followed from its first month with MRR to the month after its last\n"
      "-- (capped at the as-of month); changes below 1e-6 are no movement, as in the engine.\n"
      "CREATE VIEW mrr_movements AS\n"
      "WITH span AS (\n"
      "  SELECT account_id, MIN(month_idx) AS first_month, MAX(month_idx) AS last_month\n"
      "  FROM mrr_account_month GROUP BY account_id\n"
      "), grid AS (\n"
      "  SELECT s.account_id, m.month_idx, m.month, COALESCE(c.mrr, 0) AS cur\n"
      "  FROM span s\n"
      "  CROSS JOIN flywheel_params p\n"
      "  JOIN flywheel_months m ON m.month_idx >= s.first_month\n"
      "    AND m.month_idx <= CASE WHEN s.last_month + 1 < p.as_of_month THEN s.last_month + 1 ELSE "
      "p.as_of_month END\n"
      "  LEFT JOIN mrr_account_month c ON c.account_id = s.account_id AND c.month_idx = m.month_idx\n"
      "), lagged AS (\n"
      "  SELECT account_id, month_idx, month, cur,\n"
      "    COALESCE(LAG(cur) OVER (PARTITION BY account_id ORDER BY month_idx), 0) AS prev,\n"
      "    MAX(CASE WHEN cur > 0 THEN month_idx END) OVER (PARTITION BY account_id ORDER BY month_idx\n"
      "      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS last_positive\n"
      "  FROM grid\n"
      "), typed AS (\n"
      "  SELECT g.account_id, g.month_idx, g.month, g.prev, g.cur,\n"
      "    CASE WHEN g.prev > 0 AND g.cur > 0 THEN COALESCE(f.fx_impact, 0) ELSE 0 END AS fx,\n"
      "    CASE\n"
      "      WHEN g.prev <= 0 AND g.cur > 0 THEN\n"
      "        CASE WHEN g.last_positive IS NULL THEN 'new'\n"
      "             WHEN p.reactivation_window_months IS NOT NULL\n"
      "                  AND g.month_idx - g.last_positive - 1 > p.reactivation_window_months THEN 'new'\n"
      "             ELSE 'reactivation' END\n"
      "      WHEN g.prev > 0 AND g.cur <= 0 THEN 'churn'\n"
      "      WHEN g.prev > 0 AND g.cur - g.prev - COALESCE(f.fx_impact, 0) > 1e-6 THEN 'expansion'\n"
      "      WHEN g.prev > 0 AND g.cur - g.prev - COALESCE(f.fx_impact, 0) < -1e-6 THEN 'contraction'\n"
      "    END AS movement\n"
      "  FROM lagged g CROSS JOIN flywheel_params p\n"
      "  LEFT JOIN mrr_fx_impact f ON f.account_id = g.account_id AND f.month_idx = g.month_idx\n"
      ")\n"
      "SELECT account_id, month_idx, month, movement, prev AS previous_mrr, cur AS mrr,\n"
      "  CASE movement WHEN 'new' THEN cur WHEN 'reactivation' THEN cur WHEN 'churn' THEN prev\n"
      "    WHEN 'expansion' THEN cur - prev - fx ELSE prev - cur + fx END AS amount\n"
      "FROM typed WHERE movement IS NOT NULL\n"
      "UNION ALL\n"
      "SELECT account_id, month_idx, month, 'fx_impact', prev, cur, fx FROM typed\n"
      "WHERE fx > 1e-6 OR fx < -1e-6;\n\n";
  return out;
}

// Revenue per month (revenue_month).
std::string RevenueViews(const Dialect& x) {
  std::string out;
  // Revenue per month.
  auto mv_sum = [](const char* t) {
    return fmt::format(
        "SUM(CASE WHEN movement = '{0}' THEN amount ELSE 0 END) AS {0}_mrr,\n"
        "    SUM(CASE WHEN movement = '{0}' THEN 1 ELSE 0 END) AS {0}_count",
        t);
  };
  out += fmt::format(
      "-- The monthly revenue table (the `all` rows of `flywheel revenue`): MRR, ARR, customers,\n"
      "-- movements (amounts and counts), the fx impact beside net new MRR (MRR = previous MRR +\n"
      "-- net new MRR + fx_impact_mrr), growth, logo churn, gross/net MRR churn, quick ratio, ARPA\n"
      "-- and trailing-12-month NRR/GRR at constant currency. Rates are NULL when their denominator is 0.\n"
      "CREATE VIEW revenue_month AS\n"
      "WITH months AS (\n"
      "  SELECT m.month_idx, m.month FROM flywheel_months m\n"
      "  WHERE m.month_idx >= (SELECT MIN(month_idx) FROM mrr_account_month)\n"
      "), tot AS (\n"
      "  SELECT month_idx, SUM(mrr) AS mrr, COUNT(*) AS customers FROM mrr_account_month GROUP BY month_idx\n"
      "), mv AS (\n"
      "  SELECT month_idx,\n    {},\n    {},\n    {},\n    {},\n    {}\n"
      "    ,\n    SUM(CASE WHEN movement = 'fx_impact' THEN amount ELSE 0 END) AS fx_impact_mrr\n"
      "  FROM mrr_movements GROUP BY month_idx\n"
      "), ret AS (\n"
      "  SELECT b.month_idx + 12 AS month_idx, SUM(b.mrr) AS base_mrr, SUM(COALESCE(n.mrr, 0)) AS now_mrr,\n"
      "    SUM(CASE WHEN COALESCE(n.mrr, 0) < b.mrr THEN COALESCE(n.mrr, 0) ELSE b.mrr END) AS kept_mrr\n"
      "  FROM mrr_account_month b\n"
      "  LEFT JOIN mrr_year_ago_rates n ON n.account_id = b.account_id AND n.month_idx = b.month_idx + 12\n"
      "  GROUP BY b.month_idx\n"
      "), base AS (\n"
      "  SELECT m.month_idx, m.month,\n"
      "    COALESCE(t.mrr, 0) AS mrr, COALESCE(t.customers, 0) AS customers,\n"
      "    COALESCE(pt.mrr, 0) AS previous_mrr, COALESCE(pt.customers, 0) AS previous_customers,\n"
      "    COALESCE(yt.mrr, 0) AS year_ago_mrr,\n"
      "    COALESCE(v.new_mrr, 0) AS new_mrr, COALESCE(v.reactivation_mrr, 0) AS reactivation_mrr,\n"
      "    COALESCE(v.expansion_mrr, 0) AS expansion_mrr, COALESCE(v.contraction_mrr, 0) AS "
      "contraction_mrr,\n"
      "    COALESCE(v.churn_mrr, 0) AS churned_mrr,\n"
      "    COALESCE(v.new_count, 0) AS new_count, COALESCE(v.reactivation_count, 0) AS reactivation_count,\n"
      "    COALESCE(v.expansion_count, 0) AS expansion_count, COALESCE(v.contraction_count, 0) AS "
      "contraction_count,\n"
      "    COALESCE(v.churn_count, 0) AS churned_count, COALESCE(v.fx_impact_mrr, 0) AS fx_impact_mrr,\n"
      "    r.base_mrr, r.now_mrr, r.kept_mrr\n"
      "  FROM months m\n"
      "  LEFT JOIN tot t ON t.month_idx = m.month_idx\n"
      "  LEFT JOIN tot pt ON pt.month_idx = m.month_idx - 1\n"
      "  LEFT JOIN tot yt ON yt.month_idx = m.month_idx - 12\n"
      "  LEFT JOIN mv v ON v.month_idx = m.month_idx\n"
      "  LEFT JOIN ret r ON r.month_idx = m.month_idx\n"
      ")\n"
      "SELECT month_idx, month, mrr, 12 * mrr AS arr, customers,\n"
      "  new_mrr, reactivation_mrr, expansion_mrr, contraction_mrr, churned_mrr,\n"
      "  new_mrr + reactivation_mrr + expansion_mrr - contraction_mrr - churned_mrr AS net_new_mrr, "
      "fx_impact_mrr,\n"
      "  new_count, reactivation_count, expansion_count, contraction_count, churned_count,\n"
      "  previous_mrr, previous_customers,\n"
      "  CASE WHEN previous_mrr > 0 THEN mrr / previous_mrr - 1 END AS mrr_growth_mom,\n"
      "  CASE WHEN year_ago_mrr > 0 THEN mrr / year_ago_mrr - 1 END AS mrr_growth_yoy,\n"
      "  CASE WHEN previous_customers > 0 THEN {} / previous_customers END AS logo_churn_rate,\n"
      "  CASE WHEN previous_mrr <> 0 THEN (churned_mrr + contraction_mrr) / previous_mrr END AS "
      "gross_mrr_churn_rate,\n"
      "  CASE WHEN previous_mrr <> 0\n"
      "    THEN (churned_mrr + contraction_mrr - expansion_mrr - reactivation_mrr) / previous_mrr END AS "
      "net_mrr_churn_rate,\n"
      "  CASE WHEN churned_mrr + contraction_mrr <> 0\n"
      "    THEN (new_mrr + reactivation_mrr + expansion_mrr) / (churned_mrr + contraction_mrr) END AS "
      "quick_ratio,\n"
      "  CASE WHEN customers > 0 THEN mrr / customers END AS arpa,\n"
      "  CASE WHEN base_mrr <> 0 THEN now_mrr / base_mrr END AS nrr,\n"
      "  CASE WHEN base_mrr <> 0 THEN kept_mrr / base_mrr END AS grr\n"
      "FROM base;\n\n",
      mv_sum("new"), mv_sum("reactivation"), mv_sum("expansion"), mv_sum("contraction"), mv_sum("churn"),
      x.AsFloat("churned_count"));
  return out;
}

// Cohort retention (cohort_nrr).
std::string CohortViews(const Dialect& x) {
  std::string out;
  // Cohorts.
  out += fmt::format(
      "-- Cohort triangle by month of first MRR: per cohort and age (months since the cohort),\n"
      "-- revenue retention (nrr), gross retention (grr) and logo retention, through the as-of month;\n"
      "-- mrr at the rates of the cohort month (constant currency).\n"
      "CREATE VIEW cohort_nrr AS\n"
      "WITH firsts AS (\n"
      "  SELECT account_id, MIN(month_idx) AS cohort_idx FROM mrr_account_month GROUP BY account_id\n"
      "), members AS (\n"
      "  SELECT f.account_id, f.cohort_idx, a.mrr AS start_mrr\n"
      "  FROM firsts f JOIN mrr_account_month a ON a.account_id = f.account_id AND a.month_idx = "
      "f.cohort_idx\n"
      "), cells AS (\n"
      "  SELECT c.cohort_idx, m.month_idx - c.cohort_idx AS age, COUNT(*) AS accounts,\n"
      "    SUM(c.start_mrr) AS start_mrr, SUM(COALESCE(x.mrr, 0)) AS mrr,\n"
      "    SUM(CASE WHEN COALESCE(x.mrr, 0) < c.start_mrr THEN COALESCE(x.mrr, 0) ELSE c.start_mrr END) AS "
      "kept_mrr,\n"
      "    SUM(CASE WHEN x.mrr > 0 THEN 1 ELSE 0 END) AS retained\n"
      "  FROM members c\n"
      "  JOIN flywheel_months m ON m.month_idx >= c.cohort_idx\n"
      "  LEFT JOIN mrr_first_month_rates x ON x.account_id = c.account_id AND x.month_idx = m.month_idx\n"
      "  GROUP BY c.cohort_idx, m.month_idx - c.cohort_idx\n"
      ")\n"
      "SELECT {} AS cohort, cohort_idx, age, accounts, start_mrr, mrr,\n"
      "  mrr / start_mrr AS nrr, kept_mrr / start_mrr AS grr, {} / accounts AS logo_retention\n"
      "FROM cells;\n\n",
      x.MonthLabel("cohort_idx"), x.AsFloat("retained"));
  return out;
}

// The months of the pipeline metrics (pipeline_months).
std::string PipelineMonthsView(const Dialect& x) {
  return fmt::format(
      "-- Months of the pipeline metrics: from the first deal created or closed or lead qualified.\n"
      "CREATE VIEW pipeline_months AS\n"
      "SELECT m.month_idx, m.month FROM flywheel_months m\n"
      "WHERE m.month_idx >= (SELECT MIN(month_idx) FROM (\n"
      "    SELECT {} AS month_idx FROM opportunities, flywheel_params p WHERE created_at <= p.as_of\n"
      "    UNION ALL SELECT {} FROM opportunities, flywheel_params p WHERE closed_at <= p.as_of\n"
      "    UNION ALL SELECT {} FROM leads, flywheel_params p WHERE qualified_at <= p.as_of) e);\n\n",
      x.MonthIndex("created_at"), x.MonthIndex("closed_at"), x.MonthIndex("qualified_at"));
}

// Qualified leads per month and the lead velocity rate (lvr).
std::string LvrView(const Dialect& x) {
  return fmt::format(
      "-- Qualified leads per month (qualified_at in the month, up to as_of) and the lead velocity\n"
      "-- rate LVR = QL(M) / QL(M-1) - 1 (NULL when QL(M-1) = 0 and in the first month).\n"
      "CREATE VIEW lvr AS\n"
      "WITH ql AS (\n"
      "  SELECT {} AS month_idx, COUNT(*) AS n\n"
      "  FROM leads, flywheel_params p WHERE qualified_at IS NOT NULL AND qualified_at <= p.as_of\n"
      "  GROUP BY {}\n"
      ")\n"
      "SELECT m.month_idx, m.month, COALESCE(q.n, 0) AS qualified_leads,\n"
      "  CASE WHEN pq.n > 0 AND m.month_idx > (SELECT MIN(month_idx) FROM pipeline_months)\n"
      "    THEN {} / pq.n - 1 END AS lvr\n"
      "FROM pipeline_months m\n"
      "LEFT JOIN ql q ON q.month_idx = m.month_idx\n"
      "LEFT JOIN ql pq ON pq.month_idx = m.month_idx - 1;\n\n",
      x.MonthIndex("qualified_at"), x.MonthIndex("qualified_at"), x.AsFloat("COALESCE(q.n, 0)"));
}

// Win rates of new and expansion deals by count and by value (win_rate).
std::string WinRateView(const Dialect& x) {
  return fmt::format(
      "-- Win rates of new and expansion deals closed (won or lost) in the month, up to as_of: by\n"
      "-- count won / (won + lost) and by value; amounts in the base currency at the fx rate of the\n"
      "-- close month; deals without amount count but add no value. Renewals and open deals excluded.\n"
      "CREATE VIEW win_rate AS\n"
      "WITH closed AS (\n"
      "  SELECT {} AS month_idx, LOWER(o.type) AS type, LOWER(o.status) AS status,\n"
      "    {} * CASE WHEN o.currency IS NULL OR o.currency = p.base_currency THEN 1 ELSE fx.rate END AS "
      "amount\n"
      "  FROM opportunities o CROSS JOIN flywheel_params p\n"
      "  LEFT JOIN fx ON fx.currency = o.currency AND fx.month = {}\n"
      "  WHERE LOWER(o.type) IN ('new', 'expansion') AND LOWER(o.status) IN ('won', 'lost')\n"
      "    AND o.closed_at IS NOT NULL AND o.closed_at <= p.as_of AND o.created_at <= p.as_of\n"
      "), agg AS (\n"
      "  SELECT month_idx, type,\n"
      "    SUM(CASE WHEN status = 'won' THEN 1 ELSE 0 END) AS won,\n"
      "    SUM(CASE WHEN status = 'lost' THEN 1 ELSE 0 END) AS lost,\n"
      "    COALESCE(SUM(CASE WHEN status = 'won' THEN amount END), 0) AS won_amount,\n"
      "    COALESCE(SUM(CASE WHEN status = 'lost' THEN amount END), 0) AS lost_amount\n"
      "  FROM closed GROUP BY month_idx, type\n"
      ")\n"
      "SELECT month_idx, {} AS month, type, won, lost, {} / (won + lost) AS win_rate,\n"
      "  won_amount, lost_amount,\n"
      "  CASE WHEN won_amount + lost_amount <> 0 THEN won_amount / (won_amount + lost_amount) END AS "
      "win_rate_value\n"
      "FROM agg;\n\n",
      x.MonthIndex("o.closed_at"), x.AsFloat("o.amount"), x.MonthLabel(x.MonthIndex("o.closed_at")),
      x.MonthLabel("month_idx"), x.AsFloat("won"));
}

// The median sales cycle of won new deals (sales_cycle_median).
std::string SalesCycleMedianView(const Dialect& x) {
  std::string out;
  const std::string days = x.DaysBetween("created_at", "closed_at");
  out +=
      "-- Sales cycle of won new deals closed in the month: closed_at - created_at in days; the\n"
      "-- median of an even count is the mean of the two middle values.\n"
      "CREATE VIEW sales_cycle_median AS\n";
  out += fmt::format(
      "WITH won AS (\n"
      "  SELECT {} AS month_idx, {} AS days\n"
      "  FROM opportunities, flywheel_params p\n"
      "  WHERE LOWER(type) = 'new' AND LOWER(status) = 'won' AND closed_at IS NOT NULL\n"
      "    AND closed_at <= p.as_of AND created_at <= p.as_of\n"
      ")\n",
      x.MonthIndex("closed_at"), days);
  if (x.d == SqlDialect::kSqlite) {
    out += fmt::format(
        ", ranked AS (\n"
        "  SELECT month_idx, days,\n"
        "    ROW_NUMBER() OVER (PARTITION BY month_idx ORDER BY days) AS rn,\n"
        "    COUNT(*) OVER (PARTITION BY month_idx) AS n\n"
        "  FROM won\n"
        ")\n"
        "SELECT month_idx, {} AS month, MAX(n) AS won_deals,\n"
        "  AVG(CASE WHEN rn IN ((n + 1) / 2, n / 2 + 1) THEN {} END) AS median_days,\n"
        "  AVG({}) AS mean_days\n"
        "FROM ranked GROUP BY month_idx;\n\n",
        x.MonthLabel("month_idx"), x.AsFloat("days"), x.AsFloat("days"));
  } else if (x.d == SqlDialect::kDuckdb) {
    out += fmt::format(
        "SELECT month_idx, {} AS month, COUNT(*) AS won_deals,\n"
        "  quantile_cont({}, 0.5) AS median_days, AVG({}) AS mean_days\n"
        "FROM won GROUP BY month_idx;\n\n",
        x.MonthLabel("month_idx"), x.AsFloat("days"), x.AsFloat("days"));
  } else {
    out += fmt::format(
        "SELECT month_idx, {} AS month, COUNT(*) AS won_deals,\n"
        "  percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days, AVG({}) AS mean_days\n"
        "FROM won GROUP BY month_idx;\n\n",
        x.MonthLabel("month_idx"), x.AsFloat("days"));
  }
  return out;
}

// Pipeline: the pipeline months, LVR, win rate and the median sales cycle.
std::string PipelineViews(const Dialect& x) {
  return PipelineMonthsView(x) + LvrView(x) + WinRateView(x) + SalesCycleMedianView(x);
}

// The events CTE of bowtie_stage_dates: each dated event that enters a unit in a stage.
std::string BowtieStageEvents(const Dialect& x) {
  return fmt::format(
      "WITH events AS (\n"
      "  SELECT account_id, CASE WHEN account_id IS NULL THEN lead_id END AS lead_id, 0 AS stage, created_at "
      "AS day\n"
      "  FROM leads, flywheel_params p WHERE created_at <= p.as_of\n"
      "  UNION ALL\n"
      "  SELECT account_id, CASE WHEN account_id IS NULL THEN lead_id END, 1, qualified_at\n"
      "  FROM leads, flywheel_params p\n"
      "  WHERE qualified_at <= p.as_of AND (account_id IS NOT NULL OR created_at <= p.as_of)\n"
      "  UNION ALL\n"
      "  SELECT account_id, NULL, 2, created_at FROM opportunities, flywheel_params p\n"
      "  WHERE account_id IS NOT NULL AND created_at <= p.as_of\n"
      "  UNION ALL\n"
      "  SELECT account_id, NULL, CASE WHEN LOWER(type) = 'new' THEN 3 ELSE 6 END, closed_at\n"
      "  FROM opportunities, flywheel_params p\n"
      "  WHERE account_id IS NOT NULL AND LOWER(status) = 'won' AND LOWER(type) IN ('new', 'expansion')\n"
      "    AND closed_at <= p.as_of\n"
      "  UNION ALL\n"
      "  SELECT r.account_id, NULL, 4, MIN(r.start_date)\n"
      "  FROM mrr_subscription_rows r\n"
      "  JOIN (SELECT account_id, MIN(month_idx) AS month_idx FROM mrr_account_month GROUP BY account_id) f\n"
      "    ON f.account_id = r.account_id AND f.month_idx BETWEEN r.first_month AND r.last_month\n"
      "  WHERE r.account_id IS NOT NULL\n"
      "  GROUP BY r.account_id\n"
      "  UNION ALL\n"
      "  SELECT account_id, NULL, 6, {0} FROM mrr_movements WHERE movement = 'expansion'\n"
      "  UNION ALL\n"
      "  SELECT account_id, NULL, 5, MIN(date) FROM (\n"
      "    SELECT u.account_id, u.date, SUM(u.value) OVER (PARTITION BY u.account_id ORDER BY u.date) AS "
      "total,\n"
      "      p.value_event_threshold AS threshold\n"
      "    FROM usage u, flywheel_params p\n"
      "    WHERE u.metric = p.value_event_metric AND u.account_id IS NOT NULL AND u.date <= p.as_of\n"
      "  ) c WHERE total >= threshold GROUP BY account_id\n"
      "  UNION ALL\n"
      "  SELECT account_id, NULL, 7, date FROM advocacy, flywheel_params p\n"
      "  WHERE account_id IS NOT NULL AND date <= p.as_of\n",
      x.FirstDayOfMonth("month_idx"));
}

// The CTEs of bowtie_stage_dates that give each unit's day per stage: derived from the
// events, manual from the journey rows, and merged (a journey row replaces the derived day).
constexpr const char* kBowtieStageDays =
    "), derived AS (\n"
    "  SELECT account_id, lead_id, stage, MIN(day) AS day FROM events WHERE day IS NOT NULL\n"
    "  GROUP BY account_id, lead_id, stage\n"
    "), manual AS (\n"
    "  SELECT j.account_id, CASE LOWER(j.stage) WHEN 'awareness' THEN 0 WHEN 'education' THEN 1\n"
    "    WHEN 'selection' THEN 2 WHEN 'commit' THEN 3 WHEN 'onboarding' THEN 4 WHEN 'impact' THEN 5\n"
    "    WHEN 'expansion' THEN 6 WHEN 'advocacy' THEN 7 END AS stage, MIN(j.entered_at) AS day\n"
    "  FROM journey j, flywheel_params p\n"
    "  WHERE j.account_id IS NOT NULL AND j.entered_at <= p.as_of\n"
    "  GROUP BY j.account_id, LOWER(j.stage)\n"
    "), merged AS (\n"
    "  SELECT d.account_id, d.lead_id, d.stage, COALESCE(m.day, d.day) AS day\n"
    "  FROM derived d LEFT JOIN manual m ON m.account_id = d.account_id AND m.stage = d.stage\n"
    "  UNION ALL\n"
    "  SELECT m.account_id, NULL, m.stage, m.day FROM manual m\n"
    "  WHERE NOT EXISTS (SELECT 1 FROM derived d WHERE d.account_id = m.account_id AND d.stage = m.stage)\n";

// The CTEs of bowtie_stage_dates that give the values of selection, commit and onboarding.
std::string BowtieStageValues(const Dialect& x) {
  return fmt::format(
      "), opp AS (\n"
      "  SELECT o.account_id, o.created_at, o.closed_at, o.opportunity_id,\n"
      "    LOWER(o.type) = 'new' AND LOWER(o.status) = 'won' AND o.closed_at <= p.as_of AS is_commit,\n"
      "    {0} * CASE WHEN o.currency IS NULL OR o.currency = p.base_currency THEN 1 ELSE fc.rate END AS "
      "created_value,\n"
      "    {0} * CASE WHEN o.currency IS NULL OR o.currency = p.base_currency THEN 1 ELSE fw.rate END AS "
      "closed_value\n"
      "  FROM opportunities o CROSS JOIN flywheel_params p\n"
      "  LEFT JOIN fx fc ON fc.currency = o.currency AND fc.month = {1}\n"
      "  LEFT JOIN fx fw ON fw.currency = o.currency AND fw.month = {2}\n"
      "  WHERE o.account_id IS NOT NULL AND o.created_at <= p.as_of\n"
      "), selection AS (\n"
      "  SELECT account_id, created_value AS value FROM (\n"
      "    SELECT account_id, created_value,\n"
      "      ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY created_at, opportunity_id) AS rn FROM opp) "
      "s\n"
      "  WHERE rn = 1\n"
      "), commit_deal AS (\n"
      "  SELECT account_id, closed_value AS value FROM (\n"
      "    SELECT account_id, closed_value,\n"
      "      ROW_NUMBER() OVER (PARTITION BY account_id ORDER BY closed_at, opportunity_id) AS rn FROM opp\n"
      "    WHERE is_commit) c\n"
      "  WHERE rn = 1\n"
      "), first_mrr AS (\n"
      "  SELECT a.account_id, a.mrr FROM mrr_account_month a\n"
      "  JOIN (SELECT account_id, MIN(month_idx) AS month_idx FROM mrr_account_month GROUP BY account_id) f\n"
      "    ON f.account_id = a.account_id AND f.month_idx = a.month_idx\n",
      x.AsFloat("o.amount"), x.MonthLabel(x.MonthIndex("o.created_at")),
      x.MonthLabel(x.MonthIndex("o.closed_at")));
}

// The final SELECT of bowtie_stage_dates: one row per unit, a column per stage.
constexpr const char* kBowtieStageSelect =
    ")\n"
    "SELECT g.account_id, g.lead_id,\n"
    "  MIN(CASE WHEN g.stage = 0 THEN g.day END) AS awareness,\n"
    "  MIN(CASE WHEN g.stage = 1 THEN g.day END) AS education,\n"
    "  MIN(CASE WHEN g.stage = 2 THEN g.day END) AS selection,\n"
    "  MIN(CASE WHEN g.stage = 3 THEN g.day END) AS commit_at,\n"
    "  MIN(CASE WHEN g.stage = 4 THEN g.day END) AS onboarding,\n"
    "  MIN(CASE WHEN g.stage = 5 THEN g.day END) AS impact,\n"
    "  MIN(CASE WHEN g.stage = 6 THEN g.day END) AS expansion,\n"
    "  MIN(CASE WHEN g.stage = 7 THEN g.day END) AS advocacy,\n"
    "  MIN(s.value) AS selection_value, MIN(c.value) AS commit_value, MIN(12 * f.mrr) AS onboarding_value\n"
    "FROM merged g\n"
    "LEFT JOIN selection s ON s.account_id = g.account_id\n"
    "LEFT JOIN commit_deal c ON c.account_id = g.account_id\n"
    "LEFT JOIN first_mrr f ON f.account_id = g.account_id\n"
    "WHERE g.stage IS NOT NULL\n"
    "GROUP BY g.account_id, g.lead_id;\n\n";

// The bowtie's stage entry dates per journey unit (bowtie_stage_dates).
std::string BowtieStageViews(const Dialect& x) {
  std::string out =
      "-- Bowtie stage entry dates per journey unit (metrics.md §3, docs/BOWTIE.md): the accounts, and\n"
      "-- the leads without account (lead_id set), which are their own unit for stages 0-1. Each\n"
      "-- stage is the earliest qualifying event on or before as_of: awareness = lead created,\n"
      "-- education = lead qualified, selection = opportunity created, commit = won new deal closed,\n"
      "-- onboarding = start_date of the earliest recurring row active at the first month-end with MRR,\n"
      "-- impact = first day the cumulative value_event_metric usage reaches value_event_threshold,\n"
      "-- expansion = won expansion deal closed or first day of the first MRR expansion month,\n"
      "-- advocacy = first advocacy event. journey rows (earliest per account and stage) replace the\n"
      "-- derived date. selection_value / commit_value: base-currency amount of the deal that opened\n"
      "-- selection (fx of its created month) / commit (fx of its close month), ties by opportunity_id;\n"
      "-- onboarding_value: ARR of the first month with MRR (12 x its MRR). A unit with an account_id\n"
      "-- is an account (its lead_id is NULL), so the joins below match on account_id alone: plain\n"
      "-- equality joins, which every engine runs as hash joins.\n"
      "CREATE VIEW bowtie_stage_dates AS\n";
  out += BowtieStageEvents(x);
  out += kBowtieStageDays;
  out += BowtieStageValues(x);
  out += kBowtieStageSelect;
  return out;
}

// The bowtie's conversion per stage and entry month, cohort mode (bowtie_conversion).
std::string BowtieConversionViews(const Dialect& x) {
  const std::string dt = x.DateType();
  std::string out;
  // Bowtie conversion, cohort mode.
  const char* const stage_names[] = {"awareness",  "education", "selection", "commit_at",
                                     "onboarding", "impact",    "expansion", "advocacy"};
  std::string stage_rows, entered_case = "CASE s.stage_idx", next_case = "CASE s.stage_idx";
  for (int i = 0; i < 8; ++i) {
    std::string label = i == 3 ? "commit" : stage_names[i];
    stage_rows += fmt::format("{}SELECT {} AS stage_idx, CAST('{}' AS TEXT) AS stage", i ? " UNION ALL " : "",
                              i, label);
    entered_case += fmt::format(" WHEN {} THEN b.{}", i, stage_names[i]);
    if (i < 7) next_case += fmt::format(" WHEN {} THEN b.{}", i, stage_names[i + 1]);
  }
  entered_case += " END";
  next_case += " END";
  out += fmt::format(
      "-- Bowtie conversion, cohort mode (the `all` rows of `flywheel bowtie --mode cohort`): per month\n"
      "-- and stage, the units entering the stage (entered), those of them that entered the next stage\n"
      "-- within bowtie_window_days (converted), those not converted whose window is still open at\n"
      "-- as_of (still_open), conversion_rate = converted / entered, cumulative_conversion_rate = the\n"
      "-- share of the month's awareness entrants that has entered the stage, conversion_rate_value\n"
      "-- (selection and commit: next stage's value of the converted / this stage's value, over the\n"
      "-- units with a value), cumulative_conversion_rate_value (commit and onboarding: value reached\n"
      "-- at the stage by the month's selection entrants / their selection value), and the median and\n"
      "-- mean days to the next stage of the converted (negative gaps count as 0). Advocacy, the last\n"
      "-- stage, has no next step: converted, still_open and conversion_rate are NULL.\n"
      "CREATE VIEW bowtie_conversion AS\n"
      "WITH stages AS (\n"
      "  {0}\n"
      "), units AS (\n"
      "  SELECT s.stage_idx, b.awareness, b.selection, b.selection_value,\n"
      "    CASE s.stage_idx WHEN 2 THEN b.selection_value WHEN 3 THEN b.commit_value WHEN 4 THEN "
      "b.onboarding_value END\n"
      "      AS value,\n"
      "    CASE s.stage_idx WHEN 2 THEN b.commit_value WHEN 3 THEN b.onboarding_value END AS next_value,\n"
      "    {1} AS entered_at, {2} AS next_at\n"
      "  FROM bowtie_stage_dates b CROSS JOIN stages s\n"
      "), ev AS (\n"
      "  SELECT u.stage_idx, {3} AS month_idx, u.value, u.next_value,\n"
      "    CASE WHEN u.next_at IS NOT NULL AND {4} <= p.bowtie_window_days THEN 1 ELSE 0 END AS converted,\n"
      "    CASE WHEN {5} < p.bowtie_window_days THEN 1 ELSE 0 END AS window_open,\n"
      "    {6} AS dt\n"
      "  FROM units u, flywheel_params p WHERE u.entered_at IS NOT NULL\n"
      "), cells AS (\n"
      "  SELECT month_idx, stage_idx, COUNT(*) AS entered, SUM(converted) AS converted,\n"
      "    SUM(CASE WHEN converted = 0 AND window_open = 1 THEN 1 ELSE 0 END) AS still_open,\n"
      "    COUNT(value) AS valued, SUM(value) AS value_entered,\n"
      "    COALESCE(SUM(CASE WHEN value IS NOT NULL AND converted = 1 THEN next_value END), 0) AS "
      "value_converted,\n"
      "    AVG(CASE WHEN converted = 1 THEN dt END) AS dt_mean\n"
      "  FROM ev GROUP BY month_idx, stage_idx\n"
      "), med AS (\n"
      "  {7}\n"
      "), reached AS (\n"
      "  SELECT {8} AS month_idx, stage_idx, COUNT(*) AS reached\n"
      "  FROM units WHERE awareness IS NOT NULL AND entered_at IS NOT NULL\n"
      "  GROUP BY {8}, stage_idx\n"
      "), reached_value AS (\n"
      "  SELECT {11} AS month_idx, stage_idx, SUM(value) AS value\n"
      "  FROM units WHERE stage_idx IN (3, 4) AND selection_value IS NOT NULL AND entered_at IS NOT NULL\n"
      "  GROUP BY {11}, stage_idx\n"
      "), grid AS (\n"
      "  SELECT m.month_idx, m.month, s.stage_idx, s.stage FROM flywheel_months m CROSS JOIN stages s\n"
      "  WHERE m.month_idx >= (SELECT MIN(month_idx) FROM ev)\n"
      ")\n"
      "SELECT g.month_idx, g.month, g.stage_idx, g.stage, COALESCE(c.entered, 0) AS entered,\n"
      "  CASE WHEN g.stage_idx < 7 THEN COALESCE(c.converted, 0) END AS converted,\n"
      "  CASE WHEN g.stage_idx < 7 THEN COALESCE(c.still_open, 0) END AS still_open,\n"
      "  CASE WHEN g.stage_idx < 7 AND c.entered > 0 THEN {9} / c.entered END AS conversion_rate,\n"
      "  CASE WHEN z.entered > 0 THEN {10} / z.entered END AS cumulative_conversion_rate,\n"
      "  CASE WHEN g.stage_idx IN (2, 3) AND c.valued > 0 AND c.value_entered <> 0\n"
      "    THEN c.value_converted / c.value_entered END AS conversion_rate_value,\n"
      "  d.median AS dt_median_days, c.dt_mean AS dt_mean_days,\n"
      "  CASE WHEN g.stage_idx IN (3, 4) AND sel.valued > 0 AND sel.value_entered <> 0\n"
      "    THEN COALESCE(v.value, 0) / sel.value_entered END AS cumulative_conversion_rate_value\n"
      "FROM grid g\n"
      "LEFT JOIN cells c ON c.month_idx = g.month_idx AND c.stage_idx = g.stage_idx\n"
      "LEFT JOIN cells z ON z.month_idx = g.month_idx AND z.stage_idx = 0\n"
      "LEFT JOIN med d ON d.month_idx = g.month_idx AND d.stage_idx = g.stage_idx\n"
      "LEFT JOIN reached r ON r.month_idx = g.month_idx AND r.stage_idx = g.stage_idx\n"
      "LEFT JOIN cells sel ON sel.month_idx = g.month_idx AND sel.stage_idx = 2\n"
      "LEFT JOIN reached_value v ON v.month_idx = g.month_idx AND v.stage_idx = g.stage_idx;\n\n",
      stage_rows, entered_case, next_case, x.MonthIndex("u.entered_at"),
      x.DaysBetween("u.entered_at", "u.next_at"), x.DaysBetween("u.entered_at", "p.as_of"),
      x.AsFloat(x.Greatest("0", x.DaysBetween("u.entered_at", "u.next_at"))),
      x.MedianBy("month_idx, stage_idx", "dt", "ev WHERE converted = 1"), x.MonthIndex("awareness"),
      x.AsFloat("c.converted"), x.AsFloat("COALESCE(r.reached, 0)"), x.MonthIndex("selection"));
  return out;
}

// Efficiency: CAC payback and burn multiple.
std::string EfficiencyViews() {
  std::string out;
  // CAC payback and burn multiple.
  out +=
      "-- CAC payback (months) = (sales + marketing spend) / (new MRR x gross margin); gross margin of\n"
      "-- the month from finance, else default_gross_margin; NULL without spend or new MRR.\n"
      "CREATE VIEW cac_payback AS\n"
      "WITH sm AS (\n"
      "  SELECT month, SUM(amount) AS spend FROM spend\n"
      "  WHERE LOWER(category) IN ('sales', 'marketing') GROUP BY month\n"
      "), x AS (\n"
      "  SELECT r.month_idx, r.month, COALESCE(sm.spend, 0) AS sales_marketing_spend, r.new_mrr,\n"
      "    COALESCE(f.gross_margin, p.default_gross_margin) AS gross_margin\n"
      "  FROM revenue_month r CROSS JOIN flywheel_params p\n"
      "  LEFT JOIN sm ON sm.month = r.month\n"
      "  LEFT JOIN finance f ON f.month = r.month\n"
      ")\n"
      "SELECT month_idx, month, sales_marketing_spend, new_mrr, gross_margin,\n"
      "  CASE WHEN sales_marketing_spend > 0 AND new_mrr * gross_margin <> 0\n"
      "    THEN sales_marketing_spend / (new_mrr * gross_margin) END AS cac_payback_months\n"
      "FROM x;\n\n"
      "-- Burn multiple = net burn / net new ARR (12 x net new MRR); NULL when net new ARR <= 0 or\n"
      "-- the month has no net_burn.\n"
      "CREATE VIEW burn_multiple AS\n"
      "SELECT r.month_idx, r.month, f.net_burn, 12 * r.net_new_mrr AS net_new_arr,\n"
      "  CASE WHEN 12 * r.net_new_mrr > 0 THEN f.net_burn / (12 * r.net_new_mrr) END AS burn_multiple\n"
      "FROM revenue_month r\n"
      "LEFT JOIN finance f ON f.month = r.month;\n";
  return out;
}

}  // namespace

const char* const* MetricsSqlViews(int* count) {
  *count = kViewCount;
  return kViews;
}

const char* MetricsSqlViewReport(std::string_view view) {
  static constexpr std::pair<std::string_view, const char*> kReports[] = {
      {"revenue_month", "revenue"},  {"cohort_nrr", "cohorts"},          {"lvr", "pipeline"},
      {"win_rate", "pipeline"},      {"sales_cycle_median", "pipeline"}, {"bowtie_conversion", "bowtie"},
      {"cac_payback", "efficiency"}, {"burn_multiple", "efficiency"},
  };
  for (const auto& [name, report] : kReports) {
    if (name == view) return report;
  }
  return nullptr;
}

std::string EmitMetricsSql(SqlDialect dialect, const SqlParams& params) {
  const Dialect x{dialect};
  const std::string name(SqlDialectName(dialect));
  const std::string ft = x.FloatType();
  std::string out;
  out += fmt::format("-- Flywheel metric definitions as SQL views (dialect: {}).\n", name);
  out +=
      fmt::format("-- Generated by `flywheel sql --dialect {}`; docs/SQL.md explains how to run it.\n", name);
  const std::string dt = x.DateType();
  out += fmt::format(
      "--\n"
      "-- Expected tables (named as the CSV files without .csv) and column types:\n"
      "--   subscriptions(subscription_id TEXT, account_id TEXT, start_date {0}, end_date {0} NULL,\n"
      "--                 amount {1}, billing_period TEXT NULL, currency TEXT NULL, revenue_type TEXT NULL)\n"
      "--   opportunities(opportunity_id TEXT, account_id TEXT, type TEXT, created_at {0},\n"
      "--                 closed_at {0} NULL, status TEXT, amount {1} NULL, currency TEXT NULL)\n"
      "--   leads(lead_id TEXT, account_id TEXT NULL, created_at {0}, qualified_at {0} NULL)\n"
      "--   spend(month TEXT, category TEXT, amount {1}, segment TEXT NULL)\n"
      "--   finance(month TEXT, net_burn {1} NULL, gross_margin {1} NULL)\n"
      "--   fx(month TEXT, currency TEXT, rate {1})\n"
      "--   usage(account_id TEXT, date {0}, metric TEXT, value {1})\n"
      "--   advocacy(account_id TEXT, date {0}, type TEXT)\n"
      "--   journey(account_id TEXT, stage TEXT, entered_at {0})\n"
      "--   (accounts is not read by these views.)\n"
      "-- Dates are {2}; months (spend, finance, fx) are text 'YYYY-MM'.\n"
      "-- Empty CSV fields must be loaded as NULL; enum values are lower case.\n"
      "-- month_idx = year * 12 + month - 1; month = 'YYYY-MM'.\n\n",
      dt, ft, dialect == SqlDialect::kSqlite ? "ISO text 'YYYY-MM-DD'" : "DATE");

  for (int i = kViewCount - 1; i >= 0; --i) out += fmt::format("DROP VIEW IF EXISTS {};\n", kViews[i]);
  out += "\n";
  out += ParamsView(x, params);
  out += MonthSpineView(x);
  out += MrrViews(x);
  out += RevenueViews(x);
  out += CohortViews(x);
  out += PipelineViews(x);
  out += BowtieStageViews(x);
  out += BowtieConversionViews(x);
  out += EfficiencyViews();
  return out;
}

}  // namespace flywheel
