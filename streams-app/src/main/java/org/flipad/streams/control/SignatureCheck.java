package org.flipad.streams.control;

/** Outcome of checking a command's signature against the trusted keys. */
public enum SignatureCheck {
  /** The signature verifies with the trusted key the command names. */
  VALID,
  /** The command has no signature or no key id. */
  UNSIGNED,
  /** The key id is not among the trusted keys. */
  UNKNOWN_KEY,
  /**
   * The signature does not verify: the command was changed after signing, or another key signed.
   */
  MISMATCH
}
