package org.flipad.streams.control;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECKey;
import java.security.spec.NamedParameterSpec;
import java.util.regex.Pattern;

/**
 * Ed25519 through the JDK's SunEC provider (Java 15+), and the rules for operator key ids.
 *
 * <p>A key id names an operator key in commands ({@code keyId}) and in file names ({@code ID.key},
 * {@code ID.pub}): 1 to 64 characters from {@code A-Z a-z 0-9 . _ -}, not starting with a dot, so
 * it is safe as a file name on every platform.
 */
public final class Ed25519 {

  /** Length of an Ed25519 signature in bytes. */
  public static final int SIGNATURE_BYTES = 64;

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");

  private Ed25519() {}

  /** A new key pair drawn from {@code random} (pass a {@link SecureRandom} seeded by the OS). */
  public static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, random);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
      throw missingProvider(e);
    }
  }

  /** A fresh Ed25519 {@link Signature} (instances are stateful, one per thread or call). */
  static Signature signature() {
    try {
      return Signature.getInstance("Ed25519");
    } catch (NoSuchAlgorithmException e) {
      throw missingProvider(e);
    }
  }

  /** Whether {@code key} is an Ed25519 key (and not Ed448 or another algorithm). */
  public static boolean isEd25519(Key key) {
    return key instanceof EdECKey edec && "Ed25519".equalsIgnoreCase(edec.getParams().getName());
  }

  /**
   * Returns {@code keyId} when it is a valid key id.
   *
   * @throws IllegalArgumentException saying what a key id may contain
   */
  public static String checkKeyId(String keyId) {
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new IllegalArgumentException(
          "Key id '"
              + keyId
              + "' is not valid: use 1 to 64 characters from A-Z a-z 0-9 . _ - (not starting"
              + " with a dot), e.g. 'ops-alice-2025'.");
    }
    return keyId;
  }

  private static IllegalStateException missingProvider(GeneralSecurityException e) {
    return new IllegalStateException(
        "This JVM has no Ed25519 provider (SunEC, Java 15+): " + e.getMessage(), e);
  }
}
