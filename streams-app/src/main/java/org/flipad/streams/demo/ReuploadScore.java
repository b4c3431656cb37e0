package org.flipad.streams.demo;

import java.util.List;

/**
 * How the re-uploads ended, apart from the per-source figures: they carry the same bytes as an
 * earlier upload, are meant to be answered from the decision cache, and must get the decision their
 * original got.
 *
 * @param sent re-uploads sent
 * @param cached verdicts taken from the decision cache
 * @param sameDecision verdicts with exactly the decision of their original
 * @param missing re-uploads without a verdict
 * @param differing one line for each re-upload whose decision differs from its original's
 */
public record ReuploadScore(
    int sent, int cached, int sameDecision, int missing, List<String> differing) {

  /** Copies. */
  public ReuploadScore {
    differing = List.copyOf(differing);
  }
}
