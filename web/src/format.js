// Number formatting shared by the pages, only from the units the reports declare in their
// JSON "fields" ({ "<field>": { label, unit, drilldown } }): nothing is guessed from names.
// Every shown number also carries its raw value in data-value, so a check can compare it with
// the API's JSON.

const SYMBOLS = { USD: '$', EUR: '€', GBP: '£' };

function moneyParts(currency) {
  const sym = SYMBOLS[currency] ?? '';
  return { sym, suffix: sym ? '' : ` ${currency || ''}`.trimEnd() };
}

// Money in cards and axes: $730, $7.3k, $668k, $8.0M.
export function moneyCompact(v, currency = 'USD') {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const { sym, suffix } = moneyParts(currency);
  const abs = Math.abs(v);
  const sign = v < 0 ? '−' : '';
  let body;
  if (abs >= 1e9) body = `${(abs / 1e9).toFixed(1)}B`;
  else if (abs >= 1e6) body = `${(abs / 1e6).toFixed(1)}M`;
  else if (abs >= 1e5) body = `${(abs / 1e3).toFixed(0)}k`;
  else if (abs >= 1e3) body = `${(abs / 1e3).toFixed(1)}k`;
  else body = abs.toFixed(0);
  return `${sign}${sym}${body}${suffix}`;
}

// Money in tables: whole units with separators ($668,137); cents below 100.
export function moneyFull(v, currency = 'USD') {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const { sym, suffix } = moneyParts(currency);
  const abs = Math.abs(v);
  const digits = abs < 100 && abs !== Math.round(abs) ? 2 : 0;
  const text = numberFormat(digits, digits).format(abs);
  return `${v < 0 ? '−' : ''}${sym}${text}${suffix}`;
}

export function pct(v, digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return `${(v * 100).toFixed(digits)}%`;
}

// Number formats are made once and kept: toLocaleString builds one per call, which made the
// revenue page's table (hundreds of cells) cost tens of milliseconds.
const formats = new Map();
function numberFormat(minDigits, maxDigits) {
  const key = `${minDigits}:${maxDigits}`;
  if (!formats.has(key)) formats.set(key, new Intl.NumberFormat('en-US', { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits }));
  return formats.get(key);
}

export function num(v, digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  if (Number.isInteger(v)) return numberFormat(0, 0).format(v);
  return numberFormat(0, digits).format(v);
}

export function days(v) {
  return v === null || v === undefined || Number.isNaN(v) ? '—' : `${num(v, 1)} d`;
}

// A value in `unit`; `compact` for cards, axes and chart labels (money as $668k).
export function formatUnit(unit, v, { currency = 'USD', compact = false } = {}) {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'number') return String(v);
  switch (unit) {
    case 'money': return compact ? moneyCompact(v, currency) : moneyFull(v, currency);
    case 'percent': return pct(v, 1);
    case 'ratio': return v.toFixed(2);
    case 'days': return days(v);
    case 'count': return num(Math.round(v));
    case 'number': return num(v, 2);
    default: return String(v);
  }
}

// The unit of `field` in a report's JSON (its "fields"); `row` resolves "unit_from" (the flywheel
// indicators: the value takes the unit of the indicator the row names).
export function unitOf(fields, field, row) {
  const f = fields && fields[field];
  if (!f) return 'number';
  if (f.unit_from && row && fields[row[f.unit_from]]) return fields[row[f.unit_from]].unit;
  return f.unit;
}

// The formatted value of `field` of a report.
export function fmtField(report, field, v, { compact = false, row } = {}) {
  return formatUnit(unitOf(report.fields, field, row), v, { currency: report.currency, compact });
}

// An axis label formatter for `unit` (compact money, whole percent).
export function axisFormatter(unit, currency) {
  if (unit === 'percent') return (v) => pct(v, 0);
  return (v) => formatUnit(unit, v, { currency, compact: true });
}

export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// The label of `field`: the report's own, else the name in words.
export function label(field, fields) {
  if (fields && fields[field] && fields[field].label) return fields[field].label;
  return String(field).replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
