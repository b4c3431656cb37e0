/**
 * The {@code flipad} command line (picocli): each command parses its options, calls one feature of
 * flipad-core or the service, and prints. No logic of its own beyond that.
 *
 * <p>Must not: be imported by any other package.
 */
package org.flipad.streams.cli;
