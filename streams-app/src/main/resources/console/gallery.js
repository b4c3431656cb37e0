'use strict';
(async () => {
  await Flipad.header();
  const grid = document.getElementById('gallery-grid');
  const status = document.getElementById('gallery-status');
  const empty = document.getElementById('gallery-empty');
  const model = document.getElementById('gallery-model');
  const unreviewed = document.getElementById('gallery-unreviewed');
  const params = new URLSearchParams(window.location.search);
  unreviewed.checked = params.get('unreviewed') === 'true';

  try {
    const listing = await Flipad.getJson('/console/api/models');
    listing.models.forEach((m) => model.append(Flipad.el('option', { value: m.modelId }, m.modelId)));
    if (params.get('model')) {
      model.value = params.get('model');
    }
  } catch (e) {
    status.textContent = 'models unavailable: ' + e.message;
    return;
  }

  function card(item) {
    const reviewed =
      item.reviews > 0
        ? Flipad.el('span', { className: 'decision small NOT_ATTRIBUTED' }, item.reviews + ' review' + (item.reviews > 1 ? 's' : ''))
        : Flipad.el('span', { className: 'decision small UNDECIDED' }, 'not reviewed');
    return Flipad.el(
      'a',
      { className: 'card', href: Flipad.uploadUrl(item.uploadId), dataset: { uploadId: item.uploadId } },
      item.imageSha256
        ? Flipad.el('img', { className: 'card-image', src: Flipad.imageUrl(item.imageSha256), alt: 'upload ' + item.uploadId })
        : Flipad.el('div', { className: 'card-image' }),
      Flipad.el('div', { className: 'card-id' }, item.uploadId),
      Flipad.el(
        'div',
        { className: 'muted model-score' },
        'v' + item.modelVersion + ' · ' + Flipad.number(item.score, 2) + ' / ' + Flipad.number(item.threshold, 2),
      ),
      Flipad.el('div', {}, reviewed, ' ', Flipad.el('span', { className: 'muted' }, item.tenant || '')),
    );
  }

  async function load() {
    if (!model.value) {
      status.textContent = 'no watched model';
      return;
    }
    const query = new URLSearchParams({ model: model.value });
    if (unreviewed.checked) query.set('unreviewed', 'true');
    window.history.replaceState(null, '', '?' + query);
    try {
      const gallery = await Flipad.getJson('/console/api/gallery?' + query);
      grid.replaceChildren(...gallery.items.map(card));
      empty.hidden = gallery.items.length > 0;
      status.textContent = gallery.items.length + ' shown · ' + new Date().toLocaleTimeString();
    } catch (e) {
      status.textContent = 'gallery unavailable: ' + e.message;
    }
  }
  model.addEventListener('change', load);
  unreviewed.addEventListener('change', load);
  await load();
  setInterval(load, 10000);
})();
