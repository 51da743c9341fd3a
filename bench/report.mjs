// Writes the benchmark's results file (Markdown) from one run folder of bench/run.sh:
//   node report.mjs RUN_DIR "S:10000 M:100000 L:1000000" > RESULTS.md
// Every number comes from the JSON files of that run; nothing is carried over from earlier runs.
import { readFileSync, existsSync } from 'node:fs';

const [runDir, sizeList] = process.argv.slice(2);
const read = (f) => JSON.parse(readFileSync(`${runDir}/${f}`, 'utf8'));
const machine = read('machine.json');
const end = read('end.json');
const samples = existsSync(`${runDir}/loadavg.txt`)
  ? readFileSync(`${runDir}/loadavg.txt`, 'utf8').split('\n').filter(Boolean).map(Number) : [];

const median = (a) => {
  if (!a || !a.length) return null;
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmtMs = (v) => (v === null || v === undefined ? '—' : v >= 10000 ? `${(v / 1000).toFixed(1)} s` : v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);
const fmtMiB = (kib) => (kib ? `${(kib / 1024).toFixed(0)} MiB` : '—');
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(1)}×` : '—');

const sizes = sizeList.trim().split(/\s+/).map((s) => s.split(':')[0]).filter((n) => existsSync(`${runDir}/${n}/size.json`));
const rows = sizes.map((name) => {
  const size = read(`${name}/size.json`);
  const fw = read(`${name}/flywheel.json`);
  const dk = read(`${name}/duckdb.json`);
  const sq = read(`${name}/sqlite.json`);
  const f = { load: median(fw.load_ms), suite: median(fw.suite_ms), slice: median(fw.slice_ms),
    sqlSuite: median(fw.sql_suite_ms) };
  const d = { load: median(dk.load_ms), suite: median(dk.suite_ms), slice: median(dk.slice_ms) };
  const q = { load: median(sq.load_ms), suite: median(sq.suite_ms), slice: median(sq.slice_ms) };
  f.e2e = f.load + f.suite;
  d.e2e = d.load !== null && d.suite !== null ? d.load + d.suite : null;
  q.e2e = q.load !== null && q.suite !== null ? q.load + q.suite : null;
  return { name, size, fw, dk, sq, f, d, q };
});

const out = [];
const p = (s = '') => out.push(s);
p('# Benchmark results');
p();
p('Written by `make bench` (bench/run.sh → bench/report.mjs); how the harness works and where the');
p('time goes: docs/PERFORMANCE.md. Every number below was measured in the one run described here.');
p();
p('## Machine and run');
p();
p(`- ${machine.cpu}, ${machine.cores} cores, ${(machine.memory_kib / 1048576).toFixed(1)} GiB RAM; ${machine.os}, Linux ${machine.kernel}`);
p(`- ${machine.compiler}, Release build; DuckDB ${machine.duckdb} (@duckdb/node-api on Node.js ${machine.node}); SQLite ${machine.sqlite} (sqlite3 CLI)`);
p(`- run from ${machine.started} to ${end.finished}; demo data seed ${machine.seed}, three years to ${machine.end}`);
// The whole run against make bench's budget (30 minutes on 2 cores, data generation included).
const runMinutes = (Date.parse(end.finished) - Date.parse(machine.started)) / 60000;
if (Number.isFinite(runMinutes)) p(`- the whole run took ${runMinutes.toFixed(1)} min (the budget of \`make bench\`: 30 min on 2 cores, generating the data sets included)`);
const generated = rows.filter((r) => r.size.generate_s !== null && r.size.generate_s !== undefined);
const kept = rows.filter((r) => r.size.generate_s === null || r.size.generate_s === undefined);
p('- data sets: ' + [
  generated.length ? `generated in this run (${generated.map((r) => `${r.name} ${r.size.generate_s.toFixed(1)} s`).join(', ')})` : '',
  kept.length ? `${kept.map((r) => r.name).join(', ')} kept from an earlier run with the same generator options (the generator is deterministic)` : '',
].filter(Boolean).join('; '));
p(machine.shape === 'demo'
  ? '- data shape: the demo data set\'s own volumes (`flywheel demo-data`, bench/run.sh --shape demo)'
  : '- data shape: the scale goal\'s volumes, `flywheel demo-data --anonymous-leads 9 --billing-terms --outbound-deals 1.5` ' +
    '(about ten leads per account, one subscription row per billing term, a renewal deal per quarterly and annual term, ' +
    'outbound deals opened before a company buys; ' +
    'rows per table under "Flywheel\'s loaded tables" below)');
const mean = samples.length ? samples.reduce((a, b) => a + b, 0) / samples.length : null;
p(`- load average (1 min): ${machine.loadavg_start.split(' ')[0]} at the start, ${end.loadavg_end.split(' ')[0]} at the end` +
  (samples.length ? `, mean ${mean.toFixed(1)} and max ${Math.max(...samples).toFixed(1)} over ${samples.length} samples (every 10 s)` : ''));
// The benchmark itself keeps at most every core busy; a load average well above the core count
// means other work shared the machine during the run.
if (samples.length && Math.max(...samples) > Number(machine.cores) + 1) {
  p('- **The machine was shared**: the load average rose above the core count, so other work ran on the');
  p('  same cores during the run and every time here is inflated by an unknown, varying amount, for all');
  p('  three engines alike (each size runs the engines one after the other). Treat ratios as more reliable');
  p('  than absolute times.');
} else if (samples.length) {
  p(`- The load average stayed within what the benchmark itself puts on the ${machine.cores} cores: no other`);
  p('  work of note shared the machine during the run.');
}
p();
p('## What is measured');
p();
p('Times are the median of the runs shown in "runs" (each run timed on its own, in one process per engine');
p('and size). Peak memory is the peak resident set of that process.');
p();
p('- **load**: reading every CSV of the data set into the engine: Flywheel `LoadInput` (parse + validate');
p('  into its column tables, the tables after accounts on every thread); DuckDB `CREATE TABLE … AS SELECT * FROM read_csv(…)` per CSV into an');
p('  in-memory database; SQLite `.import` into a fresh database file, empty fields set to NULL.');
p('- **suite**: Flywheel: every report of the report registry (' + rows[0]?.fw.suite.filter((r) => !r.error).map((r) => r.name).join(', ') + ')');
p('  with its default parameters, rendered as the JSON the CLI prints, on the already loaded data. DuckDB and');
p('  SQLite: the script of `flywheel sql --dialect …` and `SELECT *` from every report view it defines (' + (rows.find((r) => r.dk.views?.length)?.dk.views.join(', ') ?? '') + '),');
p('  results fully read into the client, on the already loaded tables ("same in-memory data"). The SQL views');
p('  cover only part of what the Flywheel suite computes (no customers, prospects, attention, migration, ttv,');
p('  flywheel or waterfall reports), so this comparison favours the SQL engines.');
p('- **same reports**: Flywheel runs only the reports whose numbers the SQL views reproduce (' + (rows[0]?.fw.sql_suite ?? []).map((r) => r.name).join(', '));
p('  — sql/metrics_sql.h, `MetricsSqlViewReport`), with the suite\'s parameters: the like-for-like comparison');
p('  with the SQL engines\' suite. Each of those reports still computes more than its views (every segment,');
p('  every period, the detail rows the CLI prints). Within one Flywheel suite');
p('  (and one slice) the reports share the MRR series of their as-of date, computed once in that phase;');
p('  nothing is carried from one phase or run to the next, and no report result is ever kept.');
p('- **slice**: one segment × one quarter of every report: Flywheel runs every report again with');
p('  `period=quarter`, `segment_by`/`segment` = the settings\' segment attribute and one value of it, as of the');
p('  last day of the quarter (reports without those parameters get only the date). The SQL views have no');
p('  segment column: DuckDB and SQLite select the report views that have a month column, restricted to the');
p('  three months of the quarter (' + machine.quarter + ').');
p('- **load + suite**: end to end from the CSV files to every result.');
p('- **server**: `flywheel serve` answering `GET /api/revenue?period=quarter&segment_by=…&segment=…&as_of=…`');
p(`  under \`wrk -t2 -c4 -d${machine.wrk_seconds}s\` on loopback (wrk shares the two cores with the server); p50/p95`);
p('  from wrk\'s latency histogram. Start = from launching the process to its first answer line (the load,');
p('  and the MRR series of the default as-of date, which the server computes before it answers). Each');
p('  request computes its report; only that series is shared between requests.');
p();
p('Before any time is reported the results are checked equal: the suite\'s revenue and pipeline JSON is');
p('byte-equal to `flywheel revenue`/`pipeline --format json`; DuckDB\'s and SQLite\'s `revenue_month`, `lvr`,');
p('`win_rate` and `sales_cycle_median` views equal those reports (tests/sql/compare.mjs: money to the cent,');
p('rates to 1e-9, counts exactly); the server\'s answer is byte-equal to the slice\'s revenue JSON.');
p();
p('## Results');
p();
p('| size | accounts | CSV size | engine | runs | load | suite | slice | load + suite | peak memory |');
p('|---|---:|---:|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const csv = `${(r.size.csv_bytes / 1048576).toFixed(0)} MiB`;
  p(`| ${r.name} | ${r.size.accounts.toLocaleString('en')} | ${csv} | Flywheel | ${r.fw.load_ms.length} | ${fmtMs(r.f.load)} | ${fmtMs(r.f.suite)} | ${fmtMs(r.f.slice)} | ${fmtMs(r.f.e2e)} | ${fmtMiB(r.fw.peak_rss_kib)} (after load ${fmtMiB(r.fw.peak_rss_load_kib)}) |`);
  const dkNote = (r.dk.status ?? 'finished') === 'finished' ? '' : ` (${r.dk.status})`;
  p(`| | | | DuckDB${dkNote} | ${r.dk.load_ms.length} | ${fmtMs(r.d.load)} | ${fmtMs(r.d.suite)} | ${fmtMs(r.d.slice)} | ${fmtMs(r.d.e2e)} | ${fmtMiB(r.dk.peak_rss_kib)} |`);
  const sqNote = r.sq.status === 'finished' ? '' : ` (${r.sq.status})`;
  p(`| | | | SQLite${sqNote} | ${r.sq.load_ms.length} | ${fmtMs(r.q.load)} | ${fmtMs(r.q.suite)} | ${fmtMs(r.q.slice)} | ${fmtMs(r.q.e2e)} | ${fmtMiB(r.sq.peak_rss_kib)} |`);
}
p();
p('| size | server start | slice p50 | slice p95 | slice p99 | requests | server peak memory |');
p('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const s = r.size.serve;
  p(`| ${r.name} | ${s.start_s.toFixed(1)} s | ${(s.p50_us / 1000).toFixed(1)} ms | ${(s.p95_us / 1000).toFixed(1)} ms | ${(s.p99_us / 1000).toFixed(1)} ms | ${s.requests} | ${fmtMiB(s.peak_rss_kib)} |`);
}
p();
p('### Workspace (the recommended flow: import once, then reports and the server on the workspace)');
p();
p('Import: `flywheel import DATA --workspace WS` as a process, into a new workspace, timed from');
p('launch to exit. Workspace load: `LoadInput` from the workspace\'s latest snapshot, timed in the');
p('same process and runs as the CSV load (one of each in turn). Server start: `flywheel serve');
p('--workspace WS` from launch to its listening line, and to its first slice answer. Before any');
p('time is shown every report from the workspace is checked byte-equal to the same report from');
p('the CSV files (suite and slice), and the server\'s slice from the workspace to the engine\'s.');
p();
p('| size | CSV load | workspace load | CSV load ÷ workspace load | import | import ÷ CSV load | server listening · serving (first answer) | workspace size | reports equal |');
p('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const w = r.size.workspace;
  if (!w) continue;
  const wsLoad = median(r.fw.workspace_load_ms);
  const imp = median(w.import_s) * 1000;
  p(`| ${r.name} | ${fmtMs(r.f.load)} | ${fmtMs(wsLoad)} | ${(r.f.load / wsLoad).toFixed(1)}× | ${fmtMs(imp)} | ${(imp / r.f.load).toFixed(2)}× | ${w.serve.listening_s != null ? `${w.serve.listening_s.toFixed(2)} s · ` : ''}${w.serve.serve_start_s.toFixed(2)} s (${w.serve.first_answer_s.toFixed(2)} s) | ${fmtMiB(w.db_bytes / 1024)} | ${w.serve.reports_equal} |`);
}
p();
p('### Ratios (other engine ÷ Flywheel; above 1× means Flywheel is faster)');
p();
p('| size | DuckDB load | DuckDB suite (in memory) | DuckDB load + suite | DuckDB slice | SQLite load | SQLite suite | SQLite load + suite |');
p('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  p(`| ${r.name} | ${ratio(r.d.load, r.f.load)} | ${ratio(r.d.suite, r.f.suite)} | ${ratio(r.d.e2e, r.f.e2e)} | ${ratio(r.d.slice, r.f.slice)} | ${ratio(r.q.load, r.f.load)} | ${ratio(r.q.suite, r.f.suite)} | ${ratio(r.q.e2e, r.f.e2e)} |`);
}
p();
p('### Same reports (like for like)');
p();
p('The SQL engines\' suite against Flywheel running only the reports behind those views (see "What is measured").');
p();
p('| size | Flywheel same reports | DuckDB suite | ratio | SQLite suite | ratio |');
p('|---|---:|---:|---:|---:|---:|');
for (const r of rows) {
  p(`| ${r.name} | ${fmtMs(r.f.sqlSuite)} | ${fmtMs(r.d.suite)} | ${ratio(r.d.suite, r.f.sqlSuite)} | ${fmtMs(r.q.suite)} | ${ratio(r.q.suite, r.f.sqlSuite)} |`);
}
p();
const viewRows = rows.filter((r) => r.dk.view_ms && Object.keys(r.dk.view_ms).length);
if (viewRows.length) {
  const names = Object.keys(viewRows[viewRows.length - 1].dk.view_ms);
  p('### DuckDB: time per view of the suite (median)');
  p();
  p('Each view is computed from the tables when it is selected (views are not materialised), so a view built');
  p('on mrr_movements pays for the movements again.');
  p();
  p(`| view | ${viewRows.map((r) => r.name).join(' | ')} |`);
  p(`|---|${viewRows.map(() => '---:|').join('')}`);
  for (const v of names) p(`| ${v} | ${viewRows.map((r) => fmtMs(median(r.dk.view_ms[v]))).join(' | ')} |`);
  p();
}
p('### Equality checks');
p();
for (const r of rows) {
  for (const kind of ['suite', 'slice']) {
    for (const rep of r.fw[kind].filter((x) => !x.ok)) p(`- ${r.name} ${kind}: report ${rep.name} answered an error (timed as it ran): ${rep.error}`);
  }
}
for (const r of rows) {
  p(`- ${r.name}: Flywheel suite = CLI (byte-equal); DuckDB: ${r.size.duckdb_equal ?? 'not compared (' + r.dk.status + ')'}; SQLite: ${r.size.sqlite_equal ?? 'not compared (' + r.sq.status + ')'}; server slice = engine slice (byte-equal)`);
}
p();

// What Flywheel holds after loading the largest size: rows and column bytes per table.
const largest = rows[rows.length - 1];
if (largest && largest.fw.tables) {
  const tables = largest.fw.tables.filter((t) => t.rows > 0);
  const total = tables.reduce((s, t) => s + t.bytes, 0);
  p(`### Flywheel's loaded tables on ${largest.name}`);
  p();
  p(`Bytes held by each table's columns and id index after the load (the string dictionary and the allocator's own room not counted): ${(total / 1048576).toFixed(0)} MiB in all, against ${(largest.size.csv_bytes / 1048576).toFixed(0)} MiB of CSV and a resident peak of ${fmtMiB(largest.fw.peak_rss_load_kib)} after the load.`);
  p();
  p('| table | rows | MiB | bytes a row |');
  p('|---|---:|---:|---:|');
  for (const t of tables) p(`| ${t.name} | ${t.rows.toLocaleString('en')} | ${(t.bytes / 1048576).toFixed(1)} | ${(t.bytes / t.rows).toFixed(1)} |`);
  p();
}

// Growth exponent k in time ∝ accounts^k, between consecutive sizes and fitted over all.
// A size without the measure (an engine that did not finish) gives no step on either side.
function exponents(get) {
  const all = rows.map((r) => { const t = get(r); return t > 0 ? [Math.log(r.size.accounts), Math.log(t)] : null; });
  const steps = [];
  for (let i = 1; i < all.length; i++) {
    steps.push(all[i] && all[i - 1] ? (all[i][1] - all[i - 1][1]) / (all[i][0] - all[i - 1][0]) : null);
  }
  const pts = all.filter(Boolean);
  let fit = null;
  if (pts.length >= 2) {
    const mx = pts.reduce((s, q) => s + q[0], 0) / pts.length, my = pts.reduce((s, q) => s + q[1], 0) / pts.length;
    fit = pts.reduce((s, q) => s + (q[0] - mx) * (q[1] - my), 0) / pts.reduce((s, q) => s + (q[0] - mx) ** 2, 0);
  }
  return { steps, fit };
}
if (rows.length >= 2) {
  p('## Growth with the number of accounts');
  p();
  p('Exponent k in time ∝ accounts^k (1.0 = linear): between consecutive sizes, and the least-squares fit over all.');
  p();
  p(`| measure | ${rows.slice(1).map((r, i) => `${rows[i].name} → ${r.name}`).join(' | ')} | fit |`);
  p(`|---|${rows.slice(1).map(() => '---:|').join('')}---:|`);
  const line = (label, get) => {
    const e = exponents(get);
    p(`| ${label} | ${e.steps.map((k) => (k === null ? '—' : k.toFixed(2))).join(' | ')} | ${e.fit === null ? '—' : e.fit.toFixed(2)} |`);
    return e;
  };
  line('Flywheel load', (r) => r.f.load);
  const growth = line('Flywheel suite', (r) => r.f.suite);
  line('Flywheel slice', (r) => r.f.slice);
  line('Flywheel load + suite', (r) => r.f.e2e);
  line('DuckDB load + suite', (r) => r.d.e2e);
  line('server p95', (r) => r.size.serve.p95_us);
  p();
  rows.growth = growth;
}

// Targets.
const big = rows[rows.length - 1];
if (big) {
  p(`## Targets (on ${big.name}, the largest size of this run)`);
  p();
  if (big.size.accounts < 1000000) {
    p('L (1,000,000 accounts) was not part of this run (bench/run.sh --sizes). The targets below are checked');
    p('on ' + big.name + ' instead.');
    p();
  }
  p('| target | measured | met |');
  p('|---|---|---|');
  const yes = (b) => (b ? 'yes' : '**no**');
  // When DuckDB stopped at its time limit during the suite, the ratios are lower bounds: the
  // suite took at least the limit less the load; load + suite at least the limit.
  const dkDone = (big.dk.status ?? 'finished') === 'finished';
  const inSuite = !dkDone && big.d.load !== null && big.d.suite === null;
  const dkSuite = inSuite ? big.dk.limit_s * 1000 - big.d.load : big.d.suite;
  const dkE2e = inSuite ? big.dk.limit_s * 1000 : big.d.e2e;
  const bound = dkDone ? '' : ` (at least: DuckDB's ${big.dk.status})`;
  const show = (x) => (x === null || !Number.isFinite(x) ? '—' : `${x.toFixed(2)}×${bound}`);
  const suiteRatio = dkSuite === null ? null : dkSuite / big.f.suite;
  p(`| full suite ≥ 10× faster than DuckDB on the same in-memory data: Flywheel's whole suite against the SQL views (Flywheel computes more) | ${show(suiteRatio)} | ${yes(suiteRatio >= 10)} |`);
  const sameRatio = dkSuite === null || !big.f.sqlSuite ? null : dkSuite / big.f.sqlSuite;
  p(`| the same, like for like: the reports behind the SQL views against those views | ${show(sameRatio)} | ${yes(sameRatio >= 10)} |`);
  const e2eRatio = dkE2e === null ? null : dkE2e / big.f.e2e;
  p(`| load + full suite ≥ 2× faster than DuckDB end to end | ${show(e2eRatio)} | ${yes(e2eRatio >= 2)} |`);
  const p95 = big.size.serve.p95_us / 1000;
  p(`| slice answered by the server < 100 ms at p95 | ${p95.toFixed(1)} ms | ${yes(p95 < 100)} |`);
  if (big.size.workspace) {
    const w = big.size.workspace;
    const wsRatio = big.f.load / median(big.fw.workspace_load_ms);
    p(`| --workspace load ≥ 3× faster than the CSV load | ${wsRatio.toFixed(1)}× | ${yes(wsRatio >= 3)} |`);
    const impRatio = (median(w.import_s) * 1000) / big.f.load;
    p(`| import ≤ 2× the CSV load | ${impRatio.toFixed(2)}× | ${yes(impRatio <= 2)} |`);
    p(`| server start from a workspace under 1.5 s (data loaded, serving) | ${w.serve.serve_start_s.toFixed(2)} s | ${yes(w.serve.serve_start_s < 1.5)} |`);
  }
  const peak = Math.max(big.fw.peak_rss_kib, big.size.serve.peak_rss_kib) * 1024;
  p(`| peak memory below the size of the CSV files (${(big.size.csv_bytes / 1048576).toFixed(0)} MiB) | engine ${fmtMiB(big.fw.peak_rss_kib)} (after load ${fmtMiB(big.fw.peak_rss_load_kib)}), server ${fmtMiB(big.size.serve.peak_rss_kib)} | ${yes(peak < big.size.csv_bytes)} |`);
  if (rows.growth) {
    const k = rows.growth.fit;
    p(`| near-linear growth (suite exponent ≤ 1.15) | ${k.toFixed(2)} | ${yes(k <= 1.15)} |`);
  }
  p(`| both cores used where the work allows | the load reads the tables after accounts, and the suite and slice run the reports, on ${big.fw.threads} threads; accounts load alone first, and each report runs on one thread | mostly (docs/PERFORMANCE.md) |`);
  p();
}
process.stdout.write(out.join('\n') + '\n');
