// The values of each segment attribute the reports have shown so far, for the Segment filter:
// pages note the segments their rows carry, the filter bar lists them.
import { escapeHtml } from './format.js';

const segmentValues = new Map();  // segment_by → the values seen in reports

export function knownSegments(segmentBy) {
  return segmentValues.get(segmentBy) || [];
}

// Pages call this with the segments their rows carry, so the Segment filter lists them.
export function noteSegments(segmentBy, rows) {
  if (!segmentBy) return;
  const values = [...new Set(rows.map((r) => r.segment).filter((s) => s && s !== 'all'))].sort();
  const known = knownSegments(segmentBy);
  if (values.length > known.length) {
    segmentValues.set(segmentBy, values);
    const sel = document.getElementById('f-segment');
    if (sel) {
      const cur = sel.value;
      sel.innerHTML = `<option value="">all values</option>${values.map((v) => `<option value="${escapeHtml(v)}"${v === cur ? ' selected' : ''}>${escapeHtml(v)}</option>`).join('')}`;
    }
  }
}
