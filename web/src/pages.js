// The dashboard pages. Each page: {id, title, subtitle, render(body, ctx)}.
import { getReport } from './data.js';
import { chart, axisTime, PALETTE } from './charts.js';
import { money, pct, num, days, auto, escapeHtml, label } from './format.js';
import { kpis, table, notes, drillable, wireDrills, openDrilldown } from './ui.js';
import { noteSegments } from './main.js';
import { renderPrograms } from './programs.js';

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
const seriesBy = (rows, key, periods, type = 'line', extra = {}) => [...bySegment(rows)].map(([seg, rs]) => {
  const at = new Map(rs.map((r) => [r.period, r[key]]));
  return { name: seg, type, data: periods.map((p) => at.get(p) ?? null), connectNulls: false, ...extra };
});
const cardChart = (title, cls = '') => `<div class="card"><h2>${escapeHtml(title)}</h2><div class="chart ${cls}"></div></div>`;
const lastWith = (rs, key) => [...rs].reverse().find((r) => r[key] !== null && r[key] !== undefined) || rs[rs.length - 1];

function kpi(report, row, column, fmt, labelText) {
  const v = row ? row[column] : null;
  return { id: column, label: labelText || label(column), html: drillable(fmt(v), v, report, row && row.period, column, row && row.segment) };
}

// Drill-down from a chart click on a period series of `report`.
const chartDrill = (ctx, report, column) => (p) => {
  if (p.componentType !== 'series' || !p.name) return;
  openDrilldown(ctx, report, `${p.name}:${column || p.seriesId || p.seriesName}`, p.seriesName && p.seriesName !== column ? p.seriesName : ctx.filters.segment);
};

// ---------------------------------------------------------------- flywheel overview
async function renderFlywheel(body, ctx) {
  const r = await getReport('flywheel', ctx.filters);
  noteSegments(ctx.filters.segment_by, r.rows);
  const periods = uniq(r.rows.map((x) => x.period));
  const seg = mainSegment(r.rows, ctx);
  const mine = r.rows.filter((x) => x.segment === seg);
  const last = mine[mine.length - 1];
  const lastMomentum = lastWith(mine, 'momentum');
  const ind = r.indicators.filter((i) => i.segment === seg);
  const arrow = (t) => (t === 'up' ? '▲' : t === 'down' ? '▼' : '■');
  body.innerHTML = `
    ${kpis([
      kpi('flywheel', last, 'force', (v) => money(v, r.currency), `Force (${last?.period ?? ''})`),
      kpi('flywheel', last, 'friction', (v) => money(v, r.currency), `Friction (${last?.period ?? ''})`),
      kpi('flywheel', lastWith(mine, 'speed'), 'speed', (v) => num(v, 3), 'Speed'),
      kpi('flywheel', lastMomentum, 'momentum', (v) => money(v, r.currency), `Momentum (${lastMomentum?.period ?? ''})`),
    ])}
    <div class="grid">${cardChart('Force and friction (ARR per period)')}${cardChart('Momentum by segment')}</div>
    <div class="grid">${cardChart('Speed by segment')}
      <div class="card"><h2>Leading and lagging indicators${seg !== 'all' ? ` · ${escapeHtml(seg)}` : ''}</h2>
      <div class="scroll">${table(ind, [
        { key: 'kind', text: true }, { key: 'indicator', text: true, fmt: (v) => label(v) }, { key: 'period', text: true },
        { key: 'value', fmt: (v, row) => auto(row.indicator, v, r.currency) },
        { key: 'previous', fmt: (v, row) => auto(row.indicator, v, r.currency) },
        { key: 'earlier', fmt: (v, row) => auto(row.indicator, v, r.currency) },
        { key: 'trend', text: true, html: (v) => `<span class="trend-${escapeHtml(v)}">${arrow(v)} ${escapeHtml(v)}</span>` },
      ], { id: 'indicators' })}</div></div></div>
    ${notes(r.notes)}`;
  const charts = body.querySelectorAll('.chart');
  chart(charts[0], {
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 70, right: 20, bottom: 60 }, dataZoom: [{ type: 'slider' }],
    xAxis: axisTime(periods), yAxis: { type: 'value' },
    series: [
      { name: 'force', type: 'bar', data: periods.map((p) => mine.find((x) => x.period === p)?.force ?? null), itemStyle: { color: PALETTE[1] } },
      { name: 'friction', type: 'bar', data: periods.map((p) => -(mine.find((x) => x.period === p)?.friction ?? 0)), itemStyle: { color: PALETTE[3] } },
    ],
  }, (p) => openDrilldown(ctx, 'flywheel', `${p.name}:${p.seriesName}`, seg));
  chart(charts[1], { tooltip: { trigger: 'axis' }, legend: { type: 'scroll' }, grid: { left: 70, right: 20 }, xAxis: axisTime(periods), yAxis: { type: 'value' }, series: seriesBy(r.rows, 'momentum', periods) }, chartDrill(ctx, 'flywheel', 'momentum'));
  chart(charts[2], { tooltip: { trigger: 'axis' }, legend: { type: 'scroll' }, grid: { left: 70, right: 20 }, xAxis: axisTime(periods), yAxis: { type: 'value' }, series: seriesBy(r.rows, 'speed', periods) }, chartDrill(ctx, 'flywheel', 'speed'));
  wireDrills(body, ctx);
}

// ---------------------------------------------------------------- revenue
async function renderRevenue(body, ctx) {
  const r = await getReport('revenue', ctx.filters);
  noteSegments(ctx.filters.segment_by, r.rows);
  const periods = uniq(r.rows.map((x) => x.period));
  const seg = mainSegment(r.rows, ctx);
  const mine = r.rows.filter((x) => x.segment === seg);
  const last = mine[mine.length - 1] || {};
  const prevMrr = mine.length > 1 ? mine[mine.length - 2].mrr : 0;
  const c = r.currency;
  body.innerHTML = `
    ${kpis([
      kpi('revenue', last, 'mrr', (v) => money(v, c), `MRR (${last.period ?? ''})`),
      kpi('revenue', last, 'arr', (v) => money(v, c), 'ARR'),
      kpi('revenue', last, 'customers', (v) => num(v), 'Customers'),
      kpi('revenue', last, 'net_new_mrr', (v) => money(v, c), 'Net new MRR'),
      kpi('revenue', lastWith(mine, 'nrr'), 'nrr', (v) => pct(v), 'NRR'),
      kpi('revenue', lastWith(mine, 'grr'), 'grr', (v) => pct(v), 'GRR'),
      kpi('revenue', lastWith(mine, 'quick_ratio'), 'quick_ratio', (v) => num(v, 2), 'Quick ratio'),
      kpi('revenue', last, 'arpa', (v) => money(v, c), 'ARPA'),
    ])}
    <div class="grid">${cardChart(`MRR movements waterfall (${last.period ?? ''})`)}${cardChart('MRR and ARR over time')}</div>
    ${cardChart('MRR movements per period')}
    <div class="card"><h2>By period${seg !== 'all' ? ` · ${escapeHtml(seg)}` : ''}</h2><div class="scroll">${table([...mine].reverse(), [
      { key: 'period', text: true }, ...['mrr', 'arr', 'customers', 'new_mrr', 'reactivation_mrr', 'expansion_mrr', 'contraction_mrr', 'churned_mrr', 'net_new_mrr', 'fx_impact_mrr', 'nrr', 'grr', 'quick_ratio'].map((k) => ({ key: k, drill: true })),
    ], { currency: c, report: 'revenue', id: 'revenue-table' })}</div></div>
    ${notes(r.notes)}`;
  const charts = body.querySelectorAll('.chart');
  // Waterfall: start MRR, the five movements, the currency effect (either way), end MRR
  // (invisible base bars carry the steps). Sign 0: the value's own sign.
  const steps = [['new_mrr', 1], ['reactivation_mrr', 1], ['expansion_mrr', 1], ['contraction_mrr', -1], ['churned_mrr', -1], ['fx_impact_mrr', 0]];
  const names = ['start', ...steps.map(([k]) => label(k).replace(' MRR', '')), 'end'];
  const base = [0]; const up = [prevMrr]; const down = [0];
  let level = prevMrr;
  for (const [k, sign] of steps) {
    const v = Math.abs(last[k] || 0);
    if (sign > 0 || (sign === 0 && (last[k] || 0) >= 0)) { base.push(level); up.push(v); down.push(0); level += v; } else { level -= v; base.push(level); up.push(0); down.push(v); }
  }
  base.push(0); up.push(last.mrr || 0); down.push(0);
  chart(charts[0], {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, grid: { left: 70, right: 20 },
    xAxis: { type: 'category', data: names }, yAxis: { type: 'value' },
    series: [
      { type: 'bar', stack: 'w', itemStyle: { color: 'transparent' }, data: base, silent: true, name: 'base' },
      { type: 'bar', stack: 'w', name: 'increase', data: up, itemStyle: { color: PALETTE[1] } },
      { type: 'bar', stack: 'w', name: 'decrease', data: down, itemStyle: { color: PALETTE[3] } },
    ],
  }, (p) => {
    const idx = p.dataIndex;
    const col = idx === 0 || idx === names.length - 1 ? 'mrr' : steps[idx - 1][0];
    const period = idx === 0 ? mine[mine.length - 2]?.period : last.period;
    if (period) openDrilldown(ctx, 'revenue', `${period}:${col}`, seg);
  });
  chart(charts[1], {
    tooltip: { trigger: 'axis' }, legend: { type: 'scroll' }, grid: { left: 80, right: 20, bottom: 60 }, dataZoom: [{ type: 'slider' }],
    xAxis: axisTime(periods), yAxis: [{ type: 'value', name: 'MRR' }, { type: 'value', name: 'ARR' }],
    series: [...seriesBy(r.rows, 'mrr', periods).map((s) => ({ ...s, name: `MRR ${s.name}` })),
      ...seriesBy(r.rows.filter((x) => x.segment === seg), 'arr', periods).map((s) => ({ ...s, name: `ARR ${s.name}`, yAxisIndex: 1, lineStyle: { type: 'dashed' } }))],
  }, (p) => openDrilldown(ctx, 'revenue', `${p.name}:${p.seriesName.startsWith('ARR') ? 'arr' : 'mrr'}`, p.seriesName.split(' ').slice(1).join(' ')));
  chart(charts[2], {
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 80, right: 20, bottom: 60 }, dataZoom: [{ type: 'slider' }],
    xAxis: axisTime(periods), yAxis: { type: 'value' },
    series: steps.map(([k, sign], i) => ({ name: k, type: 'bar', stack: 'm', itemStyle: { color: [PALETTE[1], PALETTE[5], PALETTE[0], PALETTE[2], PALETTE[3], PALETTE[6]][i] },
      data: periods.map((p) => { const row = mine.find((x) => x.period === p); return row ? (sign ? sign * Math.abs(row[k]) : row[k]) : null; }) })),
  }, (p) => openDrilldown(ctx, 'revenue', `${p.name}:${p.seriesName}`, seg));
  wireDrills(body, ctx);
}

// ---------------------------------------------------------------- cohorts
async function renderCohorts(body, ctx) {
  const metric = ['nrr', 'grr', 'logo'].includes(ctx.params.metric) ? ctx.params.metric : 'nrr';
  const r = await getReport('cohorts', ctx.filters, { metric });
  noteSegments(ctx.filters.segment_by, r.cohorts);
  const seg = mainSegment(r.cohorts, ctx);
  const cohorts = r.cohorts.filter((x) => x.segment === seg);
  const ages = Math.max(0, ...cohorts.map((x) => x.values.length));
  const data = [];
  cohorts.forEach((co, y) => co.values.forEach((v, x) => { if (v !== null) data.push([x, y, v]); }));
  const avg = r.weighted_average || [];
  body.innerHTML = `
    <div class="toolbar">Metric <select id="metric">${['nrr', 'grr', 'logo'].map((m) => `<option value="${m}"${m === metric ? ' selected' : ''}>${m.toUpperCase()}</option>`).join('')}</select>
      ${seg !== 'all' ? `<span class="pill">${escapeHtml(seg)}</span>` : ''}</div>
    ${kpis([1, 3, 6, 12].filter((a) => a < avg.length).map((a) => ({ id: `age-${a}`, label: `Weighted ${metric.toUpperCase()} at age ${a}`, html: drillable(pct(avg[a]), avg[a], 'cohorts', null, `average:${a}`, seg) })))}
    ${cardChart(`${metric.toUpperCase()} by cohort and age (${r.period})`, 'tall')}
    <div class="card"><h2>Cohorts${seg !== 'all' ? ` · ${escapeHtml(seg)}` : ''}</h2><div class="scroll">${table(cohorts, [
      { key: 'cohort', text: true },
      { key: 'accounts', html: (v, row) => drillable(num(v), v, 'cohorts', null, `${row.cohort}:0`, seg) },
      { key: 'start_mrr' },
      ...Array.from({ length: Math.min(ages, 13) }, (_, k) => ({ key: `age_${k}`, label: `${r.period === 'quarter' ? 'q' : 'm'}${k}`, get: (row) => row.values[k] ?? null,
        html: (v, row) => (v === null ? '' : drillable(pct(v), v, 'cohorts', null, `${row.cohort}:${k}`, seg)) })),
    ], { id: 'cohort-table', currency: r.currency })}</div></div>
    ${notes(r.notes)}`;
  body.querySelector('#metric').addEventListener('change', (e) => ctx.setLocal('metric', e.target.value));
  const el = body.querySelector('.chart');
  el.style.height = `${Math.max(420, cohorts.length * 16 + 120)}px`;
  chart(el, {
    tooltip: { formatter: (p) => `cohort ${cohorts[p.value[1]].cohort}, age ${p.value[0]}: ${pct(p.value[2])}` },
    grid: { left: 80, right: 30, top: 20, bottom: 80 },
    xAxis: { type: 'category', data: Array.from({ length: ages }, (_, i) => i), name: 'age', splitArea: { show: true } },
    yAxis: { type: 'category', data: cohorts.map((x) => x.cohort), inverse: true },
    visualMap: { min: 0, max: metric === 'nrr' ? 1.4 : 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 5, inRange: { color: ['#d0473b', '#f7e08a', '#1f9d6a'] }, formatter: (v) => pct(v, 0) },
    series: [{ type: 'heatmap', data, label: { show: ages <= 14, formatter: (p) => pct(p.value[2], 0), fontSize: 10 } }],
  }, (p) => openDrilldown(ctx, 'cohorts', `${cohorts[p.value[1]].cohort}:${p.value[0]}`, seg, { metric }));
  wireDrills(body, ctx, { metric });
}

// ---------------------------------------------------------------- bowtie
const STAGES = ['awareness', 'education', 'selection', 'commit', 'onboarding', 'impact', 'expansion', 'advocacy'];
async function renderBowtie(body, ctx) {
  const mode = ctx.params.mode === 'period' ? 'period' : 'cohort';
  const r = await getReport('bowtie', ctx.filters, { mode });
  noteSegments(ctx.filters.segment_by, r.rows);
  const seg = mainSegment(r.rows, ctx);
  const mine = r.rows.filter((x) => x.segment === seg);
  const periods = uniq(mine.map((x) => x.period));
  const at = periods.includes(ctx.params.at) ? ctx.params.at : periods[periods.length - 1];
  const rows = STAGES.map((s) => mine.find((x) => x.period === at && x.stage === s)).filter(Boolean);
  body.innerHTML = `
    <div class="toolbar">Mode <select id="mode">${['cohort', 'period'].map((m) => `<option${m === mode ? ' selected' : ''}>${m}</option>`).join('')}</select>
      Period <select id="at">${[...periods].reverse().map((p) => `<option${p === at ? ' selected' : ''}>${p}</option>`).join('')}</select>
      ${seg !== 'all' ? `<span class="pill">${escapeHtml(seg)}</span>` : ''}</div>
    <div class="grid">${cardChart(`Volume per stage (${at})`)}${cardChart('Conversion to the next stage over time')}</div>
    <div class="card"><h2>Stages · ${escapeHtml(at || '')}</h2>${table(rows, [
      { key: 'stage', text: true }, { key: 'entered', drill: true }, { key: 'converted', drill: true }, { key: 'still_open' },
      { key: 'conversion_rate', drill: true }, { key: 'cumulative_conversion_rate' }, { key: 'dt_median_days', label: 'Δt median' }, { key: 'dt_mean_days', label: 'Δt mean' },
    ], { report: 'bowtie', id: 'bowtie-table', currency: r.currency })}</div>
    ${notes(r.notes)}`;
  body.querySelector('#mode').addEventListener('change', (e) => ctx.setLocal('mode', e.target.value));
  body.querySelector('#at').addEventListener('change', (e) => ctx.setLocal('at', e.target.value));
  const charts = body.querySelectorAll('.chart');
  // The bowtie: bars symmetric around zero, so the shape narrows to commit and widens after.
  chart(charts[0], {
    tooltip: { formatter: (p) => `${p.name}: ${num(Math.abs(p.value))} entered` }, grid: { left: 90, right: 20 },
    xAxis: { type: 'value', axisLabel: { formatter: (v) => num(Math.abs(v) * 2) } }, yAxis: { type: 'category', data: rows.map((x) => x.stage), inverse: true },
    series: [
      { type: 'bar', stack: 'b', data: rows.map((x) => -x.entered / 2), itemStyle: { color: PALETTE[0] }, name: 'entered' },
      { type: 'bar', stack: 'b', data: rows.map((x) => x.entered / 2), itemStyle: { color: PALETTE[0] }, name: 'entered ', label: { show: true, position: 'right', formatter: (p) => num(rows[p.dataIndex].entered) } },
    ],
  }, (p) => openDrilldown(ctx, 'bowtie', `${at}:${p.name}:entered`, seg, { mode }));
  chart(charts[1], {
    tooltip: { trigger: 'axis', valueFormatter: (v) => pct(v) }, legend: { type: 'scroll' }, grid: { left: 60, right: 20, bottom: 60 }, dataZoom: [{ type: 'slider' }],
    xAxis: axisTime(periods), yAxis: { type: 'value', axisLabel: { formatter: (v) => pct(v, 0) } },
    series: STAGES.slice(0, -1).map((s) => ({ name: s, type: 'line', data: periods.map((p) => mine.find((x) => x.period === p && x.stage === s)?.conversion_rate ?? null) })),
  }, (p) => openDrilldown(ctx, 'bowtie', `${p.name}:${p.seriesName}:converted`, seg, { mode }));
  body.querySelectorAll('#bowtie-table .drill').forEach((el) => {
    const row = rows[Number(el.closest('tr').dataset.index)];
    el.dataset.cell = `${at}:${row.stage}:${el.closest('td').dataset.col}`;
  });
  wireDrills(body, ctx, { mode });
}

// ---------------------------------------------------------------- time to value
async function renderTtv(body, ctx) {
  const r = await getReport('ttv', ctx.filters);
  noteSegments(ctx.filters.segment_by, r.rows);
  const seg = mainSegment(r.rows, ctx);
  const mine = r.rows.filter((x) => x.segment === seg);
  const cohorts = mine.map((x) => x.cohort);
  body.innerHTML = `${cardChart('Median days to value by onboarding cohort')}
    <div class="card"><h2>Cohorts</h2><div class="scroll">${table([...mine].reverse(), [
      { key: 'cohort', text: true }, { key: 'accounts', drill: true }, { key: 'reached_value', drill: true }, { key: 'ttv_median_days' },
      { key: 'within_30d_rate' }, { key: 'within_60d_rate' }, { key: 'within_90d_rate' }], { report: 'ttv', id: 'ttv-table' })}</div></div>${notes(r.notes)}`;
  chart(body.querySelector('.chart'), {
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 60, right: 60 }, xAxis: axisTime(cohorts),
    yAxis: [{ type: 'value', name: 'days' }, { type: 'value', max: 1, axisLabel: { formatter: (v) => pct(v, 0) } }],
    series: [{ name: 'ttv_median_days', type: 'bar', data: mine.map((x) => x.ttv_median_days) },
      { name: 'within_90d_rate', type: 'line', yAxisIndex: 1, data: mine.map((x) => x.within_90d_rate) }],
  }, chartDrill(ctx, 'ttv'));
  wireDrills(body, ctx);
}

// ---------------------------------------------------------------- pipeline
async function renderPipeline(body, ctx) {
  const r = await getReport('pipeline', ctx.filters);
  noteSegments(ctx.filters.segment_by, r.rows);
  const periods = uniq(r.rows.map((x) => x.period));
  const seg = mainSegment(r.rows, ctx);
  const mine = r.rows.filter((x) => x.segment === seg);
  const last = mine[mine.length - 1] || {};
  const c = r.currency;
  body.innerHTML = `
    ${kpis([
      kpi('pipeline', last, 'pipeline_generated', (v) => money(v, c), `Pipeline generated (${last.period ?? ''})`),
      kpi('pipeline', last, 'qualified_leads', (v) => num(v), 'Qualified leads'),
      kpi('pipeline', lastWith(mine, 'win_rate_new'), 'win_rate_new', (v) => pct(v), 'Win rate (new)'),
      kpi('pipeline', lastWith(mine, 'sales_cycle_median_days'), 'sales_cycle_median_days', days, 'Sales cycle (median)'),
      kpi('pipeline', lastWith(mine, 'sales_velocity_new_per_month'), 'sales_velocity_new_per_month', (v) => money(v, c), 'Velocity / month'),
    ])}
    <div class="grid">${cardChart('Pipeline generated')}${cardChart('Win rates and sales cycle')}</div>
    <div class="grid">${cardChart('Sales velocity per month (new)')}
      <div class="card"><h2>Open-deal ageing</h2>${table(r.ageing || [], [{ key: 'stage', text: true }, { key: 'deals' }, { key: 'amount' }, { key: 'age_median_days' }, { key: 'age_mean_days' }], { currency: c, id: 'ageing' })}</div></div>
    ${notes(r.notes)}`;
  const charts = body.querySelectorAll('.chart');
  const z = { grid: { left: 80, right: 60, bottom: 60 }, dataZoom: [{ type: 'slider' }], tooltip: { trigger: 'axis' }, legend: { type: 'scroll' }, xAxis: axisTime(periods) };
  chart(charts[0], { ...z, yAxis: { type: 'value' }, series: seriesBy(r.rows, 'pipeline_generated', periods, 'bar') }, chartDrill(ctx, 'pipeline', 'pipeline_generated'));
  chart(charts[1], { ...z, yAxis: [{ type: 'value', axisLabel: { formatter: (v) => pct(v, 0) } }, { type: 'value', name: 'days' }],
    series: [{ name: 'win_rate_new', type: 'line', data: mine.map((x) => x.win_rate_new) }, { name: 'win_rate_expansion', type: 'line', data: mine.map((x) => x.win_rate_expansion) },
      { name: 'sales_cycle_median_days', type: 'bar', yAxisIndex: 1, data: mine.map((x) => x.sales_cycle_median_days), itemStyle: { opacity: 0.35 } }] }, (p) => {
    if (p.componentType === 'series' && p.seriesName.startsWith('win_rate')) openDrilldown(ctx, 'pipeline', `${p.name}:${p.seriesName}`, seg);
  });
  chart(charts[2], { ...z, yAxis: { type: 'value' }, series: seriesBy(r.rows, 'sales_velocity_new_per_month', periods) }, chartDrill(ctx, 'pipeline', 'sales_velocity_new_per_month'));
  wireDrills(body, ctx);
}

// ---------------------------------------------------------------- efficiency
async function renderEfficiency(body, ctx) {
  const r = await getReport('efficiency', ctx.filters);
  noteSegments(ctx.filters.segment_by, r.rows);
  const periods = uniq(r.rows.map((x) => x.period));
  const seg = mainSegment(r.rows, ctx);
  const mine = r.rows.filter((x) => x.segment === seg);
  const c = r.currency;
  body.innerHTML = `
    ${kpis([
      kpi('efficiency', lastWith(mine, 'cac'), 'cac', (v) => money(v, c), 'CAC'),
      kpi('efficiency', lastWith(mine, 'cac_payback_months'), 'cac_payback_months', (v) => (v === null ? '—' : `${num(v)} mo`), 'CAC payback'),
      kpi('efficiency', lastWith(mine, 'burn_multiple'), 'burn_multiple', (v) => num(v, 2), 'Burn multiple'),
      kpi('efficiency', lastWith(mine, 'magic_number'), 'magic_number', (v) => num(v, 2), 'Magic number'),
      kpi('efficiency', lastWith(mine, 'gtm_spend_ratio'), 'gtm_spend_ratio', (v) => num(v, 2), 'GTM spend ratio'),
    ])}
    <div class="grid">${cardChart('CAC and payback')}${cardChart('Burn multiple and magic number')}</div>
    <div class="card"><h2>CAC payback by cohort</h2><div class="scroll">${table([...(r.cac_payback_by_cohort || [])].filter((x) => x.segment === seg).reverse(), [
      { key: 'cohort', text: true }, { key: 'new_customers' }, { key: 'sales_marketing_spend' }, { key: 'cac_payback_months', fmt: (v) => (v === null ? '—' : num(v)) }], { currency: c, id: 'payback' })}</div></div>
    ${notes(r.notes)}`;
  const charts = body.querySelectorAll('.chart');
  const z = { grid: { left: 80, right: 60, bottom: 60 }, dataZoom: [{ type: 'slider' }], tooltip: { trigger: 'axis' }, legend: { type: 'scroll' }, xAxis: axisTime(periods) };
  chart(charts[0], { ...z, yAxis: [{ type: 'value' }, { type: 'value', name: 'months' }], series: [
    { name: 'cac', type: 'bar', data: mine.map((x) => x.cac) }, { name: 'cac_payback_months', type: 'line', yAxisIndex: 1, data: mine.map((x) => x.cac_payback_months) }] }, chartDrill(ctx, 'efficiency'));
  chart(charts[1], { ...z, yAxis: { type: 'value' }, series: [
    { name: 'burn_multiple', type: 'line', data: mine.map((x) => x.burn_multiple) }, { name: 'magic_number', type: 'line', data: mine.map((x) => x.magic_number) }] }, chartDrill(ctx, 'efficiency'));
  wireDrills(body, ctx);
}

// ---------------------------------------------------------------- segments and market
async function renderSegments(body, ctx) {
  // From the server's TOML files: no period, segment or date applies.
  const [seg, market] = await Promise.allSettled([getReport('segments', {}), getReport('market/beachhead', {})]);
  if (seg.status === 'rejected' && market.status === 'rejected') throw seg.reason;
  let html = '';
  if (seg.status === 'fulfilled') {
    const rows = seg.value.rows;
    const criteria = uniq(rows.flatMap((x) => Object.keys(x.scores || {})));
    html += `<div class="grid">${cardChart('Segment scores')}<div class="card"><h2>Ranking</h2>${table(rows, [
      { key: 'rank' }, { key: 'segment', text: true }, { key: 'score', fmt: (v) => num(v, 2) },
      { key: 'vetoed', text: true, html: (v, row) => (v ? `<span class="pill poor">veto: ${escapeHtml((row.veto_criteria || []).join(', '))}</span>` : '') },
      ...criteria.map((k) => ({ key: k, get: (row) => row.scores[k], fmt: (v) => num(v) }))], { id: 'segments' })}</div></div>`;
  } else {
    html += `<div class="notice" data-state="not-available">Segment scoring is not available: ${escapeHtml(seg.reason.message)}</div>`;
  }
  if (market.status === 'fulfilled') {
    const m = market.value;
    html += `<div class="grid">${cardChart('Beachhead: ARR potential by adoption category')}<div class="card"><h2>Beachhead sizing</h2>${table(m.rows, [
      { key: 'category', text: true }, { key: 'share', fmt: (v) => pct(v) }, { key: 'customers', fmt: (v) => num(v, 0) }, { key: 'arr_potential' }], { id: 'beachhead', currency: m.currency || 'USD' })}</div></div>`;
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
    chart(charts[i++], { tooltip: {}, grid: { left: 80, right: 20 }, xAxis: { type: 'category', data: rows.map((x) => x.category) }, yAxis: { type: 'value' },
      series: [{ type: 'bar', data: rows.map((x) => x.arr_potential) }] });
  }
}

// ---------------------------------------------------------------- customers
const CLASSES = ['ideal', 'good', 'neutral', 'poor', 'anti-profile', 'excluded', 'unscored'];
async function renderCustomers(body, ctx) {
  // The scorecard is as of a date; period and segment filters do not apply to it.
  const dctx = { ...ctx, filters: ctx.filters.as_of ? { as_of: ctx.filters.as_of } : {} };
  const r = await getReport('customers', dctx.filters);
  const cls = ctx.params.class || '';
  const classes = uniq(r.rows.map((x) => x.class)).sort();
  let rows = r.rows.filter((x) => !cls || x.class === cls);
  let sortKey = 'score'; let dir = -1;
  const columns = [
    { key: 'account_id', text: true }, { key: 'class', text: true, html: (v) => `<span class="pill ${escapeHtml(v)}">${escapeHtml(v)}</span>` },
    { key: 'score', fmt: (v) => num(v, 1) }, { key: 'fit', fmt: (v) => num(v, 1) }, { key: 'health', fmt: (v) => num(v, 1) },
    { key: 'health_trend', text: true, fmt: (v) => v || '—' },
    { key: 'arr', fmt: (v) => money(v, r.currency) }, { key: 'action', text: true, fmt: (v) => v || '—' },
    { key: 'action_reason', label: 'Why', text: true },
  ];
  const m = r.matrix || {};
  body.innerHTML = `
    ${kpis(CLASSES.filter((c) => classes.includes(c)).map((c) => {
      const n = r.rows.filter((x) => x.class === c).length;
      return { id: `class-${c}`, label: `Class ${c}`, html: drillable(num(n), n, 'customers', null, c) };
    }))}
    ${kpis(Object.entries(m).map(([k, v]) => ({ id: k, label: label(k), html: drillable(num(v), v, 'customers', null, k) })))}
    <div class="toolbar">Class <select id="class"><option value="">all</option>${classes.map((c) => `<option${c === cls ? ' selected' : ''}>${escapeHtml(c)}</option>`).join('')}</select>
      <span class="sub" id="count"></span></div>
    <div class="split"><div class="card"><div class="scroll" id="table-wrap"></div></div>
      <div><div class="card explain" id="explain"><h2>Explanation</h2><p class="sub">Click an account to see why it has its score.</p></div>${cardChart('Fit × health')}</div></div>
    ${notes(r.notes)}`;
  body.querySelector('#class').addEventListener('change', (e) => ctx.setLocal('class', e.target.value));
  const wrap = body.querySelector('#table-wrap');
  const explain = (row) => {
    body.querySelector('#explain').innerHTML = `<h2>${escapeHtml(row.account_id)} · <span class="pill ${escapeHtml(row.class)}">${escapeHtml(row.class)}</span></h2>
      <dl><dt>Score</dt><dd>${num(row.score, 1)}</dd><dt>Action</dt><dd>${escapeHtml(row.action || '—')}</dd>
      <dt>Why</dt><dd>${escapeHtml(row.action_reason || '—')}</dd><dt>Health trend</dt><dd>${escapeHtml(row.health_trend || '—')}</dd>
      <dt>Rule</dt><dd>${escapeHtml(row.matched_rule || '—')}</dd>
      <dt>Reasons</dt><dd>${(row.reasons || []).map(escapeHtml).join('<br>') || '—'}</dd>
      ${Object.entries(row.dimensions || {}).map(([k, v]) => `<dt>${escapeHtml(label(k))}</dt><dd>${v === null ? '—' : num(v, 1)}</dd>`).join('')}</dl>`;
  };
  const draw = () => {
    rows = [...rows].sort((a, b) => {
      const x = a[sortKey]; const y = b[sortKey];
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (x < y ? -1 : 1) * dir;
    });
    wrap.innerHTML = table(rows, columns, { id: 'customers', sortable: true, currency: r.currency });
    body.querySelector('#count').textContent = `${rows.length} accounts · sorted by ${label(sortKey)} ${dir < 0 ? '↓' : '↑'}`;
    wrap.querySelectorAll('th').forEach((th) => th.addEventListener('click', () => {
      if (sortKey === th.dataset.key) dir = -dir; else { sortKey = th.dataset.key; dir = 1; }
      draw();
    }));
    wrap.querySelectorAll('tbody tr').forEach((tr) => tr.addEventListener('click', () => {
      wrap.querySelectorAll('tr.selected').forEach((x) => x.classList.remove('selected'));
      tr.classList.add('selected');
      explain(rows[Number(tr.dataset.index)]);
    }));
  };
  draw();
  const colors = { ideal: PALETTE[1], good: PALETTE[0], neutral: '#9aa5b5', poor: PALETTE[3], excluded: '#cccccc' };
  chart(body.querySelector('.chart'), {
    tooltip: { formatter: (p) => `${p.data[2]}: fit ${num(p.data[0], 1)}, health ${num(p.data[1], 1)}` }, legend: {}, grid: { left: 50, right: 20, top: 40 },
    xAxis: { type: 'value', name: 'fit', min: 0, max: 100 }, yAxis: { type: 'value', name: 'health', min: 0, max: 100 },
    series: classes.map((c) => ({ name: c, type: 'scatter', symbolSize: 7, itemStyle: { color: colors[c] },
      data: rows.filter((x) => x.class === c && x.fit !== null && x.health !== null).map((x) => [x.fit, x.health, x.account_id]),
      markLine: { silent: true, symbol: 'none', lineStyle: { color: '#888', type: 'dashed' }, data: [{ xAxis: 60 }, { yAxis: 60 }] } })),
  }, (p) => { const row = rows.find((x) => x.account_id === p.data[2]); if (row) explain(row); });
  wireDrills(body, dctx);
}

export const PAGES = [
  { id: 'flywheel', title: 'Flywheel overview', subtitle: 'Force, friction, speed and momentum per segment; leading and lagging indicators.', render: renderFlywheel },
  { id: 'bowtie', title: 'Bowtie', subtitle: 'Volumes, conversions and Δt per stage, from awareness to advocacy.', render: renderBowtie },
  { id: 'revenue', title: 'Revenue', subtitle: 'MRR movements, MRR and ARR over time, retention.', render: renderRevenue },
  { id: 'cohorts', title: 'Cohorts', subtitle: 'Retention by cohort and age: NRR, GRR and logo retention.', render: renderCohorts },
  { id: 'pipeline', title: 'Pipeline and velocity', subtitle: 'Pipeline generated, win rates, sales cycle, velocity and open-deal ageing.', render: renderPipeline },
  { id: 'ttv', title: 'Time to value', subtitle: 'Days from onboarding to impact, by onboarding cohort.', render: renderTtv },
  { id: 'efficiency', title: 'Efficiency', subtitle: 'CAC, CAC payback, burn multiple, magic number.', render: renderEfficiency },
  { id: 'segments', title: 'Segments and beachhead', subtitle: 'Segment scoring and beachhead sizing from the scoring files given to the server.', render: renderSegments, embedded: false },
  { id: 'customers', title: 'Customers', subtitle: 'Account scorecard: class, score, reasons, action and why; fit × health.', render: renderCustomers },
  { id: 'programs', title: 'Sales programs', subtitle: 'Applications with their pre-check and fit, committee decisions, results per program.', render: renderPrograms, embedded: false },
];
