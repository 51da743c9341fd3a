// Compares the views of one SQL engine (JSON from run_duckdb.mjs or run_postgres.sh) with
// the engine's own reports, all `--format json` in REPORTS_DIR: revenue.json, cohorts.json
// (nrr), cohorts-grr.json, cohorts-logo.json, pipeline.json, bowtie.json (--mode cohort) and
// efficiency.json. Money to the cent, rates to 1e-9, counts exactly. Exits 1 on any difference.
//   node compare.mjs RESULTS.json REPORTS_DIR
import { readFileSync } from 'node:fs';

const [resultsFile, reportsDir] = process.argv.slice(2);
const sql = JSON.parse(readFileSync(resultsFile, 'utf8'));
const report = (name) => JSON.parse(readFileSync(`${reportsDir}/${name}.json`, 'utf8'));
const revenue = report('revenue');
const pipeline = report('pipeline');

let failures = 0;
let checked = 0;
const num = (v) => (v === null || v === undefined ? null : Number(v));
function check(what, want, got, tol) {
  checked++;
  want = num(want);
  got = num(got);
  const ok = want === null || got === null ? want === got : Math.abs(want - got) <= tol;
  if (!ok && failures++ < 30) console.error(`${what}: engine ${want}, sql ${got}`);
}
const CENT = 0.005, RATE = 1e-9;

// Revenue: one row per month, the "all" rows of the engine.
const revRows = revenue.rows.filter((r) => r.segment === 'all');
const sqlRev = new Map(sql.revenue_month.map((r) => [r.month, r]));
if (revRows.length !== sql.revenue_month.length || revRows.length < 12) {
  console.error(`revenue_month: ${sql.revenue_month.length} rows, engine ${revRows.length}`);
  failures++;
}
const money = ['mrr', 'arr', 'new_mrr', 'reactivation_mrr', 'expansion_mrr', 'contraction_mrr', 'churned_mrr', 'net_new_mrr', 'fx_impact_mrr', 'arpa'];
const counts = ['customers', 'new_count', 'reactivation_count', 'expansion_count', 'contraction_count', 'churned_count'];
const rates = ['mrr_growth_mom', 'mrr_growth_yoy', 'logo_churn_rate', 'gross_mrr_churn_rate', 'net_mrr_churn_rate', 'quick_ratio', 'nrr', 'grr'];
for (const e of revRows) {
  const s = sqlRev.get(e.period);
  if (!s) { console.error(`revenue_month: no row for ${e.period}`); failures++; continue; }
  for (const k of money) check(`${e.period} ${k}`, e[k], s[k], CENT);
  for (const k of counts) check(`${e.period} ${k}`, e[k], s[k], 0);
  for (const k of rates) check(`${e.period} ${k}`, e[k], s[k], RATE);
}

// Pipeline: LVR per month, win rates per month of close and type, median new-deal cycle.
const pipeRows = pipeline.rows.filter((r) => r.segment === 'all');
const sqlLvr = new Map(sql.lvr.map((r) => [r.month, r]));
const sqlWin = new Map(sql.win_rate.map((r) => [`${r.month} ${r.type}`, r]));
const sqlCycle = new Map(sql.sales_cycle_median.map((r) => [r.month, r]));
if (pipeRows.length !== sql.lvr.length) { console.error(`lvr: ${sql.lvr.length} rows, engine ${pipeRows.length}`); failures++; }
let winRows = 0, cycleRows = 0;
for (const e of pipeRows) {
  const l = sqlLvr.get(e.period);
  if (!l) { console.error(`lvr: no row for ${e.period}`); failures++; continue; }
  check(`${e.period} qualified_leads`, e.qualified_leads, l.qualified_leads, 0);
  check(`${e.period} lvr`, e.lvr, l.lvr, RATE);
  for (const t of ['new', 'expansion']) {
    const w = sqlWin.get(`${e.period} ${t}`);
    if (e[`won_${t}`] + e[`lost_${t}`] === 0) {
      if (w) { console.error(`win_rate: unexpected row ${e.period} ${t}`); failures++; }
      continue;
    }
    winRows++;
    if (!w) { console.error(`win_rate: no row for ${e.period} ${t}`); failures++; continue; }
    check(`${e.period} won_${t}`, e[`won_${t}`], w.won, 0);
    check(`${e.period} lost_${t}`, e[`lost_${t}`], w.lost, 0);
    check(`${e.period} win_rate_${t}`, e[`win_rate_${t}`], w.win_rate, RATE);
    check(`${e.period} win_rate_${t}_value`, e[`win_rate_${t}_value`], w.win_rate_value, RATE);
  }
  const c = sqlCycle.get(e.period);
  if (e.sales_cycle_median_days === null) {
    if (c) { console.error(`sales_cycle_median: unexpected row ${e.period}`); failures++; }
  } else {
    cycleRows++;
    if (!c) { console.error(`sales_cycle_median: no row for ${e.period}`); failures++; continue; }
    check(`${e.period} sales_cycle_median_days`, e.sales_cycle_median_days, c.median_days, RATE);
  }
}
if (winRows !== sql.win_rate.length) { console.error(`win_rate: ${sql.win_rate.length} rows, engine ${winRows}`); failures++; }
if (cycleRows !== sql.sales_cycle_median.length) { console.error(`sales_cycle_median: ${sql.sales_cycle_median.length} rows, engine ${cycleRows}`); failures++; }
if (winRows < 12 || cycleRows < 12) { console.error('too few pipeline rows to compare'); failures++; }

// Cohorts: every cell of the nrr, grr and logo triangles, cohort sizes and start MRR.
const sqlCohort = new Map(sql.cohort_nrr.map((r) => [`${r.cohort} ${r.age}`, r]));
let cohortCells = 0;
for (const [file, column] of [['cohorts', 'nrr'], ['cohorts-grr', 'grr'], ['cohorts-logo', 'logo_retention']]) {
  const tri = report(file);
  let cells = 0;
  for (const c of tri.cohorts.filter((x) => x.segment === 'all')) {
    c.values.forEach((v, age) => {
      if (v === null) return;
      cells++;
      const s = sqlCohort.get(`${c.cohort} ${age}`);
      if (!s) { console.error(`cohort_nrr: no row for ${c.cohort} age ${age}`); failures++; return; }
      check(`${c.cohort} age ${age} ${column}`, v, s[column], RATE);
      if (age === 0) {
        check(`${c.cohort} accounts`, c.accounts, s.accounts, 0);
        check(`${c.cohort} start_mrr`, c.start_mrr, s.start_mrr, CENT);
      }
    });
  }
  if (cells !== sql.cohort_nrr.length) { console.error(`cohort_nrr: ${sql.cohort_nrr.length} rows, engine ${cells} ${column} cells`); failures++; }
  cohortCells += cells;
}

// Bowtie, cohort mode: every period x stage of the "all" rows.
const bowRows = report('bowtie').rows.filter((r) => r.segment === 'all');
const sqlBow = new Map(sql.bowtie_conversion.map((r) => [`${r.month} ${r.stage}`, r]));
if (bowRows.length !== sql.bowtie_conversion.length || bowRows.length < 8 * 24) {
  console.error(`bowtie_conversion: ${sql.bowtie_conversion.length} rows, engine ${bowRows.length}`);
  failures++;
}
for (const e of bowRows) {
  const s = sqlBow.get(`${e.period} ${e.stage}`);
  if (!s) { console.error(`bowtie_conversion: no row for ${e.period} ${e.stage}`); failures++; continue; }
  for (const k of ['entered', 'converted', 'still_open']) check(`${e.period} ${e.stage} ${k}`, e[k], s[k], 0);
  for (const k of ['conversion_rate', 'cumulative_conversion_rate', 'conversion_rate_value', 'dt_median_days', 'dt_mean_days',
    'cumulative_conversion_rate_value']) {
    check(`${e.period} ${e.stage} ${k}`, e[k], s[k], RATE);
  }
}

// Efficiency: CAC payback and burn multiple per month. The views start with the first month
// of MRR; earlier engine months (spend only) must have neither figure.
const effRows = report('efficiency').rows.filter((r) => r.segment === 'all');
const sqlPay = new Map(sql.cac_payback.map((r) => [r.month, r]));
const sqlBurn = new Map(sql.burn_multiple.map((r) => [r.month, r]));
let effMonths = 0, paybacks = 0, burns = 0;
for (const e of effRows) {
  const p = sqlPay.get(e.period), b = sqlBurn.get(e.period);
  if (!p || !b) {
    if (e.cac_payback_months !== null || e.burn_multiple !== null || p || b) {
      console.error(`efficiency: no cac_payback / burn_multiple row for ${e.period}`); failures++;
    }
    continue;
  }
  effMonths++;
  check(`${e.period} sales_marketing_spend`, e.sales_marketing_spend, p.sales_marketing_spend, CENT);
  check(`${e.period} new_mrr (efficiency)`, e.new_mrr, p.new_mrr, CENT);
  check(`${e.period} gross_margin`, e.gross_margin, p.gross_margin, RATE);
  check(`${e.period} cac_payback_months`, e.cac_payback_months, p.cac_payback_months, RATE);
  check(`${e.period} net_burn`, e.net_burn, b.net_burn, CENT);
  check(`${e.period} net_new_arr`, e.net_new_arr, b.net_new_arr, CENT);
  check(`${e.period} burn_multiple`, e.burn_multiple, b.burn_multiple, RATE);
  paybacks += e.cac_payback_months !== null;
  burns += e.burn_multiple !== null;
}
if (effMonths !== sql.cac_payback.length || effMonths !== sql.burn_multiple.length) {
  console.error(`cac_payback / burn_multiple: ${sql.cac_payback.length} / ${sql.burn_multiple.length} rows, engine ${effMonths}`);
  failures++;
}
if (paybacks < 12 || burns < 12) { console.error('too few efficiency rows to compare'); failures++; }

if (failures) {
  console.error(`FAIL: ${failures} differences in ${checked} values`);
  process.exit(1);
}
console.log(`ok: ${checked} values equal (revenue ${revRows.length} months, cohort cells ${cohortCells}, ` +
  `win rates ${winRows}, cycles ${cycleRows}, bowtie ${bowRows.length} rows, efficiency ${effMonths} months)`);
