// The customers list (names, search, paging, MRR/ARR, segment, plan, class, fit, health,
// CSV of every matching row) and one account's page (#/accounts/<id>): the MRR timeline
// with its movements, the scorecard with its reasons in words, opportunities, tickets, NPS.
import { getReport, requireRows } from './data.js';
import { chart, axisTime, PALETTE } from './charts.js';
import { num, escapeHtml, label, formatUnit, axisFormatter } from './format.js';
import { kpis, table, notes, drillable, plain, wireDrills, notSegmented } from './ui.js';

const CLASSES = ['ideal', 'good', 'neutral', 'poor', 'anti-profile', 'excluded', 'unscored'];
const PAGE_SIZE = 50;
// A name that opens the account's page.
// The filter state a link carries (docs/DASHBOARD.md "Filters and shareable views").
const filterQuery = (ctx) => {
  const q = new URLSearchParams();
  for (const k of ['period', 'segment_by', 'segment', 'as_of', 'compare']) if (ctx.params[k]) q.set(k, ctx.params[k]);
  return q.toString() ? `?${q}` : '';
};
export const accountLink = (id, name, ctx) => `<a class="account-link" href="#/accounts/${encodeURIComponent(id)}${filterQuery(ctx)}">${escapeHtml(name || id)}</a>`;

export async function renderCustomers(body, ctx) {
  // The scorecard is as of a date; period and segment filters do not apply to it.
  const dctx = { ...ctx, filters: ctx.filters.as_of ? { as_of: ctx.filters.as_of } : {} };
  const [r, list] = await Promise.all([getReport('customers', dctx.filters), getReport('accounts', dctx.filters)]);
  await requireRows(r.rows, ctx, 'customers');
  const byId = new Map(list.rows.map((x) => [x.account_id, x]));
  const all = r.rows.map((x) => ({ ...byId.get(x.account_id), ...x, account_name: byId.get(x.account_id)?.account_name ?? x.account_id,
    segment: byId.get(x.account_id)?.segment ?? null, plan: byId.get(x.account_id)?.plan ?? null, mrr: byId.get(x.account_id)?.mrr ?? null }));
  const fields = { ...list.fields, ...r.fields };
  const shape = { fields, currency: r.currency };
  const cls = ctx.params.class || '';
  const classes = [...new Set(r.rows.map((x) => x.class))].sort();
  const m = r.matrix || {};
  let query = ctx.params.q || '';
  let pageNo = 0;
  let sortKey = 'mrr'; let dir = -1;
  const columns = [
    { key: 'account_name', label: 'Account', text: true, html: (v, row) => `${accountLink(row.account_id, v, ctx)} <span class="muted">${escapeHtml(row.account_id)}</span>` },
    { key: 'segment', text: true, label: 'Segment' }, { key: 'plan', text: true, label: 'Plan' },
    { key: 'mrr' }, { key: 'arr' },
    { key: 'class', text: true, label: 'Class', html: (v) => `<span class="pill ${escapeHtml(v)}">${escapeHtml(v)}</span>` },
    { key: 'fit', fmt: (v) => num(v, 1) }, { key: 'health', fmt: (v) => num(v, 1) },
    { key: 'health_trend', text: true, label: 'Health trend', fmt: (v) => v || '—' },
    { key: 'score', fmt: (v) => num(v, 1) }, { key: 'action', text: true, label: 'Action', fmt: (v) => (v ? v.replace(/_/g, ' ') : '—') },
  ];
  body.innerHTML = `${notSegmented(ctx, 'the scorecard covers every account as of one date')}
    ${kpis(CLASSES.filter((c) => classes.includes(c)).map((c) => {
      const n = r.rows.filter((x) => x.class === c).length;
      return { id: `class-${c}`, label: `Class ${c}`, html: r.fields.class.drilldown ? drillable(num(n), n, 'customers', c) : plain(num(n), n) };
    }))}
    ${kpis(Object.entries(m).map(([k, v]) => ({ id: k, label: label(k), html: r.fields.matrix.drilldown ? drillable(num(v), v, 'customers', k) : plain(num(v), v) })))}
    <div class="card" data-csv-name="customers"><h2>Accounts</h2>
      <div class="toolbar"><label>Search <input id="search" type="search" placeholder="name or id" value="${escapeHtml(query)}"></label>
        <label>Class <select id="class"><option value="">all</option>${classes.map((c) => `<option${c === cls ? ' selected' : ''}>${escapeHtml(c)}</option>`).join('')}</select></label>
        <span class="sub" id="count" aria-live="polite"></span>
        <span class="pager"><button type="button" id="prev">Previous</button> <span id="page-of"></span> <button type="button" id="next">Next</button></span></div>
      <div class="scroll" id="table-wrap"></div></div>
    ${cardCharts('Fit × health')}
    ${notes(r.notes)}`;
  body.querySelector('#class').addEventListener('change', (e) => ctx.setLocal('class', e.target.value));
  const wrap = body.querySelector('#table-wrap');
  const matching = () => {
    const q = query.trim().toLowerCase();
    return all.filter((x) => (!cls || x.class === cls) && (!q || String(x.account_name).toLowerCase().includes(q) || x.account_id.toLowerCase().includes(q)))
      .sort((a, b) => {
        const x = a[sortKey]; const y = b[sortKey];
        if (x === y) return 0;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (x < y ? -1 : 1) * dir;
      });
  };
  const draw = () => {
    const rows = matching();
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    pageNo = Math.min(pageNo, pages - 1);
    const shown = rows.slice(pageNo * PAGE_SIZE, (pageNo + 1) * PAGE_SIZE);
    wrap.innerHTML = shown.length ? table(shown, columns, { id: 'customers', sortable: true, report: shape })
      : `<p class="empty" data-state="empty">No account matches “${escapeHtml(query)}”${cls ? ` in class ${escapeHtml(cls)}` : ''}.</p>`;
    body.querySelector('#count').textContent = `${rows.length} accounts · sorted by ${columns.find((c) => c.key === sortKey)?.label || label(sortKey, fields)} ${dir < 0 ? '↓' : '↑'}`;
    body.querySelector('#page-of').textContent = `page ${pageNo + 1} of ${pages}`;
    body.querySelector('#prev').disabled = pageNo === 0;
    body.querySelector('#next').disabled = pageNo >= pages - 1;
    wrap.querySelectorAll('th').forEach((th) => th.addEventListener('click', () => {
      if (sortKey === th.dataset.key) dir = -dir; else { sortKey = th.dataset.key; dir = th.dataset.key === 'account_name' ? 1 : -1; }
      draw();
    }));
  };
  // The CSV holds every matching row, not just the page shown.
  wrap.closest('.card').csvRows = () => ({ rows: matching(), columns: columns.map((c) => c.key), labels: columns.map((c) => c.label || label(c.key, fields)) });
  body.querySelector('#search').addEventListener('input', (e) => { query = e.target.value; pageNo = 0; draw(); });
  body.querySelector('#prev').addEventListener('click', () => { pageNo -= 1; draw(); });
  body.querySelector('#next').addEventListener('click', () => { pageNo += 1; draw(); });
  draw();
  const colors = { ideal: PALETTE[1], good: PALETTE[0], neutral: '#9aa5b5', poor: PALETTE[3], excluded: '#cccccc' };
  chart(body.querySelector('.chart'), {
    tooltip: { formatter: (p) => `${escapeHtml(p.data[3])}: fit ${num(p.data[0], 1)}, health ${num(p.data[1], 1)}` }, legend: {}, grid: { left: 50, right: 20, top: 40 },
    xAxis: { type: 'value', name: 'fit', min: 0, max: 100 }, yAxis: { type: 'value', name: 'health', min: 0, max: 100 },
    series: classes.map((c) => ({ name: c, type: 'scatter', symbolSize: 7, itemStyle: { color: colors[c] },
      data: all.filter((x) => x.class === c && x.fit !== null && x.health !== null).map((x) => [x.fit, x.health, x.account_id, x.account_name]),
      markLine: { silent: true, symbol: 'none', lineStyle: { color: '#888', type: 'dashed' }, data: [{ xAxis: 60 }, { yAxis: 60 }] } })),
  }, (p) => { if (p.data && p.data[2]) window.location.hash = `#/accounts/${encodeURIComponent(p.data[2])}${filterQuery(ctx)}`; });
  wireDrills(body, dctx);
}

const cardCharts = (title) => `<div class="card"><h2>${escapeHtml(title)}</h2><div class="chart" role="img" aria-label="${escapeHtml(title)}"></div></div>`;

const dateCols = (keys) => keys.map((k) => ({ key: k, text: true, label: label(k), fmt: (v) => v ?? '—' }));

export async function renderAccount(body, ctx) {
  const id = ctx.accountId;
  const filters = ctx.filters.as_of ? { as_of: ctx.filters.as_of } : {};
  const r = await getReport('account', filters, { account: id });
  const a = r.account;
  const money = (v) => formatUnit('money', v, { currency: r.currency, compact: true });
  const sc = r.scorecard;
  document.title = `${a.account_name || a.account_id} · Flywheel`;
  const h1 = body.parentElement.querySelector('h1');
  if (h1) h1.textContent = a.account_name || a.account_id;
  const sub = body.parentElement.querySelector('p.sub');
  if (sub) sub.innerHTML = `<a href="#/customers${filterQuery(ctx)}">← Customers</a> · ${escapeHtml(a.account_id)}${a.segment ? ` · ${escapeHtml(a.segment)}` : ''}${a.country ? ` · ${escapeHtml(a.country)}` : ''}`;
  const moves = r.rows.filter((x) => x.movement || x.fx_impact_mrr);
  body.innerHTML = `${notSegmented(ctx, 'the scorecard covers every account as of one date')}
    ${kpis([
      { id: 'mrr', label: `MRR (${r.as_of})`, html: plain(money(a.mrr), a.mrr) },
      { id: 'arr', label: 'ARR', html: plain(money(a.arr), a.arr) },
      { id: 'plan', label: 'Plan', html: escapeHtml(a.plan || '—') },
      { id: 'since', label: 'Customer since', html: escapeHtml(a.customer_since || '—') },
      { id: 'class', label: 'Class', html: sc ? `<span class="pill ${escapeHtml(sc.class)}">${escapeHtml(sc.class)}</span>` : '—' },
      { id: 'score', label: 'Score · fit · health', html: sc ? `${num(sc.score, 1)} · ${num(sc.fit, 1)} · ${num(sc.health, 1)}` : '—' },
    ])}
    <div class="grid"><div class="card"><h2>MRR over time</h2><div class="chart" role="img" aria-label="MRR over time"></div></div>
      <div class="card" id="scorecard"><h2>Scorecard</h2>${sc ? `
        <p><b>Action:</b> ${escapeHtml(sc.action ? sc.action.replace(/_/g, ' ') : 'none')}${sc.action_reason ? ` — ${escapeHtml(sc.action_reason)}` : ''}</p>
        <p class="sub">Health trend: ${escapeHtml(sc.health_trend || 'unknown')}${sc.matched_rule ? ` · rule: ${escapeHtml(sc.matched_rule)}` : ''}</p>
        <h3>Why this score</h3><ul class="reasons">${sc.reasons.map((x) => `<li class="${x.impact >= 0 ? 'trend-up' : 'trend-down'}">${escapeHtml(x.text)}</li>`).join('') || '<li>No measure moved the score.</li>'}</ul>
        ${sc.missing.length ? `<p class="sub">No data for: ${escapeHtml(sc.missing.join(', '))}.</p>` : ''}`
        : `<p class="empty" data-state="empty">Not scored: the scorecard covers paying customers, and this account has no ARR on ${escapeHtml(r.as_of)}.</p>`}</div></div>
    <div class="card" data-csv-name="movements-${escapeHtml(a.account_id)}"><h2>MRR movements</h2><div class="scroll">${moves.length ? table([...moves].reverse(), [
      { key: 'period', text: true, label: 'Month' }, { key: 'movement', text: true, label: 'Movement', fmt: (v) => v ?? '—' }, { key: 'movement_mrr' }, { key: 'fx_impact_mrr' }, { key: 'mrr' },
    ], { report: r, id: 'account-movements' }) : '<p class="empty" data-state="empty">No MRR movements through this date.</p>'}</div></div>
    <div class="grid">
      <div class="card" data-csv-name="opportunities-${escapeHtml(a.account_id)}"><h2>Opportunities</h2><div class="scroll">${r.opportunities.length ? table(r.opportunities, [
        { key: 'opportunity_id', text: true, label: 'Opportunity' }, { key: 'type', text: true, label: 'Type' }, { key: 'status', text: true, label: 'Status' }, { key: 'stage', text: true, label: 'Stage', fmt: (v) => v ?? '—' },
        ...dateCols(['created_at', 'closed_at']), { key: 'amount', fmt: (v, row) => formatUnit('money', v, { currency: row.currency || r.currency }) }], { report: r, id: 'account-opportunities' }) : '<p class="empty" data-state="empty">No opportunities with this account.</p>'}</div></div>
      <div class="card" data-csv-name="tickets-${escapeHtml(a.account_id)}"><h2>Tickets</h2><div class="scroll">${r.tickets.length ? table(r.tickets, [
        { key: 'ticket_id', text: true, label: 'Ticket' }, ...dateCols(['opened_at', 'closed_at']), { key: 'effort_hours', fmt: (v) => (v === null ? '—' : `${num(v, 1)} h`) }, { key: 'escalation', text: true, label: 'Escalation' }], { report: r, id: 'account-tickets' }) : '<p class="empty" data-state="empty">No support tickets.</p>'}</div></div>
    </div>
    <div class="card" data-csv-name="nps-${escapeHtml(a.account_id)}"><h2>NPS answers</h2><div class="scroll">${r.nps.length ? table(r.nps, [
      ...dateCols(['date']), { key: 'nps_score', fmt: (v) => num(v) }, { key: 'category', text: true, label: 'Category' }, { key: 'contact_id', text: true, label: 'Contact', fmt: (v) => v ?? '—' }], { report: r, id: 'account-nps' }) : '<p class="empty" data-state="empty">No NPS answers.</p>'}</div></div>
    ${notes(r.notes)}`;
  const periods = r.rows.map((x) => x.period);
  const el = body.querySelector('.chart');
  if (!periods.length) {
    el.outerHTML = '<p class="empty" data-state="empty">This account has had no recurring revenue.</p>';
    return;
  }
  chart(el, {
    tooltip: { trigger: 'axis', valueFormatter: (v) => money(v) }, legend: {}, grid: { left: 70, right: 20, bottom: 40 },
    xAxis: axisTime(periods), yAxis: { type: 'value', axisLabel: { formatter: axisFormatter('money', r.currency) } },
    series: [{ name: label('mrr', r.fields), type: 'line', step: 'end', data: r.rows.map((x) => x.mrr), areaStyle: { opacity: 0.12 } },
      { name: label('movement_mrr', r.fields), type: 'bar', data: r.rows.map((x) => x.movement_mrr), itemStyle: { color: (p) => (p.value >= 0 ? PALETTE[1] : PALETTE[3]) } }],
  });
  wireDrills(body, ctx);
}
