// The day overview page: static HTML and a small script that fetches /api/v1/reports/day and
// writes every stored value with textContent (never innerHTML). The script is its own file so the
// page works under the Content-Security-Policy's script-src 'self' (docs/security.md).
export const DAY_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Vigil · sessions of the day</title>
<style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #111; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ccc; }
td.missing { color: #b00020; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
</style>
</head>
<body>
<h1>Sessions of <span id="day-date"></span></h1>
<form id="day-form"><label>Date (UTC) <input type="date" name="date" id="day-input"></label> <button>Show</button> <a href="/">Dashboard</a></form>
<p id="day-status" role="status"></p>
<table id="day-table" hidden>
<thead><tr><th>Start</th><th>Room</th><th>Patient</th><th>Clinician</th><th>Drug</th><th>Duration</th><th>High</th><th>Medium</th><th>Low</th><th>REMS fields missing</th><th>Report</th></tr></thead>
<tbody id="day-rows"></tbody>
</table>
<script src="/reports/day.js"></script>
</body>
</html>
`;

export const DAY_PAGE_SCRIPT = `(function () {
  var params = new URLSearchParams(location.search);
  var date = params.get('date') || new Date().toISOString().slice(0, 10);
  document.getElementById('day-input').value = date;
  document.getElementById('day-date').textContent = date;
  function cell(text, cls) { var td = document.createElement('td'); td.textContent = text; if (cls) td.className = cls; return td; }
  function minutes(m) { var h = Math.floor(m / 60); var r = Math.round(m % 60); return h > 0 ? h + ' h ' + String(r).padStart(2, '0') + ' min' : r + ' min'; }
  fetch('/api/v1/reports/day?date=' + encodeURIComponent(date)).then(function (r) { return r.json(); }).then(function (day) {
    var rows = document.getElementById('day-rows');
    var status = document.getElementById('day-status');
    if (!day.sessions) { status.textContent = day.message || 'The overview could not be loaded.'; return; }
    status.textContent = day.sessions.length + ' session(s).';
    day.sessions.forEach(function (s) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-session-id', s.sessionId);
      tr.appendChild(cell(s.startedAt.slice(11, 16)));
      tr.appendChild(cell(s.room));
      tr.appendChild(cell(s.patientPseudonym));
      tr.appendChild(cell(s.clinician));
      tr.appendChild(cell(s.drug));
      tr.appendChild(cell(minutes(s.durationMinutes) + (s.endedAt ? '' : ' (active)')));
      tr.appendChild(cell(String(s.alarms.high), 'num'));
      tr.appendChild(cell(String(s.alarms.medium), 'num'));
      tr.appendChild(cell(String(s.alarms.low), 'num'));
      var missing = s.remsMissing === null ? 'n/a (ketamine)' : s.remsMissing.length === 0 ? 'none' : s.remsMissing.join('; ');
      tr.appendChild(cell(missing, s.remsMissing && s.remsMissing.length > 0 ? 'missing' : ''));
      var link = document.createElement('a');
      link.href = s.reportUrl;
      link.textContent = 'Report (PDF)';
      var td = document.createElement('td');
      td.appendChild(link);
      tr.appendChild(td);
      rows.appendChild(tr);
    });
    document.getElementById('day-table').hidden = false;
  }).catch(function () { document.getElementById('day-status').textContent = 'The server cannot be reached.'; });
})();
`;
