'use strict';
(async () => {
  await Flipad.header();
  const uploadId = new URLSearchParams(window.location.search).get('id') || '';
  const $ = (id) => document.getElementById(id);
  $('upload-id').textContent = uploadId;
  document.title = uploadId + ' · FLIPAD review console';

  function keyValues(table, pairs) {
    table.querySelector('tbody').replaceChildren(
      ...pairs
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) =>
          Flipad.el('tr', {}, Flipad.el('th', {}, key), Flipad.el('td', {}, value === null ? '–' : String(value))),
        ),
    );
  }

  function showFeedback(reviews) {
    $('feedback-section').hidden = false;
    $('feedback-none').hidden = reviews.length > 0;
    $('feedback-list').replaceChildren(
      ...reviews.map((f) =>
        Flipad.el(
          'li',
          {},
          Flipad.el('strong', {}, f.label + (f.modelId ? ' (' + f.modelId + ')' : '')),
          ' by ' + f.reviewer + ', ' + new Date(f.reviewedAt).toLocaleString() + ': ',
          Flipad.el('q', {}, f.note || ''),
        ),
      ),
    );
  }

  let upload;
  try {
    upload = await Flipad.getJson('/console/api/upload?id=' + encodeURIComponent(uploadId));
  } catch (e) {
    $('upload-error').textContent = e.message;
    $('upload-error').hidden = false;
    return;
  }
  $('upload').hidden = false;
  const verdict = upload.verdict;
  const dead = upload.deadLetter;
  if (verdict) {
    $('decision').textContent = verdict.verdict;
    $('decision').className = 'decision ' + verdict.verdict;
    $('decision-detail').textContent = verdict.attributedModelId
      ? 'to ' + verdict.attributedModelId + '@' + verdict.attributedModelVersion
      : verdict.undecidedReason || '';
    $('upload-image').src = Flipad.imageUrl(verdict.imageSha256);
    $('image-caption').textContent =
      verdict.width + '×' + verdict.height + ' ' + verdict.format + ' · sha256 ' + verdict.imageSha256.slice(0, 16) + '…';
    $('models-table')
      .querySelector('tbody')
      .replaceChildren(
        ...verdict.models.map((m) =>
          Flipad.el(
            'tr',
            {},
            Flipad.el('td', {}, m.modelId),
            Flipad.el('td', { className: 'num' }, m.modelVersion),
            Flipad.el('td', {}, Flipad.el('span', { className: 'decision small ' + m.decision }, m.decision)),
            Flipad.el('td', { className: 'num' }, Flipad.number(m.score, 3)),
            Flipad.el('td', { className: 'num' }, Flipad.number(m.threshold, 3)),
            Flipad.el('td', { className: 'num' }, m.fnr === null ? '–' : (100 * m.fnr).toFixed(1) + ' %'),
            Flipad.el('td', { className: 'num' }, Flipad.number(m.pValue, 4)),
            Flipad.el('td', {}, m.workerId || (verdict.cached ? 'cache' : '–')),
          ),
        ),
      );
    const t = verdict.timings || {};
    keyValues($('timings'), [
      ['queue', t.queueMs + ' ms'],
      ['decode', t.decodeMs + ' ms'],
      ['inversion', t.inversionMs + ' ms'],
      ['scoring', t.scoringMs + ' ms'],
      ['end to end', t.endToEndMs + ' ms'],
    ]);
    keyValues($('record'), [
      ['tenant', verdict.tenant],
      ['verdict id', verdict.verdictId],
      ['decided', new Date(verdict.decidedAt).toLocaleString()],
      ['cached', verdict.cached],
      ['worker', verdict.workerId],
      ['source', verdict.sourceTopic + '-' + verdict.sourcePartition + '@' + verdict.sourceOffset],
    ]);
  } else {
    $('decision').textContent = 'DEAD_LETTER';
    $('upload-image').hidden = true;
    $('models-table').hidden = true;
  }
  if (dead) {
    $('dead-letter').hidden = false;
    keyValues($('dead-letter').querySelector('table'), [
      ['reason', dead.reason],
      ['stage', dead.stage],
      ['detail', dead.detail],
      ['failed', new Date(dead.failedAt).toLocaleString()],
    ]);
  }
  showFeedback(upload.feedback || []);

  const reviewable = verdict && (verdict.verdict === 'ATTRIBUTED' || verdict.verdict === 'NOT_ATTRIBUTED');
  if (!upload.canReview) {
    $('viewer-note').hidden = false;
    return;
  }
  if (!reviewable) {
    return;
  }
  $('review').hidden = false;
  $('review-verdict').textContent = verdict.verdict;
  const models = verdict.models.map((m) => m.modelId);
  $('review-model').replaceChildren(...models.map((id) => Flipad.el('option', { value: id }, id)));
  const chooseModel = () => {
    $('model-choice').hidden = !(
      verdict.verdict === 'NOT_ATTRIBUTED' && $('action-overturn').checked && models.length > 1
    );
  };
  $('action-confirm').addEventListener('change', chooseModel);
  $('action-overturn').addEventListener('change', chooseModel);
  $('review-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = $('review-result');
    result.hidden = true;
    $('submit-review').disabled = true;
    try {
      const recorded = await Flipad.postJson('/console/api/feedback?id=' + encodeURIComponent(uploadId), {
        action: $('action-overturn').checked ? 'OVERTURN' : 'CONFIRM',
        reason: $('reason').value,
        modelId: $('review-model').value,
      });
      result.textContent =
        'Recorded: ' + recorded.action.toLowerCase() + ' as ' + recorded.label +
        (recorded.modelId ? ' (' + recorded.modelId + ')' : '') + ' by ' + recorded.reviewer + '.';
      result.className = 'ok';
      $('reason').value = '';
      // The console files the review as soon as Kafka has it, so the list can show it now.
      const fresh = await Flipad.getJson('/console/api/upload?id=' + encodeURIComponent(uploadId));
      showFeedback(fresh.feedback || []);
    } catch (e) {
      result.textContent = 'Not recorded: ' + e.message;
      result.className = 'error';
    } finally {
      result.hidden = false;
      $('submit-review').disabled = false;
    }
  });
})();
