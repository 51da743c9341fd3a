// The sales-programs page (docs/PROGRAMS.md): the programs, pending applications with their
// pre-check and fit, an apply form, approve / reject with a reason, decisions and results.
// Writes need the server's bearer token: entered once, kept in sessionStorage for the tab.
import { embedded, fetchJson, ApiError, getToken, setToken } from './data.js';
import { escapeHtml, moneyFull as money, num } from './format.js';
import { table, notes, notSegmented } from './ui.js';

// The live JSON of /api/programs[?view=…]; never cached (writes change it).
const programs = (view) => fetchJson(`api/programs${view ? `?view=${view}` : ''}`, { cache: 'no-store' });

async function post(url, body) {
  return fetchJson(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${getToken()}` },
    body: JSON.stringify(body),
  });
}

function say(body, ok, text) {
  const el = body.querySelector('#program-message');
  el.className = ok ? 'notice' : 'error';
  el.dataset.state = ok ? 'ok' : 'error';
  el.textContent = text;
  el.hidden = false;
}

export async function renderPrograms(body, ctx) {
  if (embedded) throw new ApiError('sales programs need the live dashboard (flywheel serve --programs FILE)', 404);
  const defs = await programs();
  const options = defs.rows.map((p) => `<option value="${escapeHtml(p.program)}">${escapeHtml(p.name)} (${escapeHtml(p.program)})</option>`).join('');
  body.innerHTML = `${notSegmented(ctx, 'programs list applications and decisions, one per opportunity')}
    <div class="card"><h2>Programs</h2><div class="scroll">${table(defs.rows, [
      { key: 'program', text: true }, { key: 'name', text: true }, { key: 'eligibility', text: true },
      { key: 'benefits', text: true }, { key: 'advocacy', text: true }, { key: 'cap', fmt: (v) => (v === null ? '—' : num(v)) }], { id: 'programs' })}</div></div>
    <div class="card"><h2>Write access</h2>
      <label>Token <input id="program-token" type="password" autocomplete="off" value="${escapeHtml(getToken())}" placeholder="the token of --token-file"></label>
      <span class="sub">kept for this browser tab only</span></div>
    <div id="program-message" hidden></div>
    <div class="card"><h2>Apply</h2>
      <form id="apply-form">
        <label>Program <select id="apply-program">${options}</select></label>
        <label>Open opportunity <input id="apply-opportunity" required placeholder="opportunity id"></label>
        <label>Applicant <input id="apply-applicant" required placeholder="your name"></label>
        <label>Note <input id="apply-note" placeholder="why this deal"></label>
        <button id="apply-submit" type="submit">Apply</button>
      </form></div>
    <div class="card"><h2>Pending applications</h2>
      <label>Decided by <input id="decide-by" placeholder="committee member"></label>
      <div class="scroll" id="pending-wrap"></div></div>
    <div class="card"><h2>Decisions</h2><div class="scroll" id="decisions-wrap"></div></div>
    <div class="card"><h2>Results</h2><div class="scroll" id="results-wrap"></div></div>`;

  body.querySelector('#program-token').addEventListener('change', (e) => setToken(e.target.value.trim()));

  async function refresh() {
    const [pending, decisions, results] = await Promise.all([programs('pending'), programs('decisions'), programs('results')]);
    const pw = body.querySelector('#pending-wrap');
    pw.innerHTML = (pending.rows.length ? table(pending.rows, [
      { key: 'application_id', label: 'Id' }, { key: 'program', text: true }, { key: 'opportunity_id', label: 'Opportunity', text: true },
      { key: 'account_id', label: 'Account', text: true }, { key: 'applicant', text: true }, { key: 'applied_at', text: true },
      { key: 'precheck', label: 'Pre-check', text: true }, { key: 'failed_rules', text: true }, { key: 'fit', fmt: (v) => (v === null ? '—' : num(v)) },
      { key: 'note', text: true },
      { key: 'decide', label: 'Decision', text: true, html: (_, r) => `<input class="reason" data-id="${r.application_id}" placeholder="reason">
        <button type="button" class="approve" data-id="${r.application_id}">Approve</button>
        <button type="button" class="reject" data-id="${r.application_id}">Reject</button>` }], { id: 'pending' })
      : '<p class="sub" id="pending-empty">No pending applications.</p>') + notes(pending.notes);
    pw.querySelectorAll('button.approve, button.reject').forEach((b) => b.addEventListener('click', async () => {
      const id = b.dataset.id;
      const reason = pw.querySelector(`input.reason[data-id="${id}"]`).value.trim();
      const decidedBy = body.querySelector('#decide-by').value.trim();
      try {
        const d = await post(`api/applications/${id}/decisions`, { decision: b.classList.contains('approve') ? 'approve' : 'reject', reason, decided_by: decidedBy });
        say(body, true, `Application ${d.application_id} is now ${d.state} (decision ${d.decision_id}).`);
        await refresh();
      } catch (e) {
        say(body, false, e.message);
      }
    }));
    body.querySelector('#decisions-wrap').innerHTML = (decisions.rows.length ? table(decisions.rows, [
      { key: 'program', text: true }, { key: 'application_id', label: 'Application' }, { key: 'opportunity_id', label: 'Opportunity', text: true },
      { key: 'decision', text: true }, { key: 'reason', text: true }, { key: 'decided_by', text: true }, { key: 'decided_at', text: true },
      { key: 'state', text: true }], { id: 'decisions' }) : '<p class="sub">No decisions yet.</p>') + notes(decisions.notes);
    body.querySelector('#results-wrap').innerHTML = table(results.rows, [
      { key: 'program', text: true }, { key: 'applications' }, { key: 'pending' }, { key: 'approved' }, { key: 'rejected' },
      { key: 'cap', fmt: (v) => (v === null ? '—' : num(v)) }, { key: 'won_deals' }, { key: 'won_arr', label: 'Won ARR', fmt: (v) => money(v, results.currency) },
      { key: 'advocacy_committed' }, { key: 'advocacy_delivered' }], { id: 'program-results' }) + notes(results.notes);
  }

  body.querySelector('#apply-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const program = body.querySelector('#apply-program').value;
    try {
      const a = await post(`api/programs/${encodeURIComponent(program)}/applications`, {
        opportunity_id: body.querySelector('#apply-opportunity').value.trim(),
        applicant: body.querySelector('#apply-applicant').value.trim(),
        note: body.querySelector('#apply-note').value.trim(),
      });
      say(body, true, `Application ${a.application_id} stored: ${a.precheck}${a.failed_rules.length ? ` (failed: ${a.failed_rules.join('; ')})` : ''}, fit ${a.fit === null ? '—' : num(a.fit)}.`);
      await refresh();
    } catch (err) {
      say(body, false, err.message);
    }
  });

  try {
    await refresh();
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    // A server over --data: definitions only.
    body.querySelector('#pending-wrap').innerHTML = `<div class="notice" data-state="no-workspace">${escapeHtml(e.message)}</div>`;
  }
}
