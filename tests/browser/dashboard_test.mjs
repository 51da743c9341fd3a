// The dashboard in a real browser: node dashboard_test.mjs FLYWHEEL ARTIFACTS CHROMIUM
// 1. generates demo data, starts `flywheel serve --data DEMO --port 0`;
// 2. every page renders charts of non-zero size; shown numbers equal the API's JSON;
//    filters change the numbers and the URL; a drill-down lists rows;
// 3. `flywheel report --html` writes one file without external references that renders
//    from file://.
// Screenshots go to ARTIFACTS. Exits non-zero on the first failed check.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [flywheel, artifacts, chromiumPath] = process.argv.slice(2);
if (!flywheel || !artifacts) {
  console.error('usage: node dashboard_test.mjs FLYWHEEL ARTIFACTS [CHROMIUM]');
  process.exit(2);
}
fs.mkdirSync(artifacts, { recursive: true });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'flywheel-browser-'));
const demo = path.join(tmp, 'demo');
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};

execFileSync(flywheel, ['demo-data', '--out', demo], { stdio: 'ignore' });

// ---- the server
const server = spawn(flywheel, ['serve', '--data', demo, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
let serverOutput = '';
const port = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`flywheel serve printed no port in 30 s:\n${serverOutput}`)), 30000);
  const onData = (chunk) => {
    serverOutput += chunk;
    const m = serverOutput.match(/(?:port[ =:]*|127\.0\.0\.1:|localhost:)(\d{2,5})/i);
    if (m) { clearTimeout(timer); resolve(Number(m[1])); }
  };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  server.on('exit', (code) => { clearTimeout(timer); reject(new Error(`flywheel serve exited (${code}):\n${serverOutput}`)); });
}).catch((e) => { console.error(e.message); process.exit(1); });
const base = `http://127.0.0.1:${port}/`;
console.log(`server at ${base}`);

const browser = await chromium.launch({
  executablePath: chromiumPath || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

async function api(p) {
  const r = await fetch(base + p);
  return { status: r.status, body: await r.json().catch(() => null) };
}

// Waits for a page to finish, then checks its charts have a non-zero size.
async function loadPage(page, url, name, { charts = 1 } = {}) {
  await page.goto(url);
  await page.waitForSelector('#body[data-ready="true"]', { timeout: 30000 });
  const error = await page.locator('#body .error').count();
  check(error === 0, `${name}: no error panel${error ? `: ${await page.locator('#body .error').innerText()}` : ''}`);
  const sizes = await page.$$eval('#body canvas', (cs) => cs.map((c) => { const r = c.getBoundingClientRect(); return [r.width, r.height]; }));
  check(sizes.length >= charts, `${name}: ${sizes.length} charts drawn (expected ≥ ${charts})`);
  check(sizes.every(([w, h]) => w > 50 && h > 50), `${name}: every chart has a non-zero size ${JSON.stringify(sizes)}`);
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

const kpiValue = (page, id) => page.locator(`[data-kpi="${id}"] .drill`).first().getAttribute('data-value').then(Number);
const close = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const outside = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url()); });

  const health = await api('api/health');
  check(health.status === 200 && health.body && health.body.status === 'ok', 'GET /api/health is ok');

  // Every page renders.
  for (const [name, charts] of [['flywheel', 3], ['bowtie', 2], ['revenue', 3], ['cohorts', 1], ['pipeline', 3], ['ttv', 1], ['efficiency', 2]]) {
    await loadPage(page, `${base}#/${name}`, name, { charts });
  }

  // Revenue: the cards equal the API.
  await loadPage(page, `${base}#/revenue`, 'revenue');
  const monthly = (await api('api/revenue')).body;
  const lastMonth = monthly.rows.filter((r) => r.segment === 'all').at(-1);
  check(close(await kpiValue(page, 'mrr'), lastMonth.mrr), `revenue: MRR card = API mrr ${lastMonth.mrr}`);
  check(close(await kpiValue(page, 'net_new_mrr'), lastMonth.net_new_mrr), 'revenue: net new MRR card = API');
  check(close(await kpiValue(page, 'customers'), lastMonth.customers), 'revenue: customers card = API');

  // Filters: period quarter changes the URL and the numbers.
  await page.selectOption('#f-period', 'quarter');
  await page.waitForFunction(() => window.location.hash.includes('period=quarter'));
  await page.waitForSelector('#body[data-ready="true"]');
  check(page.url().includes('period=quarter'), `filter: URL has period=quarter (${page.url()})`);
  const quarterly = (await api('api/revenue?period=quarter')).body;
  const lastQuarter = quarterly.rows.filter((r) => r.segment === 'all').at(-1);
  const shownQ = await kpiValue(page, 'net_new_mrr');
  check(close(shownQ, lastQuarter.net_new_mrr), `filter: quarterly net new MRR card = API ${lastQuarter.net_new_mrr}`);
  check(!close(shownQ, lastMonth.net_new_mrr), 'filter: the quarterly number differs from the monthly one');

  // Segment filter from a shared URL.
  const bySeg = (await api('api/revenue?segment_by=segment')).body;
  const oneSegment = bySeg.rows.map((r) => r.segment).find((s) => s !== 'all');
  await page.goto(`${base}#/revenue?segment_by=segment&segment=${encodeURIComponent(oneSegment)}`);
  await page.waitForSelector('#body[data-ready="true"]');
  const segApi = (await api(`api/revenue?segment_by=segment&segment=${encodeURIComponent(oneSegment)}`)).body;
  const segLast = segApi.rows.filter((r) => r.segment === oneSegment).at(-1);
  check(close(await kpiValue(page, 'mrr'), segLast.mrr), `filter: segment ${oneSegment} MRR card = API ${segLast.mrr}`);
  check(!close(segLast.mrr, lastMonth.mrr), 'filter: the segment MRR differs from all accounts');
  await page.screenshot({ path: path.join(artifacts, 'revenue-segment.png'), fullPage: true });

  // Drill-down: click the MRR card.
  await page.goto(`${base}#/revenue`);
  await page.waitForSelector('#body[data-ready="true"]');
  await page.click('[data-kpi="mrr"] .drill');
  await page.waitForSelector('#drilldown .content[data-ready="true"]', { timeout: 30000 });
  const rowsText = await page.locator('#drilldown [data-rows]').getAttribute('data-rows').catch(() => null);
  check(rowsText !== null && Number(rowsText) > 0, `drill-down: the MRR card lists ${rowsText} rows`);
  if (rowsText === null) console.log(await page.locator('#drilldown').innerText());
  await page.screenshot({ path: path.join(artifacts, 'drilldown.png') });

  // Cohorts: the metric switch.
  await page.goto(`${base}#/cohorts?metric=logo`);
  await page.waitForSelector('#body[data-ready="true"]');
  check((await page.locator('#metric').inputValue()) === 'logo', 'cohorts: metric=logo from the URL');

  // Customers: a table as long as the API's rows, sortable, with an explanation; or "not available".
  const customers = await api('api/customers');
  await page.goto(`${base}#/customers`);
  await page.waitForSelector('#body[data-ready="true"]');
  if (customers.status === 200) {
    const rows = await page.locator('#customers tbody tr').count();
    check(rows === customers.body.rows.length, `customers: ${rows} table rows = API ${customers.body.rows.length}`);
    await page.click('#customers th[data-key="arr"]');
    const arrs = await page.$$eval('#customers tbody tr', (trs) => trs.slice(0, 5).map((tr) => tr.querySelector('[data-col="arr"]').textContent));
    check(arrs.length > 0, 'customers: sorted by ARR');
    await page.click('#customers tbody tr');
    check((await page.locator('#explain dl').count()) === 1, 'customers: the explanation panel opens');
    await loadPage(page, `${base}#/customers`, 'customers');
  } else {
    check((await page.locator('[data-state="not-available"]').count()) === 1, 'customers: "not available" shown without the endpoint');
  }
  await page.goto(`${base}#/segments`);
  await page.waitForSelector('#body[data-ready="true"]');
  await page.screenshot({ path: path.join(artifacts, 'segments.png'), fullPage: true });

  check(pageErrors.length === 0, `no script errors ${JSON.stringify(pageErrors)}`);
  check(outside.length === 0, `no requests outside the server ${JSON.stringify(outside.slice(0, 3))}`);
  await page.close();

  // ---- report --html
  const html = path.join(tmp, 'gtm.html');
  execFileSync(flywheel, ['report', '--data', demo, '--html', html], { stdio: 'inherit' });
  check(fs.existsSync(html), 'report --html: the file exists');
  const text = fs.readFileSync(html, 'utf8');
  const external = text.match(/https?:\/\/[^\s"'<>)]*/g) || [];
  check(external.length === 0, `report --html: no http(s):// references ${JSON.stringify(external.slice(0, 3))}`);
  fs.copyFileSync(html, path.join(artifacts, 'gtm.html'));
  const filePage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const fileRequests = [];
  filePage.on('request', (r) => { if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) fileRequests.push(r.url()); });
  const fileErrors = [];
  filePage.on('pageerror', (e) => fileErrors.push(e.message));
  for (const [name, charts] of [['flywheel', 3], ['revenue', 3], ['cohorts', 1], ['bowtie', 2], ['pipeline', 3], ['efficiency', 2]]) {
    await loadPage(filePage, `file://${html}#/${name}`, `html-${name}`, { charts });
  }
  await filePage.goto(`file://${html}#/revenue`);
  await filePage.waitForSelector('#body[data-ready="true"]');
  check(close(await kpiValue(filePage, 'mrr'), lastMonth.mrr), 'report --html: MRR card = API');
  check(fileRequests.length === 0, `report --html: no network requests ${JSON.stringify(fileRequests.slice(0, 3))}`);
  check(fileErrors.length === 0, `report --html: no script errors ${JSON.stringify(fileErrors)}`);
} catch (e) {
  console.error(`FAIL ${e.stack || e}`);
  failures++;
} finally {
  await browser.close();
  server.kill('SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(failures ? `${failures} check(s) failed; screenshots in ${artifacts}` : `all checks passed; screenshots in ${artifacts}`);
process.exit(failures ? 1 : 0);
