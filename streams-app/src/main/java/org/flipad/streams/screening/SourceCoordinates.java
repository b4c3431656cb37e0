package org.flipad.streams.screening;

/** Where an input record was read: topic, partition, offset. */
record SourceCoordinates(String topic, int partition, long offset) {}
