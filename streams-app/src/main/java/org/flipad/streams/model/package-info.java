/**
 * Which generators are watched, at which detector version and decision level, and where their
 * detector bundles are stored: {@link org.flipad.streams.model.ModelStore}, content-addressed by
 * sha256, in a directory or a compacted Kafka topic. Owns no Kafka Streams topology and does no
 * tensor math; loading a fetched bundle is the worker's job.
 */
package org.flipad.streams.model;
