'use strict';
(async () => {
  const MAX_ROWS = 200;
  await Flipad.header();
  const body = document.getElementById('feed-body');
  const status = document.getElementById('feed-status');
  const empty = document.getElementById('feed-empty');
  const decision = document.getElementById('decision-filter');
  const model = document.getElementById('model-filter');
  const tenant = document.getElementById('tenant-filter');
  const minutes = document.getElementById('minutes-filter');
  const params = new URLSearchParams(window.location.search);
  decision.value = params.get('decision') || '';
  tenant.value = params.get('tenant') || '';
  minutes.value = params.get('minutes') || '';

  // A banner while any FLOOD alert is less than an hour old; checked every 30 seconds.
  async function floodBanner() {
    try {
      const floods = await Flipad.getJson('/console/api/alerts');
      const latest = floods.alerts[0];
      document.getElementById('flood-banner').hidden = floods.lastHour === 0;
      if (floods.lastHour > 0) {
        document.getElementById('flood-banner-text').textContent =
          latest.modelId + ' from ' + latest.tenant + ' (' + latest.count + ' attributions in a window), raised ' +
          latest.raisedAt + (floods.lastHour > 1 ? ' and ' + (floods.lastHour - 1) + ' more' : '');
      }
    } catch (e) {
      // The feed works without the banner; the alerts page shows why alerts are unavailable.
    }
  }
  floodBanner();
  setInterval(floodBanner, 30000);

  try {
    const listing = await Flipad.getJson('/console/api/models');
    listing.models.forEach((m) => model.append(Flipad.el('option', { value: m.modelId }, m.modelId)));
    model.value = params.get('model') || '';
  } catch (e) {
    status.textContent = 'models unavailable: ' + e.message;
  }

  function row(verdict) {
    const models = (verdict.models || []).map((m) =>
      Flipad.el(
        'div',
        { className: 'model-score' },
        Flipad.el('span', { className: 'decision small ' + m.decision }, m.decision),
        ' ',
        m.modelId + '@' + m.modelVersion + ': ',
        Flipad.number(m.score, 2) + ' / ' + Flipad.number(m.threshold, 2),
      ),
    );
    const link = Flipad.el('a', { href: Flipad.uploadUrl(verdict.uploadId) }, verdict.uploadId);
    const image = verdict.imageSha256
      ? Flipad.el('img', {
          className: 'thumb',
          src: Flipad.imageUrl(verdict.imageSha256),
          alt: 'upload ' + verdict.uploadId,
        })
      : '–';
    return Flipad.el(
      'tr',
      { dataset: { uploadId: verdict.uploadId, decision: verdict.verdict } },
      Flipad.el('td', {}, image),
      Flipad.el('td', {}, link, Flipad.el('div', { className: 'muted' }, verdict.tenant || '')),
      Flipad.el('td', {}, Flipad.el('span', { className: 'decision ' + verdict.verdict }, verdict.verdict)),
      Flipad.el('td', {}, models),
      Flipad.el('td', { className: 'num' }, verdict.timings ? verdict.timings.endToEndMs + ' ms' : '–'),
      Flipad.el('td', { className: 'muted' }, new Date(verdict.decidedAt).toLocaleTimeString()),
    );
  }

  let source = null;
  function connect() {
    if (source) {
      source.close();
    }
    body.replaceChildren();
    empty.hidden = false;
    const query = new URLSearchParams();
    if (decision.value) query.set('decision', decision.value);
    if (model.value) query.set('model', model.value);
    if (tenant.value.trim()) query.set('tenant', tenant.value.trim());
    if (minutes.value) query.set('minutes', minutes.value);
    window.history.replaceState(null, '', query.toString() ? '?' + query : window.location.pathname);
    source = new EventSource('/console/api/feed?' + query);
    status.textContent = 'connecting…';
    source.onopen = () => {
      status.textContent = 'live';
      status.className = 'status live';
    };
    source.onerror = () => {
      status.textContent = 'reconnecting…';
      status.className = 'status';
    };
    source.onmessage = (event) => {
      body.prepend(row(JSON.parse(event.data)));
      empty.hidden = true;
      while (body.rows.length > MAX_ROWS) {
        body.deleteRow(body.rows.length - 1);
      }
      status.textContent = 'live · ' + body.rows.length + ' shown';
    };
  }
  decision.addEventListener('change', connect);
  model.addEventListener('change', connect);
  tenant.addEventListener('change', connect);
  minutes.addEventListener('change', connect);
  connect();
})();
