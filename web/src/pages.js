// The dashboard pages. Each page: {id, title, subtitle, render(body, ctx)}. Numbers are
// formatted from each report's "fields" (format.js) and drill down where a field says so.
import { getReport, requireRows } from './data.js';
import { chart, axisTime, PALETTE } from './charts.js';
import { pct, num, escapeHtml, label, fmtField, axisFormatter, unitOf, formatUnit } from './format.js';
import { kpis, table, notes, drillable, plain, fieldHtml, wireDrills, openDrilldown, notSegmented } from './ui.js';
import { noteSegments } from './segments.js';
import { renderPrograms } from './programs.js';
import { renderCustomers, renderAccount } from './accounts.js';

const uniq = (xs) => [...new Set(xs)];
const bySegment = (rows) => {
  const m = new Map();
  for (const r of rows) {
    const s = r.segment ?? 'all';
    if (!m.has(s)) m.set(s, []);
    m.get(s).push(r);
  }
  return m;
};
// The segment the KPI cards show: the selected one, else "all", else the first.
const mainSegment = (rows, ctx) => {
  const segs = uniq(rows.map((r) => r.segment));
  if (ctx.filters.segment && segs.includes(ctx.filters.segment)) return ctx.filters.segment;
  return segs.includes('all') ? 'all' : segs[0];
};
const cardChart = (title, cls = '') => `<div class="card"><h2>${escapeHtml(title)}</h2><div class="chart ${cls}" role="img" aria-label="${escapeHtml(title)}"></div></div>`;
const lastWith = (rs, key) => [...rs].reverse().find((r) => r[key] !== null && r[key] !== undefined) || rs[rs.length - 1];

// Cells of the reports built on periods (reports/drilldown.h).
const periodSegmentCell = (row, key) => `${row.period}:${row.segment}:${key}`;
const periodCell = (row, key) => `${row.period}:${key}`;
const cohortSegmentCell = (row, key) => `${row.cohort}:${row.segment}:${key}`;

// A series of `key` per segment over `periods`, named by segment, id "<key>|<segment>".
const seriesBy = (rows, key, periods, type = 'line', extra = {}) => [...bySegment(rows)].map(([seg, rs]) => {
  const at = new Map(rs.map((r) => [r.period, r[key]]));
  return { id: `${key}|${seg}`, name: seg, type, data: periods.map((p) => at.get(p) ?? null), connectNulls: false, ...extra };
});

// A chart's tooltip and value axis in the unit of `field` of `report`.
const valueAxis = (report, field, extra = {}) => ({ type: 'value', scale: false, axisLabel: { formatter: axisFormatter(unitOf(report.fields, field), report.currency) }, ...extra });
const tooltipIn = (report, field) => ({ trigger: 'axis', valueFormatter: (v) => fmtField(report, field, v, { compact: true }) });

// A chart click on a series whose id is "<field>|<segment>" or "<field>" opens the rows of that
// period's number, when the field drills down (cellOf(period, segment, field)).
const chartDrill = (ctx, report, name, cellOf, defaultSegment, local = {}) => (p) => {
  if (p.componentType !== 'series' || !p.name) return;
  const [field, seg] = String(p.seriesId || '').split('|');
  if (!report.fields[field] || !report.fields[field].drilldown) return;
  const segment = seg || defaultSegment || 'all';
  openDrilldown(ctx, name, cellOf(p.name, segment, field), segment, local, label(field, report.fields));
};

// A KPI card of `field` of the latest row, with the change against the row before (arrow, %,
// sparkline of the last 12 periods) when `history` is given.
// How many periods back the cards compare with: the previous period, or with compare=year the
// same period a year earlier (12 months, 4 quarters, 1 year).
export const backOf = (ctx, period) => (ctx.params.compare === 'year' ? ({ quarter: 4, year: 1 }[period] || 12) : 1);

// Whether a change is good news: the field's "better" direction says which way is good
// (churn and cycle days are better when they fall); "neutral" for fields without one.
const newsOf = (dir, better) => {
  if (dir === 'flat') return 'flat';
  if (better !== 'higher' && better !== 'lower') return 'neutral';
  return (dir === 'up') === (better === 'higher') ? 'better' : 'worse';
};

function kpi(report, name, row, field, { cell = periodSegmentCell, history = null, labelText = '', back = 1 } = {}) {
  let delta = '';
  if (history && row) {
    const i = history.indexOf(row);
    const then = i - back >= 0 ? history[i - back] : null;
    const prev = then ? then[field] : null;
    const v = row[field];
    if (typeof v === 'number' && typeof prev === 'number' && prev !== 0) {
      const unit = unitOf(report.fields, field);
      const change = unit === 'percent' ? `${((v - prev) * 100).toFixed(1)} pp` : pct((v - prev) / Math.abs(prev));
      const dir = v > prev ? 'up' : v < prev ? 'down' : 'flat';
      const news = newsOf(dir, report.fields?.[field]?.better);
      delta = `<div class="delta news-${news}" data-delta="${field}" data-news="${news}">${dir === 'up' ? '▲' : dir === 'down' ? '▼' : '■'} ${escapeHtml(change)} <span class="vs">vs ${escapeHtml(then.period)}</span></div>`;
    }
    delta += sparkline(history.slice(Math.max(0, i - 11), i + 1).map((r) => r[field]));
  }
  return {
    id: field,
    label: `${labelText || label(field, report.fields)}${row && row.period ? ` (${row.period})` : ''}`,
    html: fieldHtml(report, name, row, field, row ? cell(row, field) : null, { compact: true, segment: row && row.segment }),
    delta,
  };
}

// A small line of `values` as inline SVG (no chart library: 8 cards on a page).
function sparkline(values) {
  const xs = values.filter((v) => typeof v === 'number');
  if (xs.length < 2) return '';
  const lo = Math.min(...xs); const hi = Math.max(...xs);
  const y = (v) => (hi === lo ? 10 : 18 - ((v - lo) / (hi - lo)) * 16);
  const pts = values.map((v, i) => (typeof v === 'number' ? `${((i / (values.length - 1)) * 100).toFixed(1)},${y(v).toFixed(1)}` : null)).filter(Boolean).join(' ');
  return `<svg class="spark" viewBox="0 0 100 20" preserveAspectRatio="none" aria-hidden="true"><polyline points="${pts}" fill="none" stroke="currentColor" stroke-width="1.5" vector-effect="non-scaling-stroke"/></svg>`;
}

// ---------------------------------------------------------------- flywheel overview
async function renderFlywheel(body, ctx) {
  const r = await getReport('flywheel', ctx.filters);
  await requireRows(r.rows, ctx);
  noteSegments(ctx.filters.segment_by, r.rows);
  const periods = uniq(r.rows.map((x) => x.period));
  const seg = mainSegment(r.rows, ctx);
  const mine = r.rows.filter((x) => x.segment === seg);
  const last = mine[mine.length - 1];
  const ind = r.indicators.filter((i) => i.segment === seg);
  const arrow = (t) => (t === 'up' ? '▲' : t === 'down' ? '▼' : '■');
  const indValue = (key) => ({ key, fmt: (v, row) => formatUnit(unitOf(r.fields, row.indicator), v, { currency: r.currency }) });
  // The current value opens the rows of its field in that period (reports/flywheel_drilldown.h).
  const indCurrent = { key: 'value', html: (v, row) => {
    const text = formatUnit(unitOf(r.fields, row.indicator), v, { currency: r.currency });
    const f = r.fields[row.indicator];
    return f && f.drilldown && typeof v === 'number' ? drillable(text, v, 'flywheel', `${row.period}:${row.segment}:${row.indicator}`, row.segment) : plain(text, v);
  } };
  body.innerHTML = `
    ${kpis([
      kpi(r, 'flywheel', last, 'force', { history: mine, back: backOf(ctx, r.period) }),
      kpi(r, 'flywheel', last, 'friction', { history: mine, back: backOf(ctx, r.period) }),
      kpi(r, 'flywheel', lastWith(mine, 'speed'), 'speed'),
      kpi(r, 'flywheel', lastWith(mine, 'momentum'), 'momentum'),
    ])}
    <div class="grid">${cardChart('Force and friction (ARR per period)')}${cardChart('Momentum by segment')}</div>
    <div class="grid">${cardChart('Speed by segment')}
      <div class="card"><h2>Leading and lagging indicators${seg !== 'all' ? ` · ${escapeHtml(seg)}` : ''}</h2>
      <div class="scroll">${table(ind, [
        { key: 'indicator', text: true, label: 'Indicator', fmt: (v) => label(v, r.fields) },
        indCurrent, indValue('previous'),
        // The arrow says which way the number moved, the word and colour whether that is good.
        { key: 'trend', text: true, label: 'Trend', html: (v, row) => {
          const news = row.assessment || 'neutral';
          const word = row.assessment || v || '—';
          return `<span class="news-${escapeHtml(news)}" data-news="${escapeHtml(news)}" title="${escapeHtml(v || 'unknown')}${row.better ? `; ${escapeHtml(row.better)} is better` : ''}">${arrow(v)} ${escapeHtml(word)}</span>`;
        } },
        indValue('earlier'), { key: 'period', text: true, label: 'Period' }, { key: 'kind', text: true, label: 'Kind' },
      ], { id: 'indicators', report: r, name: 'flywheel' })}</div></div></div>
    ${notes(r.notes)}`;
  const charts = body.querySelectorAll('.chart');
  const at = (p, k) => mine.find((x) => x.period === p)?.[k] ?? null;
  chart(charts[0], {
    tooltip: { trigger: 'axis', valueFormatter: (v) => fmtField(r, 'force', v === null ? null : Math.abs(v), { compact: true }) },
    legend: {}, grid: { left: 70, right: 20, bottom: 60 }, dataZoom: [{ type: 'slider' }],
    xAxis: axisTime(periods), yAxis: valueAxis(r, 'force'),
    series: [
      { id: `force|${seg}`, name: label('force', r.fields), type: 'bar', data: periods.map((p) => at(p, 'force')), itemStyle: { color: PALETTE[1] } },
      { id: `friction|${seg}`, name: label('friction', r.fields), type: 'bar', data: periods.map((p) => (at(p, 'friction') === null ? null : -at(p, 'friction'))), itemStyle: { color: PALETTE[3] } },
    ],
  }, chartDrill(ctx, r, 'flywheel', (p, s, f) => `${p}:${s}:${f}`, seg));
  chart(charts[1], { tooltip: tooltipIn(r, 'momentum'), legend: { type: 'scroll' }, grid: { left: 70, right: 20 }, xAxis: axisTime(periods), yAxis: valueAxis(r, 'momentum'), series: seriesBy(r.rows, 'momentum', periods) });
  chart(charts[2], { tooltip: tooltipIn(r, 'speed'), legend: { type: 'scroll' }, grid: { left: 70, right: 20 }, xAxis: axisTime(periods), yAxis: valueAxis(r, 'speed'), series: seriesBy(r.rows, 'speed', periods) });
  wireDrills(body, ctx);
}

// ---------------------------------------------------------------- revenue
const MOVEMENTS = [['new_mrr', 1], ['reactivation_mrr', 1], ['expansion_mrr', 1], ['contraction_mrr', -1], ['churned_mrr', -1], ['fx_impact_mrr', 0]];
const MOVEMENT_COLORS = [PALETTE[1], PALETTE[5], PALETTE[0], PALETTE[2], PALETTE[3], PALETTE[6]];

// The MRR bridge of the last period: start, the five movements and the currency line, end, as
// floating bars (an invisible base carries each step) with their amounts as labels.
function bridgeOption(r, mine, last) {
  const prev = mine.length > 1 ? mine[mine.length - 2] : null;
  const start = prev ? prev.mrr : 0;
  const names = [`MRR ${prev ? prev.period : ''}`, ...MOVEMENTS.map(([k]) => label(k, r.fields).replace(' MRR', '')), `MRR ${last.period || ''}`];
  const base = [0]; const bar = [{ value: start, itemStyle: { color: '#7a8699' } }];
  let level = start;
  for (const [k, sign] of MOVEMENTS) {
    const raw = last[k] || 0;
    const delta = sign === 0 ? raw : sign * Math.abs(raw);
    const lo = delta >= 0 ? level : level + delta;
    base.push(lo);
    bar.push({ value: Math.abs(delta), delta, itemStyle: { color: delta >= 0 ? PALETTE[1] : PALETTE[3] } });
    level += delta;
  }
  base.push(0);
  bar.push({ value: last.mrr || 0, itemStyle: { color: '#43516a' } });
  const lowest = Math.min(...base.slice(1, -1), start, last.mrr || 0);
  const highest = Math.max(...base.map((b, i) => b + bar[i].value));
  const pad = (highest - lowest) * 0.25 || highest * 0.05;
  const money = (v) => fmtField(r, 'mrr', v, { compact: true });  // eslint-disable-line no-shadow
  return {
    tooltip: { trigger: 'item', formatter: (p) => (p.seriesIndex === 1 ? `${escapeHtml(p.name)}: ${escapeHtml(money(bar[p.dataIndex].delta ?? bar[p.dataIndex].value))}` : '') },
    grid: { left: 70, right: 20, top: 30, bottom: 40 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', min: Math.max(0, Math.floor(lowest - pad)), axisLabel: { formatter: axisFormatter('money', r.currency) } },
    series: [
      { type: 'bar', stack: 'w', itemStyle: { color: 'transparent' }, data: base, silent: true, name: 'base', tooltip: { show: false } },
      { type: 'bar', stack: 'w', id: 'bridge', name: 'MRR bridge', data: bar,
        label: { show: true, position: 'top', fontSize: 11, formatter: (p) => { const d = bar[p.dataIndex].delta; return d === undefined ? money(p.value) : `${d >= 0 ? '+' : '−'}${money(Math.abs(d))}`; } } },
    ],
  };
}

async function renderRevenue(body, ctx) {
  const r = await getReport('revenue', ctx.filters);
  performance.mark('flywheel:revenue-data');
  await requireRows(r.rows, ctx);
  noteSegments(ctx.filters.segment_by, r.rows);
  const periods = uniq(r.rows.map((x) => x.period));
  const seg = mainSegment(r.rows, ctx);
  const mine = r.rows.filter((x) => x.segment === seg);
  const last = mine[mine.length - 1] || {};
  const card = (field) => kpi(r, 'revenue', lastWith(mine, field), field, { history: mine, back: backOf(ctx, r.period) });
  const tableFields = ['mrr', 'arr', 'customers', 'new_mrr', 'reactivation_mrr', 'expansion_mrr', 'contraction_mrr', 'churned_mrr', 'net_new_mrr', 'fx_impact_mrr', 'mrr_growth_mom', 'nrr', 'grr', 'quick_ratio', 'arpa'];
  body.innerHTML = `
    ${kpis(['mrr', 'arr', 'customers', 'net_new_mrr', 'nrr', 'grr', 'quick_ratio', 'arpa'].map(card))}
    <div class="grid">${cardChart(`MRR bridge (${last.period ?? ''})`)}${cardChart('MRR and ARR over time')}</div>
    ${cardChart('MRR movements per period')}
    <div class="card"><h2>By period${seg !== 'all' ? ` · ${escapeHtml(seg)}` : ''}</h2><div class="scroll">${table([...mine].reverse(), [
      { key: 'period', text: true, label: 'Period' }, ...tableFields.map((k) => ({ key: k })),
    ], { report: r, name: 'revenue', cell: periodSegmentCell, id: 'revenue-table', caption: 'Revenue by period' })}</div></div>
    ${notes(r.notes)}`;
  const charts = body.querySelectorAll('.chart');
  const prev = mine.length > 1 ? mine[mine.length - 2] : null;
  performance.mark('flywheel:revenue-html');
  chart(charts[0], bridgeOption(r, mine, last), (p) => {
    if (p.seriesIndex !== 1) return;
    const i = p.dataIndex;
    const row = i === 0 ? prev : last;
    const field = i === 0 || i === MOVEMENTS.length + 1 ? 'mrr' : MOVEMENTS[i - 1][0];
    if (row) openDrilldown(ctx, 'revenue', periodSegmentCell(row, field), seg, {}, label(field, r.fields));
  });
  performance.mark('flywheel:first-chart');
  chart(charts[1], {
    tooltip: tooltipIn(r, 'mrr'), legend: { type: 'scroll' }, grid: { left: 80, right: 70, bottom: 60 }, dataZoom: [{ type: 'slider' }],
    xAxis: axisTime(periods), yAxis: [valueAxis(r, 'mrr', { name: 'MRR' }), valueAxis(r, 'arr', { name: 'ARR' })],
    series: [...seriesBy(r.rows, 'mrr', periods).map((s) => ({ ...s, name: `MRR · ${s.name}` })),
      ...seriesBy(r.rows.filter((x) => x.segment === seg), 'arr', periods).map((s) => ({ ...s, name: `ARR · ${s.name}`, yAxisIndex: 1, lineStyle: { type: 'dashed' } }))],
  }, chartDrill(ctx, r, 'revenue', (p, s, f) => `${p}:${s}:${f}`, seg));
  chart(charts[2], {
    tooltip: { trigger: 'axis', valueFormatter: (v) => fmtField(r, 'mrr', v, { compact: true }) }, legend: { type: 'scroll' }, grid: { left: 80, right: 20, bottom: 60 }, dataZoom: [{ type: 'slider' }],
    xAxis: axisTime(periods), yAxis: valueAxis(r, 'new_mrr'),
    series: MOVEMENTS.map(([k, sign], i) => ({ id: `${k}|${seg}`, name: label(k, r.fields), type: 'bar', stack: 'm', itemStyle: { color: MOVEMENT_COLORS[i] },
      data: periods.map((p) => { const row = mine.find((x) => x.period === p); return row ? (sign ? sign * Math.abs(row[k]) : row[k]) : null; }) })),
  }, chartDrill(ctx, r, 'revenue', (p, s, f) => `${p}:${s}:${f}`, seg));
  wireDrills(body, ctx);
}

// ---------------------------------------------------------------- cohorts
async function renderCohorts(body, ctx) {
  const metric = ['nrr', 'grr', 'logo'].includes(ctx.params.metric) ? ctx.params.metric : 'nrr';
  const r = await getReport('cohorts', ctx.filters, { metric });
  await requireRows(r.cohorts, ctx);
  noteSegments(ctx.filters.segment_by, r.cohorts);
  const seg = mainSegment(r.cohorts, ctx);
  const cohorts = r.cohorts.filter((x) => x.segment === seg);
  const ages = Math.max(0, ...cohorts.map((x) => x.values.length));
  const data = [];
  const smallData = [];
  const minCohort = r.min_cohort_size || 5;
  cohorts.forEach((co, y) => co.values.forEach((v, x) => { if (v !== null) (co.accounts < minCohort ? smallData : data).push([x, y, v]); }));
  const avg = r.weighted_average || [];
  // A cell of a segmented triangle names its segment (COHORT:SEGMENT:AGE).
  const cohortCell = (cohort, age) => (ctx.filters.segment_by && !ctx.filters.segment ? `${cohort}:${seg}:${age}` : `${cohort}:${age}`);
  const local = { metric };
  const values = r.fields.values;
  const minSize = r.min_cohort_size || 5;
  const small = (row) => row.accounts < minSize;
  const ageCell = (v, row, k) => (v === null ? '' : values.drilldown ? drillable(pct(v), v, 'cohorts', cohortCell(row.cohort, k), seg) : plain(pct(v), v));
  body.innerHTML = `
    <div class="toolbar"><label>Metric <select id="metric">${['nrr', 'grr', 'logo'].map((m) => `<option value="${m}"${m === metric ? ' selected' : ''}>${m.toUpperCase()}</option>`).join('')}</select></label>
      ${seg !== 'all' ? `<span class="pill">${escapeHtml(seg)}</span>` : ''}</div>
    ${kpis([1, 3, 6, 12].filter((a) => a < avg.length).map((a) => ({ id: `age-${a}`, label: `Weighted ${metric.toUpperCase()} at age ${a}`,
      html: r.fields.weighted_average.drilldown ? drillable(pct(avg[a]), avg[a], 'cohorts', `average:${a}`, seg) : plain(pct(avg[a]), avg[a]) })))}
    ${cardChart(`${metric.toUpperCase()} by cohort and age (${r.period})`, 'tall')}
    <div class="card"><h2>Cohorts${seg !== 'all' ? ` · ${escapeHtml(seg)}` : ''}</h2><div class="scroll">${table(cohorts, [
      { key: 'cohort', text: true, label: 'Cohort' },
      { key: 'accounts', html: (v, row) => (r.fields.accounts.drilldown ? drillable(num(v), v, 'cohorts', cohortCell(row.cohort, 0), seg) : plain(num(v), v)) },
      { key: 'start_mrr' },
      ...Array.from({ length: Math.min(ages, 13) }, (_, k) => ({ key: `age_${k}`, label: `${r.period === 'quarter' ? 'q' : r.period === 'year' ? 'y' : 'm'}${k}`, get: (row) => row.values[k] ?? null,
        html: (v, row) => ageCell(v, row, k) })),
    ], { id: 'cohort-table', report: r, name: 'cohorts', rowClass: (row) => (small(row) ? 'small-cohort' : '') })}</div>
    ${cohorts.some(small) ? `<p class="sub" data-state="small-cohorts">Cohorts of fewer than ${num(minSize)} accounts are greyed: their rates swing with a single account (setting <code>[cohorts] min_size</code>).</p>` : ''}</div>
    ${notes(r.notes)}`;
  body.querySelector('#metric').addEventListener('change', (e) => ctx.setLocal('metric', e.target.value));
  const el = body.querySelector('.chart');
  el.style.height = `${Math.max(420, cohorts.length * 16 + 120)}px`;
  chart(el, {
    tooltip: { formatter: (p) => `cohort ${escapeHtml(cohorts[p.value[1]].cohort)}, age ${p.value[0]}: ${pct(p.value[2])}` },
    grid: { left: 80, right: 30, top: 20, bottom: 80 },
    xAxis: { type: 'category', data: Array.from({ length: ages }, (_, i) => i), name: 'age', splitArea: { show: true } },
    yAxis: { type: 'category', data: cohorts.map((x) => x.cohort), inverse: true },
    visualMap: { seriesIndex: 0, min: 0, max: metric === 'nrr' ? 1.4 : 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 5, inRange: { color: ['#d0473b', '#f7e08a', '#1f9d6a'] }, formatter: (v) => pct(v, 0) },
    series: [{ id: 'values', type: 'heatmap', data, label: { show: ages <= 14, formatter: (p) => pct(p.value[2], 0), fontSize: 10 } },
      { id: 'values-small', name: `under ${minCohort} accounts`, type: 'heatmap', data: smallData, itemStyle: { color: '#e6e9ee' }, label: { show: ages <= 14, color: '#8a93a3', formatter: (p) => pct(p.value[2], 0), fontSize: 10 } }],
  }, (p) => openDrilldown(ctx, 'cohorts', cohortCell(cohorts[p.value[1]].cohort, p.value[0]), seg, local));
  wireDrills(body, ctx, local);
}

// ---------------------------------------------------------------- bowtie
const STAGES = ['awareness', 'education', 'selection', 'commit', 'onboarding', 'impact', 'expansion', 'advocacy'];
async function renderBowtie(body, ctx) {
  const mode = ctx.params.mode === 'period' ? 'period' : 'cohort';
  const r = await getReport('bowtie', ctx.filters, { mode });
  await requireRows(r.rows, ctx);
  noteSegments(ctx.filters.segment_by, r.rows);
  const seg = mainSegment(r.rows, ctx);
  const mine = r.rows.filter((x) => x.segment === seg);
  const periods = uniq(mine.map((x) => x.period));
  // The last complete period by default: the current one is still filling.
  const complete = periods.length > 1 ? periods[periods.length - 2] : periods[periods.length - 1];
  const at = periods.includes(ctx.params.at) ? ctx.params.at : complete;
  const rows = STAGES.map((s) => mine.find((x) => x.period === at && x.stage === s)).filter(Boolean);
  const local = { mode };
  const cell = (row, key) => `${at}:${row.stage}:${key}`;
  body.innerHTML = `
    <div class="toolbar"><label>Mode <select id="mode">${['cohort', 'period'].map((m) => `<option${m === mode ? ' selected' : ''}>${m}</option>`).join('')}</select></label>
      <label>Period <select id="at">${[...periods].reverse().map((p) => `<option${p === at ? ' selected' : ''}>${p}</option>`).join('')}</select></label>
      ${seg !== 'all' ? `<span class="pill">${escapeHtml(seg)}</span>` : ''}</div>
    <div class="grid">${cardChart(`Volume per stage (${at})`)}${cardChart('Conversion to the next stage over time')}</div>
    <div class="card"><h2>Stages · ${escapeHtml(at || '')}</h2><div class="scroll">${table(rows, [
      { key: 'stage', text: true, label: 'Stage' }, { key: 'entered' }, { key: 'converted' }, { key: 'still_open' },
      { key: 'conversion_rate' }, { key: 'cumulative_conversion_rate' }, { key: 'dt_median_days' }, { key: 'dt_mean_days' },
    ], { report: r, name: 'bowtie', cell, id: 'bowtie-table' })}</div></div>
    ${notes(r.notes)}`;
  body.querySelector('#mode').addEventListener('change', (e) => ctx.setLocal('mode', e.target.value));
  body.querySelector('#at').addEventListener('change', (e) => ctx.setLocal('at', e.target.value));
  const charts = body.querySelectorAll('.chart');
  // The bowtie: bars symmetric around zero, so the shape narrows to commit and widens after.
  chart(charts[0], {
    tooltip: { formatter: (p) => `${escapeHtml(p.name)}: ${num(Math.abs(p.value) * 2)} entered` }, grid: { left: 90, right: 40 },
    xAxis: { type: 'value', axisLabel: { formatter: (v) => num(Math.abs(v) * 2) } }, yAxis: { type: 'category', data: rows.map((x) => x.stage), inverse: true },
    series: [
      { type: 'bar', stack: 'b', data: rows.map((x) => -x.entered / 2), itemStyle: { color: PALETTE[0] }, id: 'entered|l', name: label('entered', r.fields) },
      { type: 'bar', stack: 'b', data: rows.map((x) => x.entered / 2), itemStyle: { color: PALETTE[0] }, id: 'entered|r', name: label('entered', r.fields), label: { show: true, position: 'right', formatter: (p) => num(rows[p.dataIndex].entered) } },
    ],
  }, (p) => openDrilldown(ctx, 'bowtie', `${at}:${p.name}:entered`, seg, local, label('entered', r.fields)));
  chart(charts[1], {
    tooltip: { trigger: 'axis', valueFormatter: (v) => pct(v) }, legend: { type: 'scroll' }, grid: { left: 60, right: 20, bottom: 60 }, dataZoom: [{ type: 'slider' }],
    xAxis: axisTime(periods), yAxis: valueAxis(r, 'conversion_rate'),
    series: STAGES.slice(0, -1).map((s) => ({ id: `conversion_rate|${s}`, name: s, type: 'line', data: periods.map((p) => mine.find((x) => x.period === p && x.stage === s)?.conversion_rate ?? null) })),
  }, (p) => { if (p.componentType === 'series' && p.value !== null) openDrilldown(ctx, 'bowtie', `${p.name}:${p.seriesName}:conversion_rate`, seg, local, label('conversion_rate', r.fields)); });
  wireDrills(body, ctx, local);
}

// ---------------------------------------------------------------- time to value
async function renderTtv(body, ctx) {
  const r = await getReport('ttv', ctx.filters);
  await requireRows(r.rows, ctx);
  noteSegments(ctx.filters.segment_by, r.rows);
  const seg = mainSegment(r.rows, ctx);
  const mine = r.rows.filter((x) => x.segment === seg);
  const cohorts = mine.map((x) => x.cohort);
  body.innerHTML = `${cardChart('Median days to value by onboarding cohort')}
    <div class="card"><h2>Cohorts</h2><div class="scroll">${table([...mine].reverse(), [
      { key: 'cohort', text: true, label: 'Cohort' }, { key: 'accounts' }, { key: 'reached_value' }, { key: 'ttv_median_days' },
      { key: 'within_30d_rate' }, { key: 'within_60d_rate' }, { key: 'within_90d_rate' }], { report: r, name: 'ttv', cell: cohortSegmentCell, id: 'ttv-table' })}</div></div>${notes(r.notes)}`;
  chart(body.querySelector('.chart'), {
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 60, right: 60 }, xAxis: axisTime(cohorts),
    yAxis: [valueAxis(r, 'ttv_median_days'), valueAxis(r, 'within_90d_rate', { max: 1 })],
    series: [{ id: `ttv_median_days|${seg}`, name: label('ttv_median_days', r.fields), type: 'bar', data: mine.map((x) => x.ttv_median_days), tooltip: { valueFormatter: (v) => fmtField(r, 'ttv_median_days', v) } },
      { id: `within_90d_rate|${seg}`, name: label('within_90d_rate', r.fields), type: 'line', yAxisIndex: 1, data: mine.map((x) => x.within_90d_rate), tooltip: { valueFormatter: (v) => pct(v) } }],
  }, chartDrill(ctx, r, 'ttv', (p, s, f) => `${p}:${s}:${f}`, seg));
  wireDrills(body, ctx);
}

// ---------------------------------------------------------------- pipeline
async function renderPipeline(body, ctx) {
  const r = await getReport('pipeline', ctx.filters);
  // Periods before the first lead or deal come back as rows of zeros: no data either.
  await requireRows(r.rows.filter((x) => x.pipeline_generated || x.qualified_leads || x.won_new || x.lost_new || x.won_expansion || x.lost_expansion), ctx);
  noteSegments(ctx.filters.segment_by, r.rows);
  const periods = uniq(r.rows.map((x) => x.period));
  const seg = mainSegment(r.rows, ctx);
  const mine = r.rows.filter((x) => x.segment === seg);
  const last = mine[mine.length - 1] || {};
  const card = (field) => kpi(r, 'pipeline', lastWith(mine, field), field, { cell: periodCell, history: mine, back: backOf(ctx, r.period) });
  body.innerHTML = `
    ${kpis(['pipeline_generated', 'qualified_leads', 'win_rate_new', 'won_new', 'sales_cycle_median_days', 'sales_velocity_new_per_month'].map(card))}
    <div class="grid">${cardChart('Pipeline generated')}${cardChart('Win rates and sales cycle')}</div>
    <div class="grid">${cardChart('Sales velocity per month (new)')}
      <div class="card"><h2>Open-deal ageing</h2><div class="scroll">${table(r.ageing || [], [{ key: 'stage', text: true, label: 'Stage' }, { key: 'deals', fmt: (v) => num(v) }, { key: 'amount', fmt: (v) => formatUnit('money', v, { currency: r.currency }) }, { key: 'age_median_days', fmt: (v) => formatUnit('days', v) }, { key: 'age_mean_days', fmt: (v) => formatUnit('days', v) }], { id: 'ageing', report: { fields: {}, currency: r.currency } })}</div></div></div>
    <div class="card"><h2>By period${seg !== 'all' ? ` · ${escapeHtml(seg)}` : ''}</h2><div class="scroll">${table([...mine].reverse(), [
      { key: 'period', text: true, label: 'Period' }, ...['pipeline_generated', 'qualified_leads', 'won_new', 'lost_new', 'win_rate_new', 'win_rate_new_value', 'won_expansion', 'lost_expansion', 'win_rate_expansion', 'sales_cycle_median_days', 'expansion_cycle_median_days'].map((k) => ({ key: k })),
    ], { report: r, name: 'pipeline', cell: periodCell, id: 'pipeline-table' })}</div></div>
    ${notes(r.notes)}`;
  const charts = body.querySelectorAll('.chart');
  const z = { grid: { left: 80, right: 60, bottom: 60 }, dataZoom: [{ type: 'slider' }], legend: { type: 'scroll' }, xAxis: axisTime(periods) };
  const drill = chartDrill(ctx, r, 'pipeline', (p, s, f) => `${p}:${f}`, seg);
  chart(charts[0], { ...z, tooltip: tooltipIn(r, 'pipeline_generated'), yAxis: valueAxis(r, 'pipeline_generated'), series: seriesBy(r.rows, 'pipeline_generated', periods, 'bar') }, drill);
  chart(charts[1], { ...z, tooltip: { trigger: 'axis' }, yAxis: [valueAxis(r, 'win_rate_new'), valueAxis(r, 'sales_cycle_median_days')],
    series: [{ id: `win_rate_new|${seg}`, name: label('win_rate_new', r.fields), type: 'line', data: mine.map((x) => x.win_rate_new), tooltip: { valueFormatter: (v) => pct(v) } },
      { id: `win_rate_expansion|${seg}`, name: label('win_rate_expansion', r.fields), type: 'line', data: mine.map((x) => x.win_rate_expansion), tooltip: { valueFormatter: (v) => pct(v) } },
      { id: `sales_cycle_median_days|${seg}`, name: label('sales_cycle_median_days', r.fields), type: 'bar', yAxisIndex: 1, data: mine.map((x) => x.sales_cycle_median_days), itemStyle: { opacity: 0.35 }, tooltip: { valueFormatter: (v) => fmtField(r, 'sales_cycle_median_days', v) } }] }, drill);
  chart(charts[2], { ...z, tooltip: tooltipIn(r, 'sales_velocity_new_per_month'), yAxis: valueAxis(r, 'sales_velocity_new_per_month'), series: seriesBy(r.rows, 'sales_velocity_new_per_month', periods) });
  wireDrills(body, ctx);
  void last;
}

// ---------------------------------------------------------------- efficiency
async function renderEfficiency(body, ctx) {
  const r = await getReport('efficiency', ctx.filters);
  await requireRows(r.rows, ctx);
  noteSegments(ctx.filters.segment_by, r.rows);
  const periods = uniq(r.rows.map((x) => x.period));
  const seg = mainSegment(r.rows, ctx);
  const mine = r.rows.filter((x) => x.segment === seg);
  const card = (field) => kpi(r, 'efficiency', lastWith(mine, field), field, { history: mine, back: backOf(ctx, r.period) });
  const payback = r.cac_payback_by_cohort || [];
  body.innerHTML = `
    ${kpis(['cac', 'cac_payback_months', 'burn_multiple', 'magic_number', 'gtm_spend_ratio'].map(card))}
    <div class="grid">${cardChart('CAC and payback')}${cardChart('Burn multiple and magic number')}</div>
    <div class="card"><h2>CAC payback by cohort</h2><div class="scroll">${table([...payback].filter((x) => x.segment === seg).reverse(), [
      { key: 'cohort', text: true, label: 'Cohort' }, { key: 'new_customers', fmt: (v) => num(v) }, { key: 'sales_marketing_spend', fmt: (v) => formatUnit('money', v, { currency: r.currency }) },
      { key: 'cac_payback_months', fmt: (v) => num(v) }], { report: r, id: 'payback' })}</div></div>
    ${notes(r.notes)}`;
  const charts = body.querySelectorAll('.chart');
  const z = { grid: { left: 80, right: 60, bottom: 60 }, dataZoom: [{ type: 'slider' }], tooltip: { trigger: 'axis' }, legend: { type: 'scroll' }, xAxis: axisTime(periods) };
  const named = (k, extra = {}) => ({ id: `${k}|${seg}`, name: label(k, r.fields), data: mine.map((x) => x[k]), tooltip: { valueFormatter: (v) => fmtField(r, k, v, { compact: true }) }, ...extra });
  const drill = chartDrill(ctx, r, 'efficiency', (p, s, f) => `${p}:${s}:${f}`, seg);
  chart(charts[0], { ...z, yAxis: [valueAxis(r, 'cac'), valueAxis(r, 'cac_payback_months', { name: 'months' })], series: [
    named('cac', { type: 'bar' }), named('cac_payback_months', { type: 'line', yAxisIndex: 1 })] }, drill);
  chart(charts[1], { ...z, yAxis: valueAxis(r, 'burn_multiple'), series: [named('burn_multiple', { type: 'line' }), named('magic_number', { type: 'line' })] }, drill);
  wireDrills(body, ctx);
}

// ---------------------------------------------------------------- segments and market
async function renderSegments(body, ctx) {
  // From the server's TOML files: no period, segment or date applies.
  const [seg, market] = await Promise.allSettled([getReport('segments', {}), getReport('market/beachhead', {})]);
  if (seg.status === 'rejected' && market.status === 'rejected') throw seg.reason;
  let html = notSegmented(ctx, 'segment scoring ranks the segments themselves, from the scoring file given to the server');
  if (seg.status === 'fulfilled') {
    const rows = seg.value.rows;
    const criteria = uniq(rows.flatMap((x) => Object.keys(x.scores || {})));
    html += `<div class="grid">${cardChart('Segment scores')}<div class="card"><h2>Ranking</h2><div class="scroll">${table(rows, [
      { key: 'rank' }, { key: 'segment', text: true }, { key: 'score', fmt: (v) => num(v, 2) },
      { key: 'vetoed', text: true, html: (v, row) => (v ? `<span class="pill poor">veto: ${escapeHtml((row.veto_criteria || []).join(', '))}</span>` : '') },
      ...criteria.map((k) => ({ key: k, get: (row) => row.scores[k], fmt: (v) => num(v) }))], { id: 'segments', report: seg.value })}</div></div></div>`;
  } else {
    html += `<div class="notice" data-state="not-available">Segment scoring is not available: ${escapeHtml(seg.reason.message)}</div>`;
  }
  if (market.status === 'fulfilled') {
    const m = market.value;
    html += `<div class="grid">${cardChart('Beachhead: ARR potential by adoption category')}<div class="card"><h2>Beachhead sizing</h2><div class="scroll">${table(m.rows, [
      { key: 'category', text: true }, { key: 'share' }, { key: 'customers' }, { key: 'arr_potential' }], { id: 'beachhead', report: m })}</div></div></div>`;
  } else {
    html += `<div class="notice" data-state="not-available">Market sizing is not available: ${escapeHtml(market.reason.message)}</div>`;
  }
  body.innerHTML = html;
  const charts = body.querySelectorAll('.chart');
  let i = 0;
  if (seg.status === 'fulfilled') {
    const rows = seg.value.rows;
    chart(charts[i++], { tooltip: {}, grid: { left: 160, right: 30 }, xAxis: { type: 'value' }, yAxis: { type: 'category', inverse: true, data: rows.map((x) => x.segment) },
      series: [{ type: 'bar', data: rows.map((x) => ({ value: x.score, itemStyle: { color: x.vetoed ? '#b8c0cc' : PALETTE[0] } })), label: { show: true, position: 'right', formatter: (p) => num(p.value, 2) } }] });
  }
  if (market.status === 'fulfilled') {
    const rows = market.value.rows.filter((x) => x.category !== 'total');
    chart(charts[i++], { tooltip: { valueFormatter: (v) => fmtField(market.value, 'arr_potential', v, { compact: true }) }, grid: { left: 80, right: 20 }, xAxis: { type: 'category', data: rows.map((x) => x.category) }, yAxis: valueAxis(market.value, 'arr_potential'),
      series: [{ type: 'bar', name: label('arr_potential', market.value.fields), data: rows.map((x) => x.arr_potential) }] });
  }
}

export const PAGES = [
  { id: 'revenue', title: 'Revenue', subtitle: 'MRR movements, MRR and ARR over time, retention.', render: renderRevenue },
  { id: 'flywheel', title: 'Flywheel overview', subtitle: 'Force, friction, speed and momentum per segment; leading and lagging indicators.', render: renderFlywheel },
  { id: 'bowtie', title: 'Bowtie', subtitle: 'Volumes, conversions and Δt per stage, from awareness to advocacy.', render: renderBowtie },
  { id: 'cohorts', title: 'Cohorts', subtitle: 'Retention by cohort and age: NRR, GRR and logo retention.', render: renderCohorts },
  { id: 'pipeline', title: 'Pipeline and velocity', subtitle: 'Pipeline generated, win rates, sales cycle, velocity and open-deal ageing.', render: renderPipeline },
  { id: 'ttv', title: 'Time to value', subtitle: 'Days from onboarding to impact, by onboarding cohort.', render: renderTtv },
  { id: 'efficiency', title: 'Efficiency', subtitle: 'CAC, CAC payback, burn multiple, magic number.', render: renderEfficiency },
  { id: 'segments', title: 'Segments and beachhead', subtitle: 'Segment scoring and beachhead sizing from the scoring files given to the server.', render: renderSegments, embedded: false },
  { id: 'customers', title: 'Customers', subtitle: 'Every paying account: MRR, ARR, segment, plan, class, fit and health; search, sort, open an account.', render: renderCustomers },
  { id: 'account', title: 'Account', subtitle: '', render: renderAccount, hidden: true, parent: 'customers' },
  { id: 'programs', title: 'Sales programs', subtitle: 'Applications with their pre-check and fit, committee decisions, results per program.', render: renderPrograms, embedded: false },
];
