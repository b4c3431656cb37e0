package org.flipad.streams.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks {@code Authorization: Bearer <token>} against the SHA-256 digests of the accepted tokens.
 * Only digests are kept, so a leaked configuration does not leak a token; digests are compared in
 * constant time.
 */
final class BearerTokens {

  /** What a request's Authorization header amounts to. */
  enum Verdict {
    /** No tokens are configured (loopback only): the caller is anonymous. */
    ANONYMOUS,
    /** No or a non-bearer Authorization header, while tokens are required. */
    MISSING,
    /** A bearer token whose digest is not configured. */
    WRONG,
    /** A configured token. */
    VALID
  }

  private static final String PREFIX = "Bearer ";

  private final List<byte[]> digests;

  BearerTokens(List<String> sha256Hex) {
    this.digests = sha256Hex.stream().map(HexFormat.of()::parseHex).toList();
  }

  Verdict check(String authorization) {
    if (digests.isEmpty()) {
      return Verdict.ANONYMOUS;
    }
    if (authorization == null
        || !authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return Verdict.MISSING;
    }
    byte[] presented = sha256(authorization.substring(PREFIX.length()).trim());
    boolean valid = false;
    // Every digest is compared, so the time taken does not tell which one nearly matched.
    for (byte[] digest : digests) {
      valid |= MessageDigest.isEqual(digest, presented);
    }
    return valid ? Verdict.VALID : Verdict.WRONG;
  }

  /** SHA-256 of the UTF-8 bytes of {@code token}, as configured in flipad.api.tokens.sha256. */
  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
