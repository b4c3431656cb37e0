/**
 * Versioned on-disk artifacts and their provenance: generator bundles (and, with the detector
 * issue, detector bundles), sha256 digests, and the record of how and where an artifact was made.
 *
 * <p>Owns: file layouts, manifests (JSON), digest verification on load.
 *
 * <p>Must not: train, invert or score (it calls {@code generator} and {@code io} for that), or know
 * about Kafka.
 */
package org.flipad.core.bundle;
