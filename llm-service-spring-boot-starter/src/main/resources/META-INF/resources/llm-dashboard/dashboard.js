// The dashboard's behaviour: tokens (kept in this tab's sessionStorage only, sent as a Bearer header), the admin
// buttons (the /api/v1 operations), refusals shown as the problem's message, and the scorecard chart. No inline
// script: the page's Content-Security-Policy allows only files from this server.
(function () {
  'use strict';

  var API_TOKEN = 'llm-service.api-token';
  var ADMIN_TOKEN = 'llm-service.admin-token';
  var body = document.body;
  var api = body.getAttribute('data-api');

  function stored(key) {
    try { return window.sessionStorage.getItem(key); } catch (e) { return null; }
  }
  function store(key, value) {
    try {
      if (value) { window.sessionStorage.setItem(key, value); } else { window.sessionStorage.removeItem(key); }
    } catch (e) { /* storage off: the token lives as long as this call */ }
  }
  function readToken() { return stored(API_TOKEN) || stored(ADMIN_TOKEN); }

  var noticeBox = document.getElementById('notice');
  function notice(text, kind) {
    noticeBox.textContent = text;
    noticeBox.className = 'notice' + (kind ? ' ' + kind : '');
    noticeBox.setAttribute('role', kind === 'bad' ? 'alert' : 'status');
    noticeBox.hidden = false;
  }

  /** A problem document's detail (else its title), or the status line. */
  function problemMessage(text, status) {
    try {
      var p = JSON.parse(text);
      if (p && (p.detail || p.title)) { return p.detail || p.title; }
    } catch (e) { /* not JSON */ }
    return text && text.length < 300 ? text : 'HTTP ' + status;
  }

  function refresh() { window.htmx.trigger(body, 'llm:refresh'); }

  // Every fragment request carries the read token when the tab has one.
  body.addEventListener('htmx:configRequest', function (e) {
    var token = readToken();
    if (token) { e.detail.headers.Authorization = 'Bearer ' + token; }
  });
  body.addEventListener('htmx:responseError', function (e) {
    var xhr = e.detail.xhr;
    if (xhr.status === 401) {
      store(API_TOKEN, null);
      tokenForm.hidden = false;
      notice('Refused: ' + problemMessage(xhr.responseText, xhr.status), 'bad');
    } else {
      notice(problemMessage(xhr.responseText, xhr.status), 'bad');
    }
  });

  // Whether the event stream is open: the page then updates itself when a provider or a decision changes.
  var live = document.getElementById('live');
  body.addEventListener('htmx:sseOpen', function () {
    live.textContent = 'live';
    live.className = 'badge ok';
    body.setAttribute('data-live', 'true');
  });
  body.addEventListener('htmx:sseError', function () {
    live.textContent = 'reconnecting…';
    live.className = 'badge';
    body.setAttribute('data-live', 'false');
  });

  // A live update of the decisions keeps the reasoning the reader opened open (and loads it again).
  var openReasons = [];
  body.addEventListener('htmx:beforeSwap', function (e) {
    if (e.detail.target.id === 'decisions') {
      openReasons = Array.prototype.map.call(e.detail.target.querySelectorAll('details[open]'), function (d) {
        return d.getAttribute('data-decision');
      });
    }
  });
  body.addEventListener('htmx:afterSettle', function (e) {
    if (e.detail.target.id === 'decisions') {
      openReasons.forEach(function (id) {
        var details = e.detail.target.querySelector('details[data-decision="' + window.CSS.escape(id) + '"]');
        if (details) { details.open = true; }
      });
      openReasons = [];
    }
  });

  // The read token form, shown when the server needs LLM_API_TOKEN.
  var tokenForm = document.getElementById('token-form');
  tokenForm.addEventListener('submit', function (e) {
    e.preventDefault();
    var input = document.getElementById('api-token');
    store(API_TOKEN, input.value.trim());
    input.value = '';
    tokenForm.hidden = true;
    noticeBox.hidden = true;
    refresh();
  });
  if (body.getAttribute('data-readable') !== 'true' && !readToken()) {
    tokenForm.hidden = false;
  }

  document.getElementById('forget-tokens').addEventListener('click', function () {
    store(API_TOKEN, null);
    store(ADMIN_TOKEN, null);
    notice('Tokens forgotten in this tab.');
  });

  // The admin token, asked once per tab when an action needs it.
  var dialog = document.getElementById('admin-dialog');
  var pending = null;
  document.getElementById('admin-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var input = document.getElementById('admin-token');
    store(ADMIN_TOKEN, input.value.trim());
    input.value = '';
    dialog.close();
    var action = pending;
    pending = null;
    if (action) { action(); }
  });
  document.getElementById('admin-cancel').addEventListener('click', function () {
    pending = null;
    dialog.close();
  });

  function withAdminToken(action) {
    if (stored(ADMIN_TOKEN)) { action(); return; }
    pending = action;
    dialog.showModal();
    document.getElementById('admin-token').focus();
  }

  var DONE = {
    enable: function (r) { return r.provider.name + ' enabled' + (r.warning ? ' (' + r.warning + ')' : ''); },
    disable: function (r) { return r.provider.name + ' disabled'; },
    'clear-override': function (r) { return r.provider.name + ': override cleared, now ' + r.provider.state; },
    test: function (r) {
      return r.ok ? r.name + ' answered in ' + r.latency_ms + ' ms: ' + (r.reply || '')
        : r.name + ' failed: ' + (r.error ? r.error.reason + (r.error.message ? ' (' + r.error.message + ')' : '') : '');
    },
    'health-check': function (r) {
      return r.healthy ? 'healthy, ' + r.latency_ms + ' ms' : 'unhealthy: ' + r.reason + (r.message ? ' (' + r.message + ')' : '');
    }
  };

  function run(action, provider, button) {
    button.disabled = true;
    notice(action + ' ' + provider + '…');
    fetch(api + '/providers/' + encodeURIComponent(provider) + '/' + action, {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + stored(ADMIN_TOKEN), Accept: 'application/json' }
    }).then(function (response) {
      return response.text().then(function (text) {
        if (!response.ok) {
          if (response.status === 401) { store(ADMIN_TOKEN, null); }
          notice('Refused: ' + problemMessage(text, response.status), 'bad');
          return;
        }
        var result = JSON.parse(text);
        var ok = action !== 'test' && action !== 'health-check' || result.ok || result.healthy;
        notice((action === 'health-check' ? provider + ' ' : '') + DONE[action](result), ok ? 'ok' : 'bad');
        refresh();
      });
    }).catch(function (e) {
      notice('The server did not answer: ' + e.message, 'bad');
    }).then(function () {
      button.disabled = false;
    });
  }

  document.addEventListener('click', function (e) {
    var button = e.target.closest('button[data-action]');
    if (!button) { return; }
    var action = button.getAttribute('data-action');
    var provider = button.getAttribute('data-provider');
    withAdminToken(function () { run(action, provider, button); });
  });

  // The scorecard: the chosen market data scored by POST /api/v1/scorecard, drawn with uPlot, listed in a table.
  var scoreForm = document.getElementById('scorecard-form');
  var scoreResult = document.getElementById('scorecard-result');
  var chart = null;
  scoreForm.addEventListener('submit', function (e) {
    e.preventDefault();
    var file = document.getElementById('scorecard-file').files[0];
    var horizon = document.getElementById('scorecard-horizon').value;
    if (!file) { return; }
    file.text().then(function (marketData) {
      var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
      var token = readToken();
      if (token) { headers.Authorization = 'Bearer ' + token; }
      return fetch(api + '/scorecard?horizon=' + encodeURIComponent(horizon), {
        method: 'POST', headers: headers, body: marketData
      });
    }).then(function (response) {
      return response.text().then(function (text) {
        if (!response.ok) {
          notice('Refused: ' + problemMessage(text, response.status), 'bad');
          return;
        }
        showScorecard(JSON.parse(text));
      });
    }).catch(function (err) {
      notice('The scorecard failed: ' + err.message, 'bad');
    });
  });

  function cell(row, tag, text) {
    var c = document.createElement(tag);
    c.textContent = text;
    row.appendChild(c);
    return c;
  }
  function num(v, digits) { return v === null || v === undefined ? '–' : Number(v).toFixed(digits); }

  function showScorecard(card) {
    scoreResult.textContent = '';
    var rows = card.providers.concat([Object.assign({ name: 'consensus' }, card.consensus)]);
    var caption = document.createElement('p');
    caption.textContent = card.pair + ' ' + card.timeframe + ': ' + card.entries_scored + ' decisions scored, '
      + card.entries_pending + ' pending (horizon ' + card.horizon + ')';
    scoreResult.appendChild(caption);

    var chartBox = document.createElement('div');
    chartBox.id = 'scorecard-chart';
    chartBox.setAttribute('role', 'img');
    chartBox.setAttribute('aria-label', 'Hit rate with its 95 % interval and Brier score per provider; the same figures are in the table below');
    scoreResult.appendChild(chartBox);

    var table = document.createElement('table');
    var head = table.createTHead().insertRow();
    ['Provider', 'Votes scored', 'Hits', 'Hit rate', '95 % interval', 'Brier', 'Cost per hit'].forEach(function (h) {
      cell(head, 'th', h).scope = 'col';
    });
    var tbody = table.createTBody();
    rows.forEach(function (p) {
      var r = tbody.insertRow();
      cell(r, 'th', p.name).scope = 'row';
      var values = [p.votes_scored, p.hits, num(p.hit_rate, 2),
        p.hit_rate_ci95 ? num(p.hit_rate_ci95[0], 2) + '–' + num(p.hit_rate_ci95[1], 2) : '–',
        num(p.brier, 3), p.cost_per_hit_usd === null || p.cost_per_hit_usd === undefined ? '–' : '$' + p.cost_per_hit_usd];
      ['Votes scored', 'Hits', 'Hit rate', '95 % interval', 'Brier', 'Cost per hit'].forEach(function (label, i) {
        cell(r, 'td', String(values[i])).setAttribute('data-label', label);
      });
    });
    var wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    wrap.appendChild(table);
    scoreResult.appendChild(wrap);
    drawChart(chartBox, rows);
  }

  function drawChart(box, rows) {
    if (!window.uPlot) { return; }
    var css = window.getComputedStyle(body);
    var color = function (name) { return css.getPropertyValue(name).trim(); };
    var names = rows.map(function (p) { return p.name; });
    var xs = rows.map(function (p, i) { return i; });
    var value = function (f) { return rows.map(function (p) { return f(p) === undefined ? null : f(p); }); };
    var dotsOnly = function () { return null; };
    if (chart) { chart.destroy(); }
    chart = new window.uPlot({
      width: Math.max(280, Math.min(900, box.parentElement.clientWidth)),
      height: 260,
      scales: { x: { time: false, range: [-0.5, rows.length - 0.5] }, y: { range: [0, 1] } },
      axes: [
        { stroke: color('--fg'), grid: { show: false }, splits: function () { return xs; },
          values: function (u, splits) { return splits.map(function (i) { return names[i] || ''; }); } },
        { stroke: color('--fg'), grid: { stroke: color('--line') } }
      ],
      series: [
        { label: 'provider', value: function (u, i) { return i === null ? '–' : names[i]; } },
        { label: 'hit rate', stroke: color('--chart-1'), fill: color('--chart-1') + '55',
          paths: window.uPlot.paths.bars({ size: [0.5, 60] }), points: { show: false } },
        { label: 'interval low', stroke: color('--chart-1'), paths: dotsOnly, points: { show: true, size: 7 } },
        { label: 'interval high', stroke: color('--chart-1'), paths: dotsOnly, points: { show: true, size: 7 } },
        { label: 'Brier', stroke: color('--chart-2'), paths: dotsOnly, points: { show: true, size: 9 } }
      ]
    }, [xs,
      value(function (p) { return p.hit_rate; }),
      value(function (p) { return p.hit_rate_ci95 ? p.hit_rate_ci95[0] : null; }),
      value(function (p) { return p.hit_rate_ci95 ? p.hit_rate_ci95[1] : null; }),
      value(function (p) { return p.brier; })], box);
  }
}());
