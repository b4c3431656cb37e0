/**
 * The fault suite ({@code flipad bench faults}): the broker, the schema registry, two {@code serve}
 * and two {@code worker} processes started as separate OS processes, uploads sent at a steady rate
 * while processes are killed, stopped or restarted, and every upload's terminal and audit records
 * counted back. What the reliability guarantees say, measured.
 */
package org.flipad.streams.faults;
