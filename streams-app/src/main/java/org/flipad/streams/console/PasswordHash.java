package org.flipad.streams.console;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password stored as PBKDF2-HMAC-SHA256 ({@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, salt and
 * hash in unpadded base64). A slow, salted hash, unlike the SHA-256 of the API's random bearer
 * tokens: people choose guessable passwords, and a leaked configuration must not give them away
 * cheaply.
 *
 * @param iterations PBKDF2 rounds
 * @param salt random salt
 * @param hash derived key
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

  /** Rounds of a new hash: 0.1 to 0.6 s of one core on the (busy) 2-core development machine. */
  public static final int ITERATIONS = 210_000;

  /** Fewest rounds a configured hash may have. */
  static final int MIN_ITERATIONS = 100_000;

  private static final String SCHEME = "pbkdf2-sha256";
  private static final int KEY_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new hash of {@code password} with a random salt. */
  public static PasswordHash of(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return new PasswordHash(ITERATIONS, salt, derive(password, salt, ITERATIONS));
  }

  /**
   * Reads {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}.
   *
   * @throws IllegalArgumentException saying what is wrong and how to make a good one
   */
  public static PasswordHash parse(String encoded) {
    String[] parts = encoded.trim().split("\\$");
    String remedy = "; make one with: flipad console --hash-password";
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException(
          "Password hash '" + encoded + "' is not " + SCHEME + "$ITERATIONS$SALT$HASH" + remedy);
    }
    int iterations;
    byte[] salt;
    byte[] hash;
    try {
      iterations = Integer.parseInt(parts[1]);
      salt = Base64.getDecoder().decode(parts[2]);
      hash = Base64.getDecoder().decode(parts[3]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Password hash '" + encoded + "' has a bad number or base64 part" + remedy, e);
    }
    if (iterations < MIN_ITERATIONS || salt.length < 8 || hash.length != KEY_BITS / 8) {
      throw new IllegalArgumentException(
          "Password hash '"
              + encoded
              + "' is too weak (at least "
              + MIN_ITERATIONS
              + " iterations, an 8-byte salt and a 32-byte hash)"
              + remedy);
    }
    return new PasswordHash(iterations, salt, hash);
  }

  /** Whether {@code password} hashes to this, compared in constant time. */
  public boolean matches(String password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  /** The form {@link #parse} reads. */
  public String encoded() {
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return SCHEME
        + "$"
        + iterations
        + "$"
        + base64.encodeToString(salt)
        + "$"
        + base64.encodeToString(hash);
  }

  @Override
  public String toString() {
    return encoded();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PasswordHash that && encoded().equals(that.encoded());
  }

  @Override
  public int hashCode() {
    return encoded().hashCode();
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every Java runtime has PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }
}
