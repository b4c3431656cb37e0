/**
 * The Kafka Streams screening topology: admission of uploads (validation, reference fetch, decode
 * limits), dead letters with reason codes, the decision cache, fan-out of inversion requests, the
 * join of worker results and the deadline punctuator. No tensor math happens here; pixels are
 * decoded by flipad-core and judged by the workers.
 */
package org.flipad.streams.topology;
