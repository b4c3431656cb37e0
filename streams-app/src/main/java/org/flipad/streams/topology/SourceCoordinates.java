package org.flipad.streams.topology;

/** Where an input record was read: topic, partition, offset. */
record SourceCoordinates(String topic, int partition, long offset) {}
