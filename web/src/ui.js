// Small building blocks: KPI cards, tables, the drill-down panel.
import { getDrilldown, cellName } from './data.js';
import { escapeHtml, label, auto } from './format.js';

// A number that drills down: <span class="drill" data-value=raw data-report data-cell>.
export function drillable(text, raw, report, period, column, segment) {
  const cell = cellName(report, period, column, segment);
  return `<span class="drill" data-value="${raw === null || raw === undefined ? '' : raw}" data-report="${escapeHtml(report)}"
    data-cell="${escapeHtml(cell)}" data-segment="${escapeHtml(segment || '')}" title="Show the rows behind this number">${escapeHtml(text)}</span>`;
}

export function kpis(items) {
  return `<div class="kpis">${items.map((k) => `
    <div class="kpi" data-kpi="${escapeHtml(k.id)}"><div class="label">${escapeHtml(k.label)}</div>
    <div class="value">${k.html}</div></div>`).join('')}</div>`;
}

// rows: objects; columns: [{key, label?, fmt?(v,row), text?, drill?(row) → {period, column}}]
export function table(rows, columns, { id = '', currency, report, sortable = false } = {}) {
  const head = columns.map((c) => `<th class="${c.text ? 'text' : ''}${sortable ? ' sortable' : ''}" data-key="${escapeHtml(c.key)}">${escapeHtml(c.label || label(c.key))}</th>`).join('');
  const body = rows.map((r, i) => `<tr data-index="${i}">${columns.map((c) => {
    const v = typeof c.get === 'function' ? c.get(r) : r[c.key];
    const text = c.fmt ? c.fmt(v, r) : auto(c.key, v, currency);
    const html = c.html ? c.html(v, r) : c.drill && report && typeof v === 'number'
      ? drillable(text, v, report, r.period || r.cohort, c.key, r.segment)
      : escapeHtml(text);
    return `<td class="${c.text ? 'text' : ''}" data-col="${escapeHtml(c.key)}">${html}</td>`;
  }).join('')}</tr>`).join('');
  return `<table class="data" ${id ? `id="${id}"` : ''}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function notes(list) {
  if (!list || !list.length) return '';
  return `<ul class="notes">${list.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`;
}

let panel = null;

export function closePanel() {
  if (panel) panel.remove();
  panel = null;
}

// Opens the side panel with the rows behind `cell` of `report`.
export async function openDrilldown(ctx, report, cell, segment, local = {}) {
  closePanel();
  panel = document.createElement('aside');
  panel.className = 'panel';
  panel.id = 'drilldown';
  panel.innerHTML = `<button class="close" type="button">Close</button><h2>Rows behind ${escapeHtml(report)} · ${escapeHtml(cell)}${segment && segment !== 'all' ? ` · ${escapeHtml(segment)}` : ''}</h2><div class="content"><p class="sub">Loading…</p></div>`;
  panel.querySelector('.close').addEventListener('click', closePanel);
  document.body.appendChild(panel);
  const content = panel.querySelector('.content');
  const mine = panel;
  try {
    const answer = await getDrilldown(report, ctx.filters, local, cell, segment);
    if (panel !== mine) return;
    const rows = Array.isArray(answer) ? answer : answer.rows || [];
    const columns = rows.length ? Object.keys(rows[0]).filter((k) => typeof rows[0][k] !== 'object' || rows[0][k] === null) : [];
    content.innerHTML = `<p class="sub" data-rows="${rows.length}">${rows.length} row${rows.length === 1 ? '' : 's'}${answer.total !== undefined ? ` · total ${escapeHtml(String(answer.total))}` : ''}</p>
      <div class="scroll">${rows.length ? table(rows, columns.map((k) => ({ key: k, text: typeof rows[0][k] === 'string' }))) : '<p>No rows.</p>'}</div>
      ${notes(answer.notes)}`;
    content.dataset.ready = 'true';
  } catch (e) {
    if (panel !== mine) return;
    content.innerHTML = `<div class="${e.status === 404 ? 'notice' : 'error'}" data-state="drilldown-error">${escapeHtml(e.message)}</div>`;
    content.dataset.ready = 'true';
  }
}

// Wires every .drill inside `root` to the drill-down panel.
export function wireDrills(root, ctx, local = {}) {
  root.querySelectorAll('.drill').forEach((el) => {
    el.addEventListener('click', () => openDrilldown(ctx, el.dataset.report, el.dataset.cell, el.dataset.segment, local));
  });
}
