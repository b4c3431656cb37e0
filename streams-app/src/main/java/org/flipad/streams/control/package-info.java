/**
 * Authentication of operator control commands ({@code org.flipad.schema.ControlCommand} on {@code
 * flipad.control}): the canonical bytes a signature covers ({@link
 * org.flipad.streams.control.CanonicalCommandForm}), Ed25519 signing and verification with the
 * JDK's provider ({@link org.flipad.streams.control.CommandSigner}, {@link
 * org.flipad.streams.control.CommandVerifier}), the checks a consumer runs before it executes a
 * command ({@link org.flipad.streams.control.CommandAuthenticator}: signature, freshness, replay,
 * payload per type) and operator key files ({@link org.flipad.streams.control.KeyFiles}).
 *
 * <p>Every refusal is a value with a {@link org.flipad.streams.control.RejectionReason} that maps
 * one-to-one onto a dead-letter reason, never an exception.
 *
 * <p>Must not: consume or produce Kafka records, or execute commands (the trainer and the hot-swap
 * consumers do that after authentication); depend on {@code cli}.
 */
package org.flipad.streams.control;
