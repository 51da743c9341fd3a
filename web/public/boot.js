// Starts the first page's API request while the dashboard's script is still loading and being
// parsed (about 200 ms of the first chart's time on the demo data, docs/DASHBOARD.md "Speed");
// data.js getReport takes the answer over when it asks for the same URL. A classic script:
// it runs before the deferred module. The URL is built as data.js builds it.
(function () {
  var reports = { '': 'revenue', revenue: 'revenue', flywheel: 'flywheel', pipeline: 'pipeline', ttv: 'ttv', efficiency: 'efficiency' };
  var hash = window.location.hash.replace(/^#\/?/, '');
  var name = reports[hash.split('?')[0]];
  if (!name || !window.fetch || !window.URLSearchParams) return;
  var given = new URLSearchParams(hash.split('?')[1] || '');
  var q = new URLSearchParams();
  ['period', 'segment_by', 'segment', 'as_of'].forEach(function (k) { if (given.get(k)) q.set(k, given.get(k)); });
  if (!q.get('segment_by')) q.delete('segment');
  var headers = {};
  try {
    var token = window.sessionStorage.getItem('flywheel.token');
    if (token) headers.Authorization = 'Bearer ' + token;
  } catch (e) { /* storage disabled: no token */ }
  var url = 'api/' + name + '?' + q.toString();
  if (window.performance && performance.mark) performance.mark('flywheel:early-fetch');
  var response = window.fetch(url, { headers: headers });
  response.catch(function () { /* data.js reports it */ });
  window.FLYWHEEL_EARLY = { url: url, response: response };
})();
