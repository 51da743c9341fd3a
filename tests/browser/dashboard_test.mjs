// The dashboard in a real browser: node dashboard_test.mjs FLYWHEEL ARTIFACTS CHROMIUM
// 1. generates demo data, starts `flywheel serve --data DEMO --port 0`;
// 2. every page renders charts of non-zero size; shown numbers equal the API's JSON;
//    filters change the numbers and the URL; a drill-down lists rows;
// 3. sales programs: a second server (--workspace, --programs, --token-file) where an
//    application is made and approved through the Programs page;
// 4. `flywheel report --html` writes one file without external references that renders
//    from file://.
// 5. the click audit: on every page every number marked as a drill-down (cards, cells, chart
//    points through the chart API) opens rows without an error; unmarked numbers do not open;
// 6. units: known money, percent, ratio and days fields show the API's value in their unit;
// 7. at 390x844 no page scrolls sideways; axe-core finds nothing critical or serious; the
//    keyboard reaches a drill-down and back; the filters round-trip through the URL.
// Screenshots of every page at 1440x900 and 390x844 go to ARTIFACTS.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

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
const examples = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'examples');
// No rate limit: the click audit opens hundreds of drill-downs a second (the limiter has its
// own tests in src/server).
const server = spawn(flywheel, ['serve', '--data', demo, '--port', '0', '--rate-limit', '0', '--segments', path.join(examples, 'segments.toml'),
  '--beachhead', path.join(examples, 'market.toml')], { stdio: ['ignore', 'pipe', 'pipe'] });
let serverOutput = '';
const port = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`flywheel serve printed no port in 30 s:\n${serverOutput}`)), 30000);
  const onData = (chunk) => {
    serverOutput += chunk;
    const m = serverOutput.match(/serving http:\/\/127\.0\.0\.1:(\d{2,5})/);
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

const kpiValue = (page, id) => page.locator(`[data-kpi="${id}"] [data-value]`).first().getAttribute('data-value').then(Number);

const AUDITED = ['revenue', 'flywheel', 'bowtie', 'cohorts', 'pipeline', 'ttv', 'efficiency', 'customers', 'segments'];

// Clicks every drill-down button of the page in turn (in the page: hundreds of clicks) and
// reports what each opened.
async function clickEveryDrill(page) {
  return page.evaluate(async () => {
    const wait = async (ok) => { const t0 = performance.now(); while (!ok() && performance.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 4)); };
    const out = [];
    for (const b of [...document.querySelectorAll('#body button.drill')]) {
      b.click();
      await wait(() => document.querySelector('#drilldown .content[data-ready="true"]'));
      const err = document.querySelector('#drilldown [data-state="drilldown-error"]');
      const rows = document.querySelector('#drilldown [data-rows]');
      out.push({ cell: b.dataset.cell, report: b.dataset.report, value: b.dataset.value, error: err ? err.textContent : null, rows: rows ? Number(rows.dataset.rows) : -1 });
    }
    document.querySelector('#drilldown .close')?.click();
    return out;
  });
}

// Clicks the last point of every series of every chart that drills down, through the chart
// API; reports the panels opened.
async function clickChartPoints(page) {
  return page.evaluate(async () => {
    const wait = async (ok) => { const t0 = performance.now(); while (!ok() && performance.now() - t0 < 20000) await new Promise((r) => setTimeout(r, 4)); };
    const out = [];
    for (const { el, chart } of window.flywheelCharts()) {
      if (el.dataset.drills !== 'true') continue;
      const opt = chart.getOption();
      const cats = opt.xAxis && opt.xAxis[0] && opt.xAxis[0].type === 'category' ? opt.xAxis[0].data : opt.yAxis && opt.yAxis[0] ? opt.yAxis[0].data : [];
      for (const [si, s] of opt.series.entries()) {
        if (s.silent) continue;
        const data = s.data || [];
        let idx = data.length - 1;
        const valueOf = (d) => (d !== null && typeof d === 'object' && !Array.isArray(d) ? d.value : d);
        while (idx >= 0 && (valueOf(data[idx]) === null || valueOf(data[idx]) === undefined)) idx--;
        if (idx < 0) continue;
        const value = valueOf(data[idx]);
        document.querySelector('#drilldown')?.remove();
        chart.trigger('click', { componentType: 'series', seriesType: s.type, seriesIndex: si, seriesId: s.id, seriesName: s.name, dataIndex: idx,
          name: Array.isArray(value) ? '' : String((cats || [])[idx] ?? ''), value, data: data[idx] });
        await new Promise((r) => setTimeout(r, 20));
        if (!document.querySelector('#drilldown')) { out.push({ series: s.id || s.name, opened: false }); continue; }
        await wait(() => document.querySelector('#drilldown .content[data-ready="true"]'));
        const err = document.querySelector('#drilldown [data-state="drilldown-error"]');
        const rows = document.querySelector('#drilldown [data-rows]');
        out.push({ series: s.id || s.name, opened: true, error: err ? err.textContent : null, rows: rows ? Number(rows.dataset.rows) : -1 });
      }
    }
    document.querySelector('#drilldown .close')?.click();
    return out;
  });
}
const close = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

try {
  // A context of its own: axe-core needs one.
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // The server's Content-Security-Policy must allow everything the dashboard does.
  const policyViolations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) policyViolations.push(m.text()); });
  const outside = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) outside.push(r.url()); });

  const health = await api('api/health');
  check(health.status === 200 && health.body && health.body.status === 'ok', 'GET /api/health is ok');

  // The landing page is Revenue; its first chart is drawn this long after navigation starts.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(base);
  await page.waitForSelector('#body[data-ready="true"]', { timeout: 30000 });
  // The page marks when its first chart is drawn and when the whole page is (flywheel:first-chart,
  // flywheel:page-drawn); the test sees the page ready a little later (its polling).
  const seenMs = await page.evaluate(() => performance.now());
  const drawn = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])));
  check((await page.locator('h1').innerText()) === 'Revenue', 'the landing page is Revenue');
  check(drawn['flywheel:first-chart'] > 0, 'the landing page marks its first chart');
  console.log(`measure: first chart drawn ${drawn['flywheel:first-chart']} ms after navigation, the whole page ${drawn['flywheel:page-drawn']} ms, seen ready by the test at ${Math.round(seenMs)} ms (revenue, demo data, 1440x900)`);
  // Where the time went: the network waterfall and the page's own marks (ms after navigation).
  const waterfall = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource').map((r) => ({ name: r.name.replace(/^.*\/\/[^/]+\//, ''), start: Math.round(r.startTime), end: Math.round(r.responseEnd), bytes: r.transferSize }));
    const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]));
    return { html: Math.round(nav.responseEnd), domInteractive: Math.round(nav.domInteractive), res, marks };
  });
  console.log(`measure: waterfall html ${waterfall.html} ms, DOM interactive ${waterfall.domInteractive} ms; ${waterfall.res.map((r) => `${r.name} ${r.start}–${r.end} ms (${r.bytes} B)`).join('; ')}; marks ${JSON.stringify(waterfall.marks)}`);

  // Every page renders, at 1440x900 and at 390x844 (no sideways scrolling there), axe-clean.
  for (const [name, charts] of [['revenue', 3], ['flywheel', 3], ['bowtie', 2], ['cohorts', 1], ['pipeline', 3], ['ttv', 1], ['efficiency', 2], ['customers', 1], ['segments', 2]]) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await loadPage(page, `${base}#/${name}`, `${name}-1440`, { charts });
    await page.setViewportSize({ width: 390, height: 844 });
    await loadPage(page, `${base}#/${name}`, `${name}-390`, { charts });
    const [scrollWidth, innerWidth] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    check(scrollWidth <= innerWidth, `${name} at 390 px: the page does not scroll sideways (${scrollWidth} ≤ ${innerWidth})`);
    const axe = await new AxeBuilder({ page }).analyze();
    const bad = axe.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
    check(bad.length === 0, `${name}: axe finds nothing critical or serious ${JSON.stringify(bad.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target}`))}`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // The click audit.
  for (const name of AUDITED) {
    await page.goto(`${base}#/${name}`);
    await page.waitForSelector('#body[data-ready="true"]', { timeout: 30000 });
    const clicks = await clickEveryDrill(page);
    const failed = clicks.filter((c) => c.error !== null || c.rows < 0 || (c.rows === 0 && Number(c.value) !== 0));
    check(failed.length === 0, `click audit ${name}: ${clicks.length} numbers open their rows${failed.length ? `; failed ${failed.length}: ${JSON.stringify(failed.slice(0, 3))}` : ''}`);
    const points = await clickChartPoints(page);
    const badPoints = points.filter((c) => c.opened && (c.error !== null || c.rows < 0));
    check(badPoints.length === 0, `click audit ${name}: ${points.filter((c) => c.opened).length} chart points open their rows${badPoints.length ? `; failed: ${JSON.stringify(badPoints.slice(0, 3))}` : ''}`);
    // Numbers that are not marked are plain text: no button, no pointer, no panel on a click.
    const plainNumbers = await page.$$eval('#body [data-value]:not(button)', (els) => els.map((e) => [e.tagName, getComputedStyle(e).cursor]));
    check(plainNumbers.every(([tag, cursor]) => tag === 'SPAN' && cursor !== 'pointer'), `click audit ${name}: ${plainNumbers.length} unmarked numbers are plain text`);
    if (plainNumbers.length) {
      await page.locator('#body [data-value]:not(button)').first().click();
      check((await page.locator('#drilldown').count()) === 0, `click audit ${name}: an unmarked number opens nothing`);
    }
  }
  const revenueChartClicks = await (async () => { await page.goto(`${base}#/revenue`); await page.waitForSelector('#body[data-ready="true"]'); return clickChartPoints(page); })();
  check(revenueChartClicks.filter((c) => c.opened && c.rows > 0).length >= 7, `click audit revenue: the bridge, the MRR line and the movement bars open rows (${revenueChartClicks.filter((c) => c.opened).length})`);

  // Units: the shown text is the API value in its unit.
  {
    const api0 = (await api('api/revenue')).body;
    const row = api0.rows.filter((r) => r.segment === 'all').at(-1);
    const fullMoney = (v) => `${v < 0 ? '−' : ''}$${Math.round(Math.abs(v)).toLocaleString('en-US')}`;
    const compactMoney = (v) => { const a = Math.abs(v); const t = a >= 1e6 ? `${(a / 1e6).toFixed(1)}M` : a >= 1e5 ? `${(a / 1e3).toFixed(0)}k` : a >= 1e3 ? `${(a / 1e3).toFixed(1)}k` : a.toFixed(0); return `${v < 0 ? '−' : ''}$${t}`; };
    const percent = (v) => `${(v * 100).toFixed(1)}%`;
    await page.goto(`${base}#/revenue`);
    await page.waitForSelector('#body[data-ready="true"]');
    const cellText = (id, col) => page.locator(`${id} tbody tr[data-index="0"] td[data-col="${col}"]`).innerText();
    const kpiText = (id) => page.locator(`[data-kpi="${id}"] .value`).innerText();
    check((await cellText('#revenue-table', 'mrr')) === fullMoney(row.mrr), `units: revenue table MRR ${fullMoney(row.mrr)} (money, full)`);
    check((await kpiText('mrr')) === compactMoney(row.mrr), `units: revenue MRR card ${compactMoney(row.mrr)} (money, compact)`);
    check((await cellText('#revenue-table', 'nrr')) === percent(row.nrr), `units: revenue NRR ${percent(row.nrr)} (percent)`);
    const qr = api0.rows.filter((r) => r.segment === 'all' && r.quick_ratio !== null).at(-1).quick_ratio;
    check((await kpiText('quick_ratio')) === qr.toFixed(2), `units: quick ratio ${qr.toFixed(2)} (ratio)`);
    const pipe = (await api('api/pipeline')).body.rows.filter((r) => r.segment === 'all' && r.sales_cycle_median_days !== null).at(-1);
    await page.goto(`${base}#/pipeline`);
    await page.waitForSelector('#body[data-ready="true"]');
    const cycle = `${pipe.sales_cycle_median_days.toLocaleString('en-US', { maximumFractionDigits: 1 })} d`;
    check((await kpiText('sales_cycle_median_days')) === cycle, `units: pipeline sales cycle ${cycle} (days)`);
    const fly = (await api('api/flywheel')).body.indicators.filter((r) => r.segment === 'all');
    await page.goto(`${base}#/flywheel`);
    await page.waitForSelector('#body[data-ready="true"]');
    const indicatorText = async (ind) => page.locator(`#indicators tbody tr[data-index="${fly.findIndex((r) => r.indicator === ind)}"] td[data-col="value"]`).innerText();
    const growth = fly.find((r) => r.indicator === 'mrr_growth').value;
    check((await indicatorText('mrr_growth')) === percent(growth), `units: flywheel MRR growth ${percent(growth)} (percent, not money)`);
    const ratio = fly.find((r) => r.indicator === 'gtm_spend_ratio').value;
    check(ratio === null || (await indicatorText('gtm_spend_ratio')) === ratio.toFixed(2), `units: flywheel GTM spend ratio ${ratio} (ratio)`);
    const eff = (await api('api/efficiency')).body.rows.filter((r) => r.segment === 'all' && r.cac !== null).at(-1);
    await page.goto(`${base}#/efficiency`);
    await page.waitForSelector('#body[data-ready="true"]');
    check((await kpiText('cac')) === compactMoney(eff.cac), `units: efficiency CAC ${compactMoney(eff.cac)} (money)`);
  }

  // Good and bad news follow the field's direction, not the arrow: every indicator's trend is
  // coloured as its API assessment says (a falling sales cycle is better), and each card's
  // change as its field's "better" says.
  {
    const flyReport = (await api('api/flywheel')).body;
    const inds = flyReport.indicators.filter((r) => r.segment === 'all');
    await page.goto(`${base}#/flywheel`);
    await page.waitForSelector('#body[data-ready="true"]');
    const shown = await page.$$eval('#indicators tbody tr', (trs) => trs.map((tr) => tr.querySelector('td[data-col="trend"] [data-news]')?.dataset.news));
    const expected = inds.map((r) => r.assessment || 'neutral');
    check(JSON.stringify(shown) === JSON.stringify(expected), `news: indicator trends coloured by their assessment ${JSON.stringify(shown)}`);
    check(inds.every((r) => ({ higher: true, lower: true })[r.better]), 'news: every indicator says which way is better');
    // At 1400 px the trend is inside the card, not scrolled off to its right.
    const [trendRight, boxRight] = await page.evaluate(() => {
      const cell = document.querySelector('#indicators tbody tr td[data-col="trend"]');
      return [cell.getBoundingClientRect().right, cell.closest('.scroll').getBoundingClientRect().right];
    });
    check(trendRight <= boxRight + 1, `news: the indicators' trend column is visible at 1400 px (${Math.round(trendRight)} ≤ ${Math.round(boxRight)})`);
    const cycle = inds.find((r) => r.indicator === 'sales_cycle_median_days');
    check(cycle.better === 'lower' && (cycle.trend !== 'down' || cycle.assessment === 'better'), `news: a falling sales cycle is better (${cycle.trend}, ${cycle.assessment})`);
    const rev = (await api('api/revenue')).body;
    const mine = rev.rows.filter((r) => r.segment === 'all');
    await page.goto(`${base}#/revenue`);
    await page.waitForSelector('#body[data-ready="true"]');
    for (const field of ['mrr', 'net_new_mrr', 'nrr', 'quick_ratio']) {
      const rows = mine.filter((r) => r[field] !== null);
      const [prev, last] = [rows.at(-2)[field], rows.at(-1)[field]];
      const dir = last > prev ? 'up' : last < prev ? 'down' : 'flat';
      const better = rev.fields[field].better;
      const want = dir === 'flat' ? 'flat' : (dir === 'up') === (better === 'higher') ? 'better' : 'worse';
      const got = await page.locator(`[data-delta="${field}"]`).getAttribute('data-news');
      check(got === want, `news: the ${field} card's change (${dir}, better ${better}) is ${want} (shown ${got})`);
    }
  }

  // Keyboard: Tab to a number, Enter opens its rows with the focus in the panel, Escape closes
  // the panel and gives the focus back.
  {
    await page.goto(`${base}#/revenue`);
    await page.waitForSelector('#body[data-ready="true"]');
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement && document.activeElement.matches('button.drill'));
    }
    check(reached, 'keyboard: Tab reaches a drill-down number');
    const cell = await page.evaluate(() => document.activeElement.dataset.cell);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#drilldown .content[data-ready="true"]', { timeout: 30000 });
    check(await page.evaluate(() => document.activeElement && document.activeElement.id === 'drilldown'), 'keyboard: the panel takes the focus');
    await page.keyboard.press('Escape');
    check((await page.locator('#drilldown').count()) === 0, 'keyboard: Escape closes the panel');
    check(await page.evaluate((c) => document.activeElement && document.activeElement.dataset.cell === c, cell), 'keyboard: the focus returns to the number');
  }

  // The filters round-trip through the URL on every page.
  {
    const segs = (await api('api/revenue?segment_by=segment')).body.rows.map((r) => r.segment).filter((x) => x !== 'all');
    const oneSeg = segs[0];
    for (const name of AUDITED.filter((n) => n !== 'segments')) {
      const hash = `#/${name}?period=quarter&segment_by=segment&segment=${encodeURIComponent(oneSeg)}`;
      await page.goto(`${base}${hash}`);
      await page.waitForSelector('#body[data-ready="true"]', { timeout: 30000 });
      const shown = await page.evaluate(() => ['f-period', 'f-segment_by', 'f-segment'].map((id) => document.getElementById(id).value));
      check(JSON.stringify(shown) === JSON.stringify(['quarter', 'segment', oneSeg]) && page.url().endsWith(hash),
        `filters: ${name} shows period, segment by and segment from the URL ${JSON.stringify(shown)}`);
    }
  }

  // The whole filter state round-trips: an attr_* attribute, its value, as-of and the comparison;
  // the page links carry it; the cards compare with the period the URL names.
  {
    const health = (await api('api/health')).body;
    check(health.segment_attributes.includes('attr_plan_tier'), `filters: /api/health lists the attr_* attributes ${JSON.stringify(health.segment_attributes)}`);
    const tiers = (await api('api/revenue?segment_by=attr_plan_tier&period=quarter&as_of=2025-09-30')).body;
    const tier = tiers.rows.map((r) => r.segment).find((x) => x !== 'all');
    const hash = `#/revenue?period=quarter&segment_by=attr_plan_tier&segment=${encodeURIComponent(tier)}&as_of=2025-09-30&compare=year`;
    await page.goto(`${base}${hash}`);
    await page.waitForSelector('#body[data-ready="true"]', { timeout: 30000 });
    const shown = await page.evaluate(() => ['f-period', 'f-segment_by', 'f-segment', 'f-as_of', 'f-compare'].map((id) => document.getElementById(id).value));
    check(JSON.stringify(shown) === JSON.stringify(['quarter', 'attr_plan_tier', tier, '2025-09-30', 'year']), `filters: attr_plan_tier, its value, as-of and comparison from the URL ${JSON.stringify(shown)}`);
    const mine = tiers.rows.filter((r) => r.segment === tier);
    check(close(await kpiValue(page, 'mrr'), mine.at(-1).mrr), `filters: the ${tier} MRR card = API ${mine.at(-1).mrr}`);
    const vs = await page.locator('[data-delta="mrr"] .vs').innerText();
    check(vs === `vs ${mine.at(-5).period}`, `filters: compare=year compares ${mine.at(-1).period} with ${mine.at(-5).period} ("${vs}")`);
    await page.click('nav.side a[data-page="cohorts"]');
    await page.waitForFunction(() => window.location.hash.startsWith('#/cohorts'));
    await page.waitForSelector('#body[data-ready="true"]', { timeout: 30000 });
    const carried = new URLSearchParams(page.url().split('?')[1] || '');
    check(carried.get('segment_by') === 'attr_plan_tier' && carried.get('segment') === tier && carried.get('as_of') === '2025-09-30' && carried.get('compare') === 'year' && carried.get('period') === 'quarter',
      `filters: the Cohorts link carries the filter state (${page.url().split('#')[1]})`);
    await page.selectOption('#f-compare', '');
    await page.waitForFunction(() => !window.location.hash.includes('compare='));
    check(!page.url().includes('compare='), 'filters: comparing with the previous period leaves compare out of the URL');
    for (const name of ['customers', 'segments']) {
      await page.goto(`${base}#/${name}?segment_by=attr_plan_tier&segment=${encodeURIComponent(tier)}`);
      await page.waitForSelector('#body[data-ready="true"]', { timeout: 30000 });
      check((await page.locator('[data-state="not-segmented"]').count()) === 1, `filters: ${name} says "Not segmented here"`);
    }
  }

  // Empty and error states in words: an as-of date before the data, one after the last fx rate.
  for (const name of ['revenue', 'flywheel', 'cohorts', 'pipeline', 'customers']) {
    await page.goto(`${base}#/${name}?as_of=2015-01-01`);
    await page.waitForSelector('#body[data-ready="true"]', { timeout: 30000 });
    const text = await page.locator('#body').innerText();
    check((await page.locator('#body [data-state="empty"]').count()) === 1 && text.includes('No data as of 2015-01-01') && !text.includes('undefined'),
      `empty state: ${name} before the data says "${text.slice(0, 90)}"`);
  }
  await page.goto(`${base}#/revenue?as_of=2026-03-31`);
  await page.waitForSelector('#body[data-ready="true"]', { timeout: 30000 });
  {
    const text = await page.locator('#body [data-state="data-limit"]').innerText().catch(() => '');
    check(text.startsWith('These numbers cannot be computed for this date. Exchange rates end before this date: fx.csv has no EUR rate for 2026-01'),
      `error state: a date after the last fx rate is a sentence ("${text.slice(0, 120)}")`);
    await page.screenshot({ path: path.join(artifacts, 'error-fx.png') });
  }

  // Cohorts below the minimum size are greyed.
  {
    const co = (await api('api/cohorts')).body;
    const small = co.cohorts.filter((c) => c.segment === 'all' && c.accounts < co.min_cohort_size).length;
    await page.goto(`${base}#/cohorts`);
    await page.waitForSelector('#body[data-ready="true"]', { timeout: 30000 });
    const greyed = await page.locator('#cohort-table tr.small-cohort').count();
    check(co.min_cohort_size === 5 && greyed === small && small > 0, `cohorts: ${greyed} cohorts under ${co.min_cohort_size} accounts greyed = API ${small}`);
    await page.screenshot({ path: path.join(artifacts, 'cohorts-small.png'), fullPage: true });
  }

  // Revenue: the cards equal the API.
  await loadPage(page, `${base}#/revenue`, 'revenue');
  const monthly = (await api('api/revenue')).body;
  const lastMonth = monthly.rows.filter((r) => r.segment === 'all').at(-1);
  check(close(await kpiValue(page, 'mrr'), lastMonth.mrr), `revenue: MRR card = API mrr ${lastMonth.mrr}`);
  check(close(await kpiValue(page, 'net_new_mrr'), lastMonth.net_new_mrr), 'revenue: net new MRR card = API');
  check(close(await kpiValue(page, 'customers'), lastMonth.customers), 'revenue: customers card = API');
  const fxCell = page.locator('#revenue-table tbody tr[data-index="0"] td[data-col="fx_impact_mrr"] .drill');
  const fxShown = Number(await fxCell.getAttribute('data-value').catch(() => NaN));
  check(lastMonth.fx_impact_mrr !== 0 && close(fxShown, lastMonth.fx_impact_mrr), `revenue: the FX impact column = API ${lastMonth.fx_impact_mrr}`);
  check((await page.locator('#revenue-table thead').innerText()).includes('FX impact'), 'revenue: the FX impact column is labelled');

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

  // Drill-down: a cohort cell lists the accounts of the cohort; the accounts count lists as many rows.
  const drillRows = async (selector) => {
    await page.click(selector);
    await page.waitForSelector('#drilldown .content[data-ready="true"]', { timeout: 30000 });
    const n = await page.locator('#drilldown [data-rows]').getAttribute('data-rows').catch(() => null);
    if (n === null) console.log(await page.locator('#drilldown').innerText());
    return { shown: n === null ? -1 : Number(n), listed: await page.locator('#drilldown tbody tr').count() };
  };
  // The pipeline's new drill-downs: pipeline generated lists the deals whose amounts sum to the
  // card, qualified leads as many leads as the card, the sales cycle the won deals it is the median of.
  {
    await page.goto(`${base}#/pipeline`);
    await page.waitForSelector('#body[data-ready="true"]');
    const pipe = (await api('api/pipeline')).body.rows.filter((r) => r.segment === 'all');
    const last = pipe.filter((r) => r.pipeline_generated !== null).at(-1);
    const genCell = `[data-kpi="pipeline_generated"] .drill`;
    check(close(Number(await page.locator(genCell).getAttribute('data-value')), last.pipeline_generated), `pipeline: the pipeline generated card = API ${last.pipeline_generated}`);
    const gen = (await api(`api/drilldown/pipeline?cell=${last.period}:pipeline_generated`)).body;
    const genRows = await drillRows(genCell);
    check(genRows.listed === gen.rows.length && close(gen.rows.reduce((a, r) => a + (r.amount || 0), 0), last.pipeline_generated),
      `pipeline drill-down: pipeline generated ${last.period} lists ${genRows.listed} deals summing to the card`);
    const leadsLast = pipe.filter((r) => r.qualified_leads !== null).at(-1);
    await page.keyboard.press('Escape');  // the open panel covers the table's right side
    const leadRows = await drillRows(`#pipeline-table .drill[data-cell="${leadsLast.period}:qualified_leads"]`);
    check(leadRows.listed === leadsLast.qualified_leads, `pipeline drill-down: qualified leads ${leadsLast.period} lists ${leadRows.listed} leads = ${leadsLast.qualified_leads}`);
    const cycleLast = pipe.filter((r) => r.sales_cycle_median_days !== null).at(-1);
    await page.keyboard.press('Escape');
    const cycleRows = await drillRows(`#pipeline-table .drill[data-cell="${cycleLast.period}:sales_cycle_median_days"]`);
    check(cycleRows.listed === cycleLast.won_new, `pipeline drill-down: the sales cycle of ${cycleLast.period} lists its ${cycleRows.listed} won deals = ${cycleLast.won_new}`);
    await page.keyboard.press('Escape');
  }
  await page.goto(`${base}#/cohorts`);
  await page.waitForSelector('#body[data-ready="true"]');
  const cohortApi = (await api('api/cohorts?metric=nrr')).body;
  const cohortRow = cohortApi.cohorts.filter((c) => c.segment === 'all' && c.values[1] !== null).at(-3);
  const ageCell = `#cohort-table .drill[data-cell="${cohortRow.cohort}:1"]`;
  check(close(Number(await page.locator(ageCell).getAttribute('data-value')), cohortRow.values[1]), `cohort drill-down: cell ${cohortRow.cohort}:1 = API ${cohortRow.values[1]}`);
  const ageDrill = await drillRows(ageCell);
  check(ageDrill.shown === cohortRow.accounts && ageDrill.listed === cohortRow.accounts,
    `cohort drill-down: ${cohortRow.cohort} age 1 lists ${ageDrill.listed} accounts = the cohort's ${cohortRow.accounts}`);
  const cohortDrillApi = (await api(`api/drilldown/cohorts?metric=nrr&cell=${cohortRow.cohort}:1`)).body;
  check(cohortDrillApi && close(cohortDrillApi.numerator / cohortDrillApi.denominator, cohortRow.values[1]), 'cohort drill-down: Σ numerator / Σ denominator = the cell');
  const accountsCell = `#cohort-table .drill[data-cell="${cohortRow.cohort}:0"]`;
  const clickedAccounts = Number(await page.locator(accountsCell).first().getAttribute('data-value'));
  const accountsDrill = await drillRows(`${accountsCell} >> nth=0`);
  check(accountsDrill.listed === clickedAccounts, `cohort drill-down: the accounts number ${clickedAccounts} lists ${accountsDrill.listed} rows`);
  await page.screenshot({ path: path.join(artifacts, 'drilldown-cohort.png') });

  // Customers: a table as long as the API's rows, sortable, with an explanation; or "not available".
  const customers = await api('api/customers');
  await page.goto(`${base}#/customers`);
  await page.waitForSelector('#body[data-ready="true"]');
  if (customers.status === 200) {
    const list = (await api('api/accounts')).body;
    const rows = await page.locator('#customers tbody tr').count();
    check(rows === Math.min(50, customers.body.rows.length), `customers: the first page shows ${rows} rows (50 a page, API ${customers.body.rows.length})`);
    check((await page.locator('#count').innerText()).startsWith(`${customers.body.rows.length} accounts`), 'customers: the count names every account');
    // Highest MRR first, with the account's name, segment and plan from /api/accounts.
    const top = list.rows[0];
    const first = await page.$$eval('#customers tbody tr:first-child td', (tds) => Object.fromEntries(tds.map((td) => [td.dataset.col, td.textContent.trim()])));
    check(first.account_name.startsWith(top.account_name) && first.segment === (top.segment ?? '—') && first.plan === (top.plan ?? '—'),
      `customers: the first row is the highest MRR account ${top.account_name} (${JSON.stringify(first).slice(0, 120)})`);
    // Search by name narrows the list; a search without match says so.
    const target = list.rows[Math.min(7, list.rows.length - 1)];
    await page.fill('#search', target.account_name);
    const found = await page.$$eval('#customers tbody td[data-col="account_name"] a', (as) => as.map((a) => a.textContent));
    check(found.length >= 1 && found.every((n) => n.toLowerCase().includes(target.account_name.toLowerCase())), `customers: searching "${target.account_name}" lists ${found.length} matching account(s)`);
    await page.fill('#search', 'no-such-account-zz');
    check((await page.locator('#table-wrap [data-state="empty"]').innerText()).includes('No account matches'), 'customers: a search without match says so');
    await page.fill('#search', '');
    // Paging.
    if (customers.body.rows.length > 50) {
      await page.click('#next');
      check((await page.locator('#page-of').innerText()).startsWith('page 2'), 'customers: Next shows page 2');
      await page.click('#prev');
    }
    // CSV of the table: every account, not only the page shown; PNG of the chart.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#body .card:has(#customers) .download-csv')]);
    const csvText = fs.readFileSync(await csv.path(), 'utf8').trim().split(/\r?\n/);
    check(csvText.length === customers.body.rows.length + 1 && csvText[0].startsWith('Account,Segment,Plan,MRR,ARR'),
      `customers CSV: ${csvText.length - 1} rows = API ${customers.body.rows.length}; header ${csvText[0].slice(0, 40)}`);
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#body .card:has(.chart) .download-png')]);
    const pngBytes = fs.readFileSync(await png.path());
    check(png.suggestedFilename().endsWith('.png') && pngBytes.subarray(1, 4).toString() === 'PNG' && pngBytes.length > 2000,
      `customers PNG: ${png.suggestedFilename()} is a PNG of ${pngBytes.length} bytes`);
    // The account page: name, MRR = the API's, reasons in words, the tables.
    await page.click(`#customers tbody a.account-link >> nth=0`);
    await page.waitForSelector('#body[data-ready="true"]');
    check(page.url().endsWith(`#/accounts/${encodeURIComponent(top.account_id)}`), `account page: the URL is #/accounts/${top.account_id}`);
    const one = (await api(`api/account?account=${encodeURIComponent(top.account_id)}`)).body;
    check((await page.locator('h1').innerText()) === top.account_name, `account page: the title is ${top.account_name}`);
    check(close(await kpiValue(page, 'mrr'), one.account.mrr) && close(one.account.mrr, top.mrr), `account page: MRR ${one.account.mrr} = /api/accounts ${top.mrr}`);
    const reasonTexts = await page.$$eval('#scorecard ul.reasons li', (lis) => lis.map((li) => li.textContent));
    check(reasonTexts.length > 0 && reasonTexts.every((t) => !/_/.test(t) && / the score by [0-9.]+ points?$/.test(t)),
      `account page: ${reasonTexts.length} reasons in words ("${reasonTexts[0]}")`);
    check(await page.locator('#account-opportunities tbody tr').count() === one.opportunities.length, `account page: ${one.opportunities.length} opportunities`);
    check(await page.locator('#account-movements tbody tr').count() === one.rows.filter((x) => x.movement || x.fx_impact_mrr).length, 'account page: the movements table');
    await page.screenshot({ path: path.join(artifacts, 'account-1440.png'), fullPage: true });
    const [movesCsv] = await Promise.all([page.waitForEvent('download'), page.click('#body .card:has(#account-movements) .download-csv')]);
    const movesLines = fs.readFileSync(await movesCsv.path(), 'utf8').trim().split(/\r?\n/);
    check(movesLines.length === one.rows.filter((x) => x.movement || x.fx_impact_mrr).length + 1, `account page CSV: ${movesLines.length - 1} movement rows`);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(artifacts, 'account-390.png'), fullPage: true });
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(`${base}#/customers`);
    await page.waitForSelector('#body[data-ready="true"]');
    // Drill-down: a class count lists that many accounts, each of the class.
    const klass = customers.body.rows[0].class;
    const classCount = customers.body.rows.filter((x) => x.class === klass).length;
    const classCell = `[data-kpi="class-${klass}"] .drill`;
    const clickedCount = Number(await page.locator(classCell).getAttribute('data-value'));
    check(clickedCount === classCount, `customers: class ${klass} card ${clickedCount} = API ${classCount}`);
    const classDrill = await drillRows(classCell);
    check(classDrill.shown === clickedCount && classDrill.listed === clickedCount, `customers drill-down: class ${klass} lists ${classDrill.listed} accounts = ${clickedCount}`);
    const classes = await page.$$eval('#drilldown tbody td[data-col="class"]', (tds) => [...new Set(tds.map((td) => td.textContent))]);
    check(classes.length === 1 && classes[0] === klass, `customers drill-down: every row is ${klass} ${JSON.stringify(classes)}`);
    await page.screenshot({ path: path.join(artifacts, 'drilldown-customers.png') });
    await loadPage(page, `${base}#/customers`, 'customers');
  } else {
    check((await page.locator('[data-state="not-available"]').count()) === 1, 'customers: "not available" shown without the endpoint');
  }
  await page.goto(`${base}#/segments`);
  await page.waitForSelector('#body[data-ready="true"]');
  const segmentsApi = await api('api/segments');
  check(segmentsApi.status === 200 && (await page.locator('#segments tbody tr').count()) === segmentsApi.body.rows.length,
    `segments: the ranking lists the ${segmentsApi.body?.rows?.length} segments of /api/segments`);
  check((await page.locator('#beachhead tbody tr').count()) === (await api('api/market/beachhead')).body.rows.length, 'segments: the beachhead table = /api/market/beachhead');
  await page.screenshot({ path: path.join(artifacts, 'segments.png'), fullPage: true });

  check(pageErrors.length === 0, `no script errors ${JSON.stringify(pageErrors)}`);
  check(policyViolations.length === 0, `no Content-Security-Policy violations ${JSON.stringify(policyViolations)}`);
  check(outside.length === 0, `no requests outside the server ${JSON.stringify(outside.slice(0, 3))}`);
  await page.close();

  // ---- sales programs: a second server over a workspace, with --programs and a token
  {
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
    const ws = path.join(tmp, 'programs-ws');
    execFileSync(flywheel, ['import', path.join(root, 'tests/fixtures/programs'), '--workspace', ws], { stdio: 'ignore' });
    const token = 'browser-token-0123456789';
    fs.writeFileSync(path.join(tmp, 'token'), token);
    const ps = spawn(flywheel, ['serve', '--workspace', ws, '--programs', path.join(root, 'examples/programs.toml'),
      '--token-file', path.join(tmp, 'token'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const pport = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`programs server printed no port:\n${out}`)), 30000);
        const onData = (c) => { out += c; const m = out.match(/serving http:\/\/127\.0\.0\.1:(\d{2,5})/); if (m) { clearTimeout(timer); resolve(Number(m[1])); } };
        ps.stdout.on('data', onData);
        ps.stderr.on('data', onData);
        ps.on('exit', (code) => { clearTimeout(timer); reject(new Error(`programs server exited (${code}):\n${out}`)); });
      });
      const pbase = `http://127.0.0.1:${pport}/`;
      const pp = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
      const pErrors = [];
      pp.on('pageerror', (e) => pErrors.push(e.message));
      await pp.goto(`${pbase}#/programs`);
      await pp.waitForSelector('#body[data-ready="true"]', { timeout: 30000 });
      check((await pp.locator('#programs tbody tr').count()) === 3, 'programs: the three programs of examples/programs.toml are listed');
      check((await pp.locator('#pending-empty').count()) === 1, 'programs: no pending applications at first');
      await pp.fill('#program-token', token);
      await pp.locator('#program-token').dispatchEvent('change');
      await pp.selectOption('#apply-program', 'design-partner');
      await pp.fill('#apply-opportunity', 'D-1');
      await pp.fill('#apply-applicant', 'ana');
      await pp.fill('#apply-note', 'CFO is our champion');
      await pp.click('#apply-submit');
      await pp.waitForSelector('#pending tbody tr', { timeout: 10000 });
      const pendingRow = await pp.$$eval('#pending tbody tr', (trs) => trs.map((tr) => Object.fromEntries(
        [...tr.querySelectorAll('td')].map((td) => [td.dataset.col, td.textContent.trim()]))));
      // D-1: Northwind (P-1), 400 employees, Banking, C-level champion: eligible, fit 100 (docs/PROGRAMS.md)
      check(pendingRow.length === 1 && pendingRow[0].opportunity_id === 'D-1' && pendingRow[0].precheck === 'eligible' && pendingRow[0].fit === '100',
        `programs: the application is pending with its pre-check and fit ${JSON.stringify(pendingRow)}`);
      check((await pp.evaluate(() => sessionStorage.getItem('flywheel.token'))) === token, 'programs: the token is kept in sessionStorage');
      await pp.fill('#decide-by', 'committee');
      await pp.fill('#pending input.reason[data-id="1"]', 'ideal profile, champion in place');
      await pp.click('#pending button.approve[data-id="1"]');
      await pp.waitForSelector('#pending-empty', { timeout: 10000 });
      check((await pp.locator('#program-message').getAttribute('data-state')) === 'ok', `programs: approval confirmed: ${await pp.locator('#program-message').innerText()}`);
      const shownDecisions = await pp.$$eval('#decisions tbody tr', (trs) => trs.map((tr) => [tr.querySelector('[data-col="decision"]').textContent, tr.querySelector('[data-col="state"]').textContent]));
      check(JSON.stringify(shownDecisions) === JSON.stringify([['approve', 'current']]), `programs: the decisions view shows the approval ${JSON.stringify(shownDecisions)}`);
      const apiDecisions = await (await fetch(`${pbase}api/programs?view=decisions`)).json();
      check(apiDecisions.rows.length === 1 && apiDecisions.rows[0].reason === 'ideal profile, champion in place' && apiDecisions.rows[0].decided_by === 'committee',
        'programs: the API has the stored decision with its reason');
      const approved = await pp.$eval('#program-results tbody tr', (tr) => tr.querySelector('[data-col="approved"]').textContent);
      check(approved === '1', `programs: results show 1 approved for design-partner (${approved})`);
      const noToken = await fetch(`${pbase}api/applications/1/decisions`, { method: 'POST', body: '{"decision":"reject","reason":"x","decided_by":"y"}' });
      check(noToken.status === 401, 'programs: a write without the token is refused (401)');
      await pp.screenshot({ path: path.join(artifacts, 'programs.png'), fullPage: true });
      check(pErrors.length === 0, `programs: no script errors ${JSON.stringify(pErrors)}`);
      await pp.close();
    } finally {
      ps.kill('SIGTERM');
    }
  }

  // ---- a server still loading its data: the dashboard opens, says so, and fills in when the
  // data is there. accounts.csv is a named pipe: the load waits until it is written.
  {
    const dir = path.join(tmp, 'loading-data');
    fs.mkdirSync(dir, { recursive: true });
    for (const f of fs.readdirSync(demo)) if (f !== 'accounts.csv') fs.copyFileSync(path.join(demo, f), path.join(dir, f));
    execFileSync('mkfifo', [path.join(dir, 'accounts.csv')]);
    const ls = spawn(flywheel, ['serve', '--data', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const lport = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`loading server printed no port:\n${out}`)), 30000);
        const onData = (c) => { out += c; const m = out.match(/listening on http:\/\/127\.0\.0\.1:(\d{2,5})/); if (m) { clearTimeout(timer); resolve(Number(m[1])); } };
        ls.stdout.on('data', onData);
        ls.stderr.on('data', onData);
        ls.on('exit', (code) => { clearTimeout(timer); reject(new Error(`loading server exited (${code}):\n${out}`)); });
      });
      const lbase = `http://127.0.0.1:${lport}/`;
      const health = await fetch(`${lbase}api/health`);
      check(health.status === 503 && (await health.json()).status === 'loading', 'loading: /api/health answers 503 "loading" before the data is there');
      const lp = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await lp.goto(`${lbase}#/revenue`);
      await lp.waitForSelector('#loading-notice', { timeout: 10000 });
      const notice = await lp.locator('#loading-notice').innerText();
      check(notice.startsWith('Loading the data…'), `loading: the dashboard says the data is loading ("${notice}")`);
      await lp.screenshot({ path: path.join(artifacts, 'loading.png') });
      fs.writeFileSync(path.join(dir, 'accounts.csv'), fs.readFileSync(path.join(demo, 'accounts.csv')));
      await lp.waitForSelector('#body[data-ready="true"]', { timeout: 60000 });
      check((await lp.locator('#loading-notice').count()) === 0, 'loading: the notice goes once the data is there');
      check((await lp.locator('#body .error').count()) === 0 && (await lp.locator('[data-kpi="mrr"]').count()) === 1, 'loading: the revenue page then shows its cards');
      await lp.close();
    } finally {
      ls.kill('SIGTERM');
    }
  }

  // ---- a server beyond loopback: every read needs the token; the dashboard asks for it once
  {
    const token = 'reader-token-0123456789';
    fs.writeFileSync(path.join(tmp, 'read-token'), token);
    const rs = spawn(flywheel, ['serve', '--data', demo, '--host', '0.0.0.0', '--token-file', path.join(tmp, 'read-token'),
      '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const rport = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`token server printed no port:\n${out}`)), 30000);
        const onData = (c) => { out += c; const m = out.match(/serving http:\/\/0\.0\.0\.0:(\d{2,5})/); if (m) { clearTimeout(timer); resolve(Number(m[1])); } };
        rs.stdout.on('data', onData);
        rs.stderr.on('data', onData);
        rs.on('exit', (code) => { clearTimeout(timer); reject(new Error(`token server exited (${code}):\n${out}`)); });
      });
      const rbase = `http://127.0.0.1:${rport}/`;
      check((await fetch(`${rbase}api/health`)).status === 401, 'token server: a read without the token is refused (401)');
      const rp = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await rp.goto(`${rbase}#/revenue`);
      await rp.waitForSelector('#token-dialog', { timeout: 30000 });
      await rp.fill('#token-input', token);
      await rp.click('#token-dialog button[type="submit"]');
      await rp.waitForSelector('#body[data-ready="true"]', { timeout: 30000 });
      check((await rp.locator('#body .error').count()) === 0 && (await rp.locator('#token-dialog').count()) === 0,
        'token server: after the token is given the revenue page renders');
      check(close(await kpiValue(rp, 'mrr'), lastMonth.mrr), 'token server: MRR card = API');
      await rp.close();
    } finally {
      rs.kill('SIGTERM');
    }
  }

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
