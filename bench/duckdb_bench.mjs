// Times DuckDB on the SQL that `flywheel sql --dialect duckdb` emits, over the same CSVs
// Flywheel reads, for bench/run.sh. Each of --reps runs starts a fresh in-memory database:
//   load   CREATE TABLE … AS SELECT * FROM read_csv(…) for every CSV of the folder, typed
//          like tests/sql/run_duckdb.mjs (dates DATE, money DOUBLE, the rest VARCHAR)
//   suite  SELECT * … ORDER BY ALL from every report view of the script (all views except
//          the helper views the others are built on), fully materialised in JS
//   slice  the report views that have a month column, restricted to the months of one quarter
//          (the views carry no segment column, so there is no segment filter)
// Prints JSON: times in ms per run (and per view of the suite: view_ms), the views it ran,
// peak resident memory (KiB) of this process. --out FILE writes the views compare.mjs checks,
// in run_duckdb.mjs's shape.
//   node duckdb_bench.mjs DATA_DIR METRICS_SQL --reps N --quarter 2025-10,2025-11,2025-12 [--out FILE]
//        [--progress FILE]
// --progress FILE gets one line per finished phase ("load_ms 1234.5"), so that a run stopped by
// bench/run.sh's time limit still tells which phase did not finish and how long the others took.
// @duckdb/node-api is the one tests/sql pins (scripts/npm-install.sh tests/sql).
import { appendFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, '..', 'tests', 'sql', 'package.json'));
const { DuckDBInstance } = require('@duckdb/node-api');

const args = process.argv.slice(2);
const [dataDir, sqlFile] = args;
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const reps = Number(opt('--reps', '5'));
const quarter = opt('--quarter', '').split(',').filter(Boolean);
const outFile = opt('--out', '');
const progressFile = opt('--progress', '');
const progress = (phase, v) => { if (progressFile) appendFileSync(progressFile, `${phase} ${v}\n`); };
if (!dataDir || !sqlFile || !(reps >= 1)) {
  console.error('usage: node duckdb_bench.mjs DATA_DIR METRICS_SQL --reps N --quarter M1,M2,M3 [--out FILE]');
  process.exit(2);
}

// Views the report views are built on; every other view of the script is a report.
const helpers = new Set(['flywheel_params', 'flywheel_months', 'mrr_subscription_rows', 'mrr_account_month',
  'mrr_movements', 'pipeline_months', 'bowtie_stage_dates']);
const known = {
  subscription_id: 'VARCHAR', account_id: 'VARCHAR', start_date: 'DATE', end_date: 'DATE', amount: 'DOUBLE',
  created_at: 'DATE', closed_at: 'DATE', qualified_at: 'DATE', entered_at: 'DATE', date: 'DATE',
  month: 'VARCHAR', net_burn: 'DOUBLE', gross_margin: 'DOUBLE', rate: 'DOUBLE', value: 'DOUBLE',
};
const csvs = readdirSync(dataDir).filter((f) => f.endsWith('.csv')).sort();
const script = readFileSync(sqlFile, 'utf8');

async function load() {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  for (const file of csvs) {
    const path = join(dataDir, file);
    const header = readFileSync(path, 'utf8').slice(0, 4096).split(/\r?\n/, 1)[0]
      .split(',').map((h) => h.trim().toLowerCase());
    const types = header.map((h) => `'${h}': '${known[h] ?? 'VARCHAR'}'`).join(', ');
    await db.run(`CREATE TABLE ${file.slice(0, -4)} AS SELECT * FROM read_csv('${path.replaceAll("'", "''")}', ` +
      `header = true, auto_detect = false, columns = {${types}}, nullstr = '')`);
  }
  return db;
}

async function reportViews(db) {
  const r = await db.runAndReadAll('SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY view_name');
  const names = r.getRowObjectsJson().map((row) => row.view_name).filter((v) => !helpers.has(v));
  const withMonth = [];
  for (const v of names) {
    const c = await db.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE table_name = '${v}' AND column_name = 'month'`);
    if (c.getRowObjectsJson().length) withMonth.push(v);
  }
  return { names, withMonth };
}

const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
const loadMs = [], suiteMs = [], sliceMs = [], viewMs = {};
let views = null, last = null;
for (let r = 0; r < reps; r++) {
  let t = process.hrtime.bigint();
  const db = await load();
  loadMs.push(ms(t));
  progress('load_ms', loadMs.at(-1));
  await db.run(script);
  views ??= await reportViews(db);
  t = process.hrtime.bigint();
  const out = {};
  for (const v of views.names) {
    const tv = process.hrtime.bigint();
    out[v] = (await db.runAndReadAll(`SELECT * FROM ${v} ORDER BY ALL`)).getRowObjectsJson();
    (viewMs[v] ??= []).push(ms(tv));
  }
  suiteMs.push(ms(t));
  progress('suite_ms', suiteMs.at(-1));
  last = out;
  const months = quarter.map((m) => `'${m}'`).join(', ');
  t = process.hrtime.bigint();
  let sliceRows = 0;
  for (const v of views.withMonth) {
    sliceRows += (await db.runAndReadAll(`SELECT * FROM ${v} WHERE month IN (${months}) ORDER BY ALL`)).getRowObjectsJson().length;
  }
  sliceMs.push(ms(t));
  progress('slice_ms', sliceMs.at(-1));
  db.closeSync?.();
  if (sliceRows === 0 && quarter.length) { console.error('duckdb_bench: the slice returned no rows'); process.exit(1); }
}
// Numbers to 12 significant digits (Flywheel's JSON carries 15, docs/DECISIONS.md), so
// that compare.mjs's absolute tolerance also holds for large ratios.
const round12 = (k, v) => (typeof v === 'number' && Number.isFinite(v) ? Number(v.toPrecision(12)) : v);
if (outFile) writeFileSync(outFile, JSON.stringify(last, round12));
process.stdout.write(JSON.stringify({
  reps, load_ms: loadMs, suite_ms: suiteMs, slice_ms: sliceMs, view_ms: viewMs, views: views.names, slice_views: views.withMonth,
  peak_rss_kib: process.resourceUsage().maxRSS,
}) + '\n');
