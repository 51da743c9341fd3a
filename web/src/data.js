// Where the dashboard's numbers come from: the server's JSON API (`flywheel serve`), or the
// report JSON inlined into a self-contained file (`flywheel report --html`), which sets
// window.FLYWHEEL_EMBEDDED = { as_of, reports: { "<name>[?k=v&...]": <report JSON> } }.

export const embedded = typeof window !== 'undefined' ? window.FLYWHEEL_EMBEDDED || null : null;

// The global filters every page applies, as API query parameters.
export const FILTER_NAMES = ['period', 'segment_by', 'segment', 'as_of'];

export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  }
  return q.toString();
}

// The embedded key of a report: its name, then the page's own parameters (metric, mode)
// sorted by name. Global filters are not part of it: a static file has one view.
export function embeddedKey(name, local = {}) {
  const q = query(Object.fromEntries(Object.entries(local).sort(([a], [b]) => a.localeCompare(b))));
  return q ? `${name}?${q}` : name;
}

const cache = new Map();

// The server's bearer token: writes always need it, reads too on a server that listens
// beyond loopback (docs/API.md). Entered once, kept in sessionStorage for the tab.
const TOKEN_KEY = 'flywheel.token';

export function getToken() {
  try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch { return ''; }
}
export function setToken(t) {
  try { sessionStorage.setItem(TOKEN_KEY, t); } catch { /* storage disabled: ask again next time */ }
}

// A server beyond loopback answered 401 to a read: ask for the token once, then reload.
function askForToken() {
  if (typeof document === 'undefined' || document.getElementById('token-dialog')) return;
  const form = document.createElement('form');
  form.id = 'token-dialog';
  form.className = 'card token-dialog';
  form.innerHTML = `<h2>This Flywheel server needs an access token</h2>
    <p class="sub">Ask whoever runs it for the token of its --token-file.</p>
    <label>Token <input id="token-input" type="password" autocomplete="off" required></label>
    <button type="submit">Open the dashboard</button>`;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    setToken(form.querySelector('#token-input').value.trim());
    window.location.reload();
  });
  document.body.prepend(form);
  form.querySelector('#token-input').focus();
}

// The JSON of report `name` for the global filters and the page's own parameters.
export async function getReport(name, filters, local = {}) {
  if (embedded) {
    const key = embeddedKey(name, local);
    if (!(key in embedded.reports)) throw new ApiError(`"${key}" is not included in this file`, 404);
    return embedded.reports[key];
  }
  const url = `api/${name}?${query({ ...filters, ...local })}`;
  if (cache.has(url)) return cache.get(url);
  // The first page's request, started by boot.js before this script was parsed.
  const early = typeof window !== 'undefined' && window.FLYWHEEL_EARLY && window.FLYWHEEL_EARLY.url === url ? window.FLYWHEEL_EARLY : null;
  if (early) window.FLYWHEEL_EARLY = null;
  const promise = fetchJson(url, {}, early ? early.response : null);
  cache.set(url, promise);
  promise.catch(() => cache.delete(url));
  return promise;
}

// While `flywheel serve` is still loading its data it answers every API path 503
// {"status": "loading"}: one notice says so (with the seconds so far) and the request is made
// again each second until the data is there.
function showLoading(seconds) {
  if (typeof document === 'undefined') return;
  let notice = document.getElementById('loading-notice');
  if (!notice) {
    notice = document.createElement('div');
    notice.id = 'loading-notice';
    notice.className = 'notice loading-notice';
    notice.setAttribute('role', 'status');
    document.body.prepend(notice);
  }
  notice.textContent = `Loading the data… ${Math.round(seconds || 0)} s so far. The dashboard fills in when it is ready.`;
}
function hideLoading() {
  if (typeof document !== 'undefined') document.getElementById('loading-notice')?.remove();
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// `started`: the fetch of `url` already under way (boot.js), else it is made here.
export async function fetchJson(url, init = {}, started = null) {
  let response;
  const token = getToken();
  const headers = { ...(init.headers || {}) };
  if (token && !headers.Authorization) headers.Authorization = `Bearer ${token}`;
  try {
    response = await (started || fetch(url, { ...init, headers }));
  } catch (e) {
    throw new ApiError(`cannot reach the server (${e.message})`, 0);
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.status === 503 && body && body.status === 'loading') {
    showLoading(body.loading_seconds);
    await sleep(1000 * (Number(response.headers.get('Retry-After')) || 1));
    return fetchJson(url, init);
  }
  hideLoading();
  if (!response.ok) {
    const message = body && body.error ? body.error : `${response.status} ${response.statusText}`;
    if (response.status === 401 && (init.method || 'GET') === 'GET') askForToken();
    throw new ApiError(message, response.status);
  }
  if (body === null) throw new ApiError(`${url}: the answer is not JSON`, response.status);
  return body;
}

// The rows behind one number: GET /api/drilldown/<report>?<filters>&cell=<cell>.
export async function getDrilldown(name, filters, local, cell, segment) {
  if (embedded) throw new ApiError('drill-down needs the live dashboard (flywheel serve)', 404);
  const params = { ...filters, ...local, cell };
  if (segment && segment !== 'all') params.segment = segment;
  return fetchJson(`api/drilldown/${name}?${query(params)}`);
}

// The cell name of a number in a report: "<period>:<column>" ("2025-12:new_mrr"), or the
// column alone for reports without periods. One place, so the server and the pages agree.
// The drill-down cell: revenue cells name the segment too (PERIOD:SEGMENT:FIELD).
export function cellName(report, period, column, segment) {
  if (report === 'revenue') return `${period}:${segment || 'all'}:${column}`;
  return period ? `${period}:${column}` : column;
}

// No rows for the chosen filters: the page says why in words instead of drawing empty cards.
export class NoData extends Error {}

// Throws NoData when `rows` is empty: with an as-of date before the data starts, "No data as
// of 2015-01-01: …"; otherwise (a segment without rows) "Nothing for these filters".
export async function requireRows(rows, ctx, what = 'revenue') {
  if (rows && rows.length) return;
  const asOf = ctx.filters.as_of;
  let last = '';
  try { last = embedded ? embedded.as_of : (await getReport('health', {})).as_of; } catch { /* the sentence does without it */ }
  if (asOf && (!last || asOf < last)) {
    throw new NoData(`No data as of ${asOf}: the data set has no ${what === 'customers' ? 'paying customers' : 'subscriptions, deals or leads'} on or before this date. `
      + `Choose a later as-of date${last ? ` (the data runs to ${last})` : ''}.`);
  }
  throw new NoData(`Nothing to show for these filters${ctx.filters.segment ? ` (segment ${ctx.filters.segment})` : ''}: no rows in this report. Widen the filters or clear the segment.`);
}

// An API error in words for people; the server's own message stays available as the detail.
// "fx.csv: no rate for EUR in 2026-01 (needed by …)" → the rates end before the chosen date.
export function humanError(message) {
  const fx = /^fx\.csv: no rate for ([A-Z]{3}) in (\d{4}-\d{2})/.exec(message || '');
  if (fx) {
    return `Exchange rates end before this date: fx.csv has no ${fx[1]} rate for ${fx[2]}, so amounts in ${fx[1]} cannot be converted. `
      + 'Choose an earlier as-of date (up to the last month fx.csv covers), or add the missing rates to fx.csv.';
  }
  return message;
}
