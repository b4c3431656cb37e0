package org.flipad.streams.control;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.flipad.schema.ControlCommand;

/**
 * Verifies control command signatures with a fixed set of trusted Ed25519 public keys, by key id.
 *
 * <p>The command's {@code keyId} selects the key; the signature must verify over the command's
 * {@link CanonicalCommandForm}. Thread-safe: a {@link Signature} is made per check.
 */
public final class CommandVerifier {

  private final Map<String, PublicKey> trusted;

  /**
   * A verifier trusting {@code trustedKeys} (key id → public key), e.g. from {@link
   * KeyFiles#readTrustedKeys}.
   *
   * @throws IllegalArgumentException when a key is not Ed25519 or a key id is not valid
   */
  public CommandVerifier(Map<String, PublicKey> trustedKeys) {
    Map<String, PublicKey> keys = new TreeMap<>();
    trustedKeys.forEach(
        (keyId, key) -> {
          if (!Ed25519.isEd25519(Objects.requireNonNull(key, keyId))) {
            throw new IllegalArgumentException(
                "Trusted key '"
                    + keyId
                    + "' is a "
                    + key.getAlgorithm()
                    + " key; control commands are verified with Ed25519 keys only. Remove it or"
                    + " replace it with the operator's Ed25519 public key.");
          }
          keys.put(Ed25519.checkKeyId(keyId), key);
        });
    this.trusted = Map.copyOf(keys);
  }

  /** The ids of the trusted keys. */
  public Set<String> keyIds() {
    return new TreeSet<>(trusted.keySet());
  }

  /** Checks the signature of {@code command}. */
  public SignatureCheck check(ControlCommand command) {
    ByteBuffer signature = command.getSignature();
    String keyId = command.getKeyId();
    if (signature == null || !signature.hasRemaining() || keyId == null || keyId.isBlank()) {
      return SignatureCheck.UNSIGNED;
    }
    PublicKey key = trusted.get(keyId);
    if (key == null) {
      return SignatureCheck.UNKNOWN_KEY;
    }
    byte[] bytes = new byte[signature.remaining()];
    signature.duplicate().get(bytes);
    return verifies(key, CanonicalCommandForm.bytesToSign(command), bytes)
        ? SignatureCheck.VALID
        : SignatureCheck.MISMATCH;
  }

  private static boolean verifies(PublicKey key, byte[] message, byte[] signatureBytes) {
    try {
      Signature signature = Ed25519.signature();
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(signatureBytes);
    } catch (SignatureException e) {
      // Thrown for a signature of the wrong length or encoding: as untrusted input, a mismatch.
      return false;
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("A trusted key that passed the Ed25519 check was refused", e);
    }
  }
}
