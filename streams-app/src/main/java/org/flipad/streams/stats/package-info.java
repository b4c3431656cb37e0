/**
 * Verdict statistics over the last hour: counts per decision and per model, attribution rates,
 * uploads decided per second and end-to-end latency percentiles, kept in memory in 10-second
 * buckets and filled from the verdict topic (the last hour of it at start), so a request reads
 * buckets and never scans a topic. Decides nothing; serves no HTTP.
 */
package org.flipad.streams.stats;
