// Loads a Flywheel data set (canonical CSVs) into an in-memory DuckDB with explicit column
// types, runs the DuckDB dialect of `flywheel sql`, and prints the views as JSON:
//   node run_duckdb.mjs DATA_DIR METRICS_SQL > results.json
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [dataDir, sqlFile] = process.argv.slice(2);
if (!dataDir || !sqlFile) {
  console.error('usage: node run_duckdb.mjs DATA_DIR METRICS_SQL');
  process.exit(2);
}

const tables = {
  subscriptions: { subscription_id: 'VARCHAR', account_id: 'VARCHAR', start_date: 'DATE', end_date: 'DATE',
    amount: 'DOUBLE', billing_period: 'VARCHAR', currency: 'VARCHAR', revenue_type: 'VARCHAR' },
  opportunities: { opportunity_id: 'VARCHAR', account_id: 'VARCHAR', type: 'VARCHAR', created_at: 'DATE',
    closed_at: 'DATE', status: 'VARCHAR', amount: 'DOUBLE', currency: 'VARCHAR' },
  leads: { lead_id: 'VARCHAR', account_id: 'VARCHAR', created_at: 'DATE', qualified_at: 'DATE' },
  spend: { month: 'VARCHAR', category: 'VARCHAR', amount: 'DOUBLE', segment: 'VARCHAR' },
  finance: { month: 'VARCHAR', net_burn: 'DOUBLE', gross_margin: 'DOUBLE' },
  fx: { month: 'VARCHAR', currency: 'VARCHAR', rate: 'DOUBLE' },
  usage: { account_id: 'VARCHAR', date: 'DATE', metric: 'VARCHAR', value: 'DOUBLE' },
  advocacy: { account_id: 'VARCHAR', date: 'DATE', type: 'VARCHAR' },
  journey: { account_id: 'VARCHAR', stage: 'VARCHAR', entered_at: 'DATE' },
};

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
for (const [name, want] of Object.entries(tables)) {
  const file = `${dataDir}/${name}.csv`;
  const header = readFileSync(file, 'utf8').split(/\r?\n/, 1)[0].split(',').map((h) => h.trim().toLowerCase());
  // Every column of the file gets a type: the known ones as listed, the rest VARCHAR.
  const types = header.map((h) => `'${h}': '${want[h] ?? 'VARCHAR'}'`).join(', ');
  const path = file.replaceAll("'", "''");
  await db.run(`CREATE TABLE ${name} AS SELECT * FROM read_csv('${path}', header = true, ` +
    `auto_detect = false, columns = {${types}}, nullstr = '')`);
}
await db.run(readFileSync(sqlFile, 'utf8'));

const views = ['revenue_month', 'cohort_nrr', 'lvr', 'win_rate', 'sales_cycle_median', 'bowtie_conversion',
  'cac_payback', 'burn_multiple'];
const out = {};
for (const v of views) {
  const reader = await db.runAndReadAll(`SELECT * FROM ${v} ORDER BY ALL`);
  out[v] = reader.getRowObjectsJson();
}
process.stdout.write(JSON.stringify(out));
