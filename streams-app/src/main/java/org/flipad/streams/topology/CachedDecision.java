package org.flipad.streams.topology;

/**
 * A completed decision kept for re-uploads of the same bytes to the same model versions.
 *
 * @param decidedAtMillis when it was decided (wall clock); expires after the cache TTL
 * @param decided the completed upload state
 */
record CachedDecision(long decidedAtMillis, PendingUpload decided) {

  /**
   * The cache key: the image digest and the model versions that judged it, so a new detector
   * version never reuses an old version's decision.
   *
   * @param modelLabels {@code modelId@version} of every watched model, in model-id order
   */
  static String key(String sha256, java.util.List<String> modelLabels) {
    return sha256 + "|" + String.join(",", modelLabels);
  }
}
