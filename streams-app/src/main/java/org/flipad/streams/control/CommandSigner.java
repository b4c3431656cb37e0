package org.flipad.streams.control;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Objects;
import org.flipad.schema.ControlCommand;

/**
 * Signs control commands with one operator's Ed25519 private key.
 *
 * <p>{@link #sign} returns a copy carrying this signer's key id and the signature of its {@link
 * CanonicalCommandForm} (which includes the key id, so a signature cannot be re-attributed to
 * another key). It checks nothing else: {@link CommandAuthenticator} decides whether a command is
 * well formed. Thread-safe.
 */
public final class CommandSigner {

  private final PrivateKey privateKey;
  private final String keyId;

  /**
   * A signer with {@code privateKey}, naming it {@code keyId} in commands.
   *
   * @throws IllegalArgumentException when the key is not Ed25519 or the key id is not valid
   */
  public CommandSigner(PrivateKey privateKey, String keyId) {
    Objects.requireNonNull(privateKey, "privateKey");
    if (!Ed25519.isEd25519(privateKey)) {
      throw new IllegalArgumentException(
          "Control commands are signed with Ed25519 keys; got a "
              + privateKey.getAlgorithm()
              + " key. Generate one with 'flipad keys generate'.");
    }
    this.privateKey = privateKey;
    this.keyId = Ed25519.checkKeyId(keyId);
  }

  /** The key id this signer writes into commands. */
  public String keyId() {
    return keyId;
  }

  /** A copy of {@code command} with {@code keyId} set to this signer's and a fresh signature. */
  public ControlCommand sign(ControlCommand command) {
    ControlCommand unsigned =
        ControlCommand.newBuilder(command).setKeyId(keyId).setSignature(null).build();
    byte[] signature = signBytes(CanonicalCommandForm.bytesToSign(unsigned));
    return ControlCommand.newBuilder(unsigned).setSignature(ByteBuffer.wrap(signature)).build();
  }

  private byte[] signBytes(byte[] message) {
    try {
      Signature signature = Ed25519.signature();
      signature.initSign(privateKey);
      signature.update(message);
      return signature.sign();
    } catch (InvalidKeyException | SignatureException e) {
      // The key was checked in the constructor; failing here is a provider fault, not user input.
      throw new IllegalStateException("Ed25519 signing failed with key '" + keyId + "'", e);
    }
  }
}
