/** The screening topology wired into a Kafka Streams client with exactly-once processing. */
package org.flipad.streams.service;
