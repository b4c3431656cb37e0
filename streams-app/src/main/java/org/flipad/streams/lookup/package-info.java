/**
 * What the lookup API reads: Kafka Streams state stores fed by the verdict, dead-letter and image
 * topics (changelogged, so they survive restarts), and their interactive queries, which say whether
 * this instance holds a key or which instance does. No HTTP here ({@code org.flipad.streams.api}
 * serves it) and no screening decisions (the screening topology makes them).
 */
package org.flipad.streams.lookup;
