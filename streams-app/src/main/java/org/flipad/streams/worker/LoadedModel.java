package org.flipad.streams.worker;

import org.flipad.core.attribution.Detector;
import org.flipad.streams.model.WatchedModel;

/**
 * A watched model with its detector loaded in this worker.
 *
 * @param model id, version and decision level
 * @param detector the detector (used by the worker thread only: it is not thread-safe)
 */
public record LoadedModel(WatchedModel model, Detector detector) {}
