/**
 * Binary detection metrics shared by training-time validation ({@code attribution}) and the
 * evaluation ({@code eval}): accuracy at a threshold, AUROC, average precision, TPR at a fixed FPR
 * and ROC curves. The target is the positive class and a lower score is more target-like. Also
 * confidence intervals of rates counted elsewhere (e.g. the streaming demo's per-source TPR/TNR).
 *
 * <p>Must not: depend on any other flipad package; it works on {@code double[]} scores and counts
 * only.
 */
package org.flipad.core.metric;
