// Small building blocks: KPI cards, tables, the drill-down panel. Numbers are formatted from
// the report's "fields" (format.js); a number opens its rows only when its field declares
// "drilldown": true, and then it is a <button class="drill"> (Tab, Enter); other numbers are
// plain text.
import { embedded, getDrilldown, humanError } from './data.js';
import { escapeHtml, label, fmtField, formatUnit, unitOf } from './format.js';

const rawAttr = (raw) => (raw === null || raw === undefined ? '' : escapeHtml(String(raw)));

// A number that opens the rows behind it (cell: the drill-down cell of `report`).
export function drillable(text, raw, report, cell, segment = '') {
  if (embedded) return plain(text, raw);
  return `<button type="button" class="drill" data-value="${rawAttr(raw)}" data-report="${escapeHtml(report)}"
    data-cell="${escapeHtml(cell)}" data-segment="${escapeHtml(segment || '')}" title="Show the rows behind this number">${escapeHtml(text)}</button>`;
}

// A number that does not drill down.
export function plain(text, raw) {
  return `<span class="num" data-value="${rawAttr(raw)}">${escapeHtml(text)}</span>`;
}

// The html of `field` of `row` in `report` (a report's JSON): a drill-down button when the
// field drills down and the value is a number, else plain. cell(field) names the drill-down cell.
export function fieldHtml(report, name, row, field, cell, { compact = false, segment } = {}) {
  const v = row ? row[field] : null;
  const text = fmtField(report, field, v, { compact, row });
  const f = report.fields && report.fields[field];
  if (f && f.drilldown && typeof v === 'number' && cell) return drillable(text, v, name, cell, segment);
  return plain(text, v);
}

export function kpis(items) {
  return `<div class="kpis">${items.map((k) => `
    <div class="kpi" data-kpi="${escapeHtml(k.id)}"><div class="label">${escapeHtml(k.label)}</div>
    <div class="value">${k.html}</div>${k.delta || ''}</div>`).join('')}</div>`;
}

// rows: objects; columns: [{key, label?, fmt?(v,row), text?, html?(v,row), get?(row)}].
// report: the report JSON whose "fields" give labels, units and drill-downs; name: its API
// name; cell(row, key): the drill-down cell of a number (none: nothing drills).
export function table(rows, columns, { id = '', report = { fields: {} }, name = '', cell = null, sortable = false, caption = '', rowClass = null } = {}) {
  const head = columns.map((c) => `<th scope="col" class="${c.text ? 'text' : ''}${sortable ? ' sortable' : ''}" data-key="${escapeHtml(c.key)}">${escapeHtml(c.label || label(c.key, report.fields))}</th>`).join('');
  const body = rows.map((r, i) => `<tr data-index="${i}"${rowClass && rowClass(r) ? ` class="${escapeHtml(rowClass(r))}"` : ''}>${columns.map((c) => {
    const v = typeof c.get === 'function' ? c.get(r) : r[c.key];
    let html;
    if (c.html) html = c.html(v, r);
    else if (c.text) html = escapeHtml(c.fmt ? c.fmt(v, r) : v === null || v === undefined ? '—' : String(v));
    else {
      const text = c.fmt ? c.fmt(v, r) : fmtField(report, c.key, v, { row: r });
      const f = report.fields && report.fields[c.key];
      html = f && f.drilldown && cell && typeof v === 'number' ? drillable(text, v, name, cell(r, c.key), r.segment) : plain(text, v);
    }
    return `<td class="${c.text ? 'text' : ''}" data-col="${escapeHtml(c.key)}">${html}</td>`;
  }).join('')}</tr>`).join('');
  return `<table class="data" ${id ? `id="${id}"` : ''}>${caption ? `<caption class="sr-only">${escapeHtml(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

// The mark of a page that a chosen segment does not apply to (why: in words).
export function notSegmented(ctx, why) {
  if (!ctx.filters.segment_by) return '';
  return `<p class="notice small" data-state="not-segmented"><b>Not segmented here:</b> ${escapeHtml(why)}; the segment filter does not apply to this page.</p>`;
}

export function notes(list) {
  if (!list || !list.length) return '';
  return `<ul class="notes">${list.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`;
}

let panel = null;
let opener = null;

export function closePanel() {
  if (panel) panel.remove();
  panel = null;
  if (opener && document.body.contains(opener)) opener.focus();
  opener = null;
}

document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && panel) closePanel();
});

// The drill-down answer's totals in words: "total $668,137" or "value 104.3% = 1.2M / 1.1M".
function summary(answer) {
  const f = answer.fields || {};
  const fmt = (k) => formatUnit(unitOf(f, k), answer[k], { currency: answer.currency });
  const parts = [];
  if (answer.total !== undefined) parts.push(`total ${fmt('total')}`);
  if (answer.value !== undefined) parts.push(`value ${fmt('value')}`);
  if (answer.numerator !== undefined && answer.denominator !== undefined) {
    parts.push(`Σ numerator ${fmt('numerator')} / Σ denominator ${fmt('denominator')}`);
  }
  return parts.join(' · ');
}

// Opens the side panel with the rows behind `cell` of `report`; it takes the focus, Escape
// or Close gives it back to the number that opened it.
export async function openDrilldown(ctx, report, cell, segment, local = {}, title = '') {
  const from = document.activeElement;
  closePanel();
  opener = from;
  panel = document.createElement('aside');
  panel.className = 'panel';
  panel.id = 'drilldown';
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-modal', 'false');
  panel.setAttribute('aria-labelledby', 'drilldown-title');
  panel.tabIndex = -1;
  panel.innerHTML = `<button class="close" type="button">Close</button><h2 id="drilldown-title">Rows behind ${escapeHtml(title || report)} · ${escapeHtml(cell)}${segment && segment !== 'all' ? ` · ${escapeHtml(segment)}` : ''}</h2><div class="content"><p class="sub">Loading…</p></div>`;
  panel.querySelector('.close').addEventListener('click', closePanel);
  document.body.appendChild(panel);
  panel.focus();
  const content = panel.querySelector('.content');
  const mine = panel;
  try {
    const answer = await getDrilldown(report, ctx.filters, local, cell, segment);
    if (panel !== mine) return;
    const rows = Array.isArray(answer) ? answer : answer.rows || [];
    const columns = rows.length ? Object.keys(rows[0]).filter((k) => typeof rows[0][k] !== 'object' || rows[0][k] === null) : [];
    const shape = { fields: answer.fields || {}, currency: answer.currency };
    content.innerHTML = `<p class="sub" data-rows="${rows.length}">${rows.length} row${rows.length === 1 ? '' : 's'}${summary(answer) ? ` · ${escapeHtml(summary(answer))}` : ''}</p>
      <div class="scroll">${rows.length ? table(rows, columns.map((k) => ({ key: k, text: unitOf(shape.fields, k) === 'text' || unitOf(shape.fields, k) === 'date' })), { report: shape, id: 'drill-rows' }) : '<p>No rows: nothing is behind this number in this period.</p>'}</div>
      ${notes(answer.notes)}`;
    if (rows.length) {
      const b = document.createElement('button');
      b.type = 'button'; b.className = 'download-csv'; b.textContent = 'CSV';
      b.setAttribute('aria-label', 'Download these rows as CSV');
      b.addEventListener('click', () => {
        const t = tableRows(content.querySelector('table.data'));
        downloadCsv(`drilldown-${report}-${cell.replace(/[^A-Za-z0-9-]+/g, '_')}.csv`, toCsv(t.labels, t.rows));
      });
      content.querySelector('p.sub').append(' ', b);
    }
    content.dataset.ready = 'true';
  } catch (e) {
    if (panel !== mine) return;
    content.innerHTML = `<div class="${e.status === 404 ? 'notice' : 'error'}" data-state="drilldown-error">${escapeHtml(humanError(e.message))}</div>`;
    content.dataset.ready = 'true';
  }
}

// Wires every .drill inside `root` to the drill-down panel.
export function wireDrills(root, ctx, local = {}) {
  root.querySelectorAll('button.drill').forEach((el) => {
    el.addEventListener('click', () => openDrilldown(ctx, el.dataset.report, el.dataset.cell, el.dataset.segment, local));
  });
}

// ---- downloads: a CSV for every table, a PNG for every chart ---------------------------

// A CSV field: quoted when it holds a comma, quote or line break; text that a spreadsheet
// would run as a formula (=, +, @) starts with an apostrophe.
function csvField(v) {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+@\t]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(labels, rows) {
  return `${[labels, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

// The rows of a rendered table: numbers as their raw values (data-value), text as shown.
export function tableRows(tableEl) {
  const labels = [...tableEl.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  const rows = [...tableEl.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => {
    const n = td.querySelector('[data-value]');
    if (n && n.dataset.value !== '') return Number(n.dataset.value);
    const t = td.textContent.trim();
    return t === '—' ? '' : t;
  }));
  return { labels, rows };
}

function save(href, filename) {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadCsv(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  save(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const slug = (s) => String(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'table';

// Adds a CSV button to every card with a table and a PNG button to every chart in `root`.
// A card may give its own rows (card.csvRows(): {rows, columns, labels}: every row, not the
// page shown). Files are named after the page, the card and the as-of date.
export function addDownloads(root, page, asOf, chartImage) {
  root.querySelectorAll('.card').forEach((card) => {
    const h2 = card.querySelector('h2');
    if (!h2 || card.querySelector(':scope > .downloads')) return;
    const name = `${page}-${card.dataset.csvName || slug(h2.textContent)}${asOf ? `-${asOf}` : ''}`;
    const tools = document.createElement('div');
    tools.className = 'downloads';
    if (card.csvRows || card.querySelector('table.data')) {
      const b = document.createElement('button');
      b.type = 'button'; b.className = 'download-csv'; b.textContent = 'CSV';
      b.setAttribute('aria-label', `Download ${h2.textContent} as CSV`);
      b.addEventListener('click', () => {
        if (card.csvRows) {
          const { rows, columns, labels } = card.csvRows();
          downloadCsv(`${name}.csv`, toCsv(labels, rows.map((r) => columns.map((k) => r[k]))));
          return;
        }
        const t = tableRows(card.querySelector('table.data'));
        downloadCsv(`${name}.csv`, toCsv(t.labels, t.rows));
      });
      tools.appendChild(b);
    }
    const chartEl = card.querySelector('.chart');
    if (chartEl) {
      const b = document.createElement('button');
      b.type = 'button'; b.className = 'download-png'; b.textContent = 'PNG';
      b.setAttribute('aria-label', `Download ${h2.textContent} as PNG`);
      b.addEventListener('click', () => { const url = chartImage(chartEl); if (url) save(url, `${name}.png`); });
      tools.appendChild(b);
    }
    if (tools.children.length) card.insertBefore(tools, h2);
  });
}
