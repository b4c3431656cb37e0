'use strict';
(async () => {
  await Flipad.header();
  const body = document.getElementById('alerts-body');
  const status = document.getElementById('alerts-status');
  const empty = document.getElementById('alerts-empty');
  const cell = (text) => Flipad.el('td', {}, text);

  function seconds(ms) {
    return ms % 1000 === 0 ? ms / 1000 + ' s' : ms + ' ms';
  }

  function row(alert) {
    return Flipad.el(
      'tr',
      { dataset: { modelId: alert.modelId, tenant: alert.tenant } },
      cell(alert.modelId + '@' + alert.modelVersion),
      cell(alert.tenant),
      cell(alert.windowStart),
      cell(seconds(alert.windowMs)),
      cell(String(alert.count)),
      cell(Flipad.number(alert.baselinePerWindow, 2) + ' × ' + Flipad.number(alert.multiple, 1) +
        ' (over ' + alert.baselineWindows + ' windows)'),
      cell(String(alert.minCount)),
      cell(alert.raisedAt),
    );
  }

  async function refresh() {
    try {
      const listing = await Flipad.getJson('/console/api/alerts');
      body.replaceChildren(...listing.alerts.map(row));
      empty.hidden = listing.alerts.length > 0;
      status.textContent = listing.lastHour + ' in the last hour · updated ' + new Date().toLocaleTimeString();
    } catch (e) {
      status.textContent = 'alerts unavailable: ' + e.message;
    }
  }

  await refresh();
  setInterval(refresh, 30000);
})();
