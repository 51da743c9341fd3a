// Compares the views of one SQL engine (JSON from run_duckdb.mjs or run_postgres.sh) with
// the engine's own reports (`flywheel revenue --format json`, `flywheel pipeline --format
// json`): money to the cent, rates to 1e-9, counts exactly. Exits 1 on any difference.
//   node compare.mjs RESULTS.json REVENUE.json PIPELINE.json
import { readFileSync } from 'node:fs';

const [resultsFile, revenueFile, pipelineFile] = process.argv.slice(2);
const sql = JSON.parse(readFileSync(resultsFile, 'utf8'));
const revenue = JSON.parse(readFileSync(revenueFile, 'utf8'));
const pipeline = JSON.parse(readFileSync(pipelineFile, 'utf8'));

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
const money = ['mrr', 'arr', 'new_mrr', 'reactivation_mrr', 'expansion_mrr', 'contraction_mrr', 'churned_mrr', 'net_new_mrr', 'arpa'];
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

if (failures) {
  console.error(`FAIL: ${failures} differences in ${checked} values`);
  process.exit(1);
}
console.log(`ok: ${checked} values equal (revenue ${revRows.length} months, win rates ${winRows}, cycles ${cycleRows})`);
