/**
 * Inversion workers: consume inversion requests, invert and score them in micro-batches per model
 * with the detector bundles, and write results in Kafka transactions together with the consumed
 * offsets (consume-transform-produce), so a killed worker loses and duplicates nothing.
 */
package org.flipad.streams.worker;
