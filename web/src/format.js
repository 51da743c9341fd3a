// Number formatting shared by the pages. Every shown number also carries its raw value in
// data-value, so a check can compare it with the API's JSON.

export function money(v, currency = 'USD') {
  if (v === null || v === undefined) return '—';
  const abs = Math.abs(v);
  const sign = v < 0 ? '−' : '';
  const sym = currency === 'USD' ? '$' : currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : '';
  const suffix = sym ? '' : ` ${currency}`;
  if (abs >= 1e6) return `${sign}${sym}${(abs / 1e6).toFixed(2)}M${suffix}`;
  if (abs >= 1e4) return `${sign}${sym}${(abs / 1e3).toFixed(1)}k${suffix}`;
  return `${sign}${sym}${abs.toFixed(0)}${suffix}`;
}

export function pct(v, digits = 1) {
  if (v === null || v === undefined) return '—';
  return `${(v * 100).toFixed(digits)}%`;
}

export function num(v, digits = 1) {
  if (v === null || v === undefined) return '—';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function days(v) {
  return v === null || v === undefined ? '—' : `${num(v)} d`;
}

// Picks a formatter from a column name.
export function auto(column, v, currency) {
  if (typeof v !== 'number') return v === null || v === undefined ? '—' : String(v);
  if (/(mrr|arr|acv|arpa|amount|spend|pipeline_generated|cac$|burn$|potential|velocity)/.test(column)) return money(v, currency);
  if (/(rate|nrr|grr|ratio_share|share|margin)$/.test(column) || /^(nrr|grr|lvr)$/.test(column) || column.startsWith('win_rate')) return pct(v);
  if (/days/.test(column)) return days(v);
  return num(v, 2);
}

export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

export function label(column) {
  return column.replace(/_/g, ' ').replace(/\bmrr\b/g, 'MRR').replace(/\barr\b/g, 'ARR').replace(/\bnrr\b/g, 'NRR')
    .replace(/\bgrr\b/g, 'GRR').replace(/\bcac\b/g, 'CAC').replace(/\blvr\b/g, 'LVR').replace(/\bacv\b/g, 'ACV')
    .replace(/\barpa\b/g, 'ARPA').replace(/\bttv\b/g, 'TTV').replace(/\bfx\b/g, 'FX').replace(/^./, (c) => c.toUpperCase());
}
