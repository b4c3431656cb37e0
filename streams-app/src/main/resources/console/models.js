'use strict';
(async () => {
  await Flipad.header();
  const $ = (id) => document.getElementById(id);
  const cell = (text) => Flipad.el('td', {}, text === null || text === undefined ? '–' : String(text));

  function time(value) {
    if (value === null || value === undefined) return null;
    return typeof value === 'number' ? new Date(value).toISOString() : String(value);
  }

  // The threshold applied: an operator's override, else the calibrated one at the selected FNR.
  function threshold(version) {
    if (version.scoreThresholdOverride !== null && version.scoreThresholdOverride !== undefined) {
      return Flipad.number(version.scoreThresholdOverride, 4) + ' (override)';
    }
    const at = (version.thresholds || []).find((t) => t.fnr === version.selectedFnr);
    return at ? Flipad.number(at.threshold, 4) : null;
  }

  function versionRow(version) {
    return Flipad.el(
      'tr',
      { dataset: { modelId: version.modelId, version: String(version.version), state: version.state } },
      cell(version.modelId),
      cell(version.version),
      Flipad.el('td', {}, Flipad.el('span', { className: 'state ' + version.state }, version.state)),
      cell(Flipad.number(version.selectedFnr * 100, 1) + ' %'),
      cell(threshold(version)),
      cell(version.metrics ? Flipad.number(version.metrics.auroc, 4) : null),
      cell(version.updatedByCommandId || version.createdByCommandId),
      cell(time(version.updatedAt)),
    );
  }

  function jobRow(job) {
    return Flipad.el(
      'tr',
      { dataset: { commandId: job.commandId, state: job.state } },
      cell(job.commandId),
      cell(job.modelId),
      cell(job.state),
      cell(job.percent === null ? null : Flipad.number(job.percent, 0) + ' %'),
      cell(job.modelVersion),
      cell(job.reason),
      cell(job.updatedAt),
    );
  }

  try {
    const listing = await Flipad.getJson('/console/api/models');
    const versions = listing.models.flatMap((m) => m.versions);
    $('versions-body').replaceChildren(...versions.map(versionRow));
    $('versions-empty').hidden = versions.length > 0;
    const jobs = (await Flipad.getJson('/console/api/training')).jobs;
    $('jobs-body').replaceChildren(...jobs.map(jobRow));
    $('jobs-empty').hidden = jobs.length > 0;
    $('models-status').textContent = 'as of ' + new Date().toLocaleTimeString();
  } catch (e) {
    $('models-status').textContent = 'unavailable: ' + e.message;
  }
})();
