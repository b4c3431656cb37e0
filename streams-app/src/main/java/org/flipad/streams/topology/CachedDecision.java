package org.flipad.streams.topology;

/**
 * A completed decision kept for re-uploads of the same bytes to the same model versions.
 *
 * @param decidedAtMillis when it was decided (wall clock); expires after the cache TTL
 * @param decided the completed upload state
 */
record CachedDecision(long decidedAtMillis, PendingUpload decided) {

  /**
   * The cache key: the image digest and what judged it, so a new detector version, a bundle
   * replaced under the same version or a new operating point never reuses an older decision.
   *
   * @param decisionIdentities every watched model's {@code WatchedModel.decisionIdentity()}, in
   *     model-id order
   */
  static String key(String sha256, java.util.List<String> decisionIdentities) {
    return sha256 + "|" + String.join(",", decisionIdentities);
  }
}
