package org.flipad.streams.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Confluent's compatibility levels, checked with Avro's {@link SchemaCompatibility}. BACKWARD: the
 * new schema reads data written with the previous one; FORWARD: the previous reads the new; FULL:
 * both. The {@code _TRANSITIVE} variants check every earlier version, not only the latest.
 */
public enum CompatibilityLevel {
  /** New reads previous (the default). */
  BACKWARD(true, false, false),
  /** New reads every earlier version. */
  BACKWARD_TRANSITIVE(true, false, true),
  /** Previous reads new. */
  FORWARD(false, true, false),
  /** Every earlier version reads new. */
  FORWARD_TRANSITIVE(false, true, true),
  /** Both directions with the previous version. */
  FULL(true, true, false),
  /** Both directions with every earlier version. */
  FULL_TRANSITIVE(true, true, true),
  /** No check. */
  NONE(false, false, false);

  private final boolean newReadsOld;
  private final boolean oldReadsNew;
  private final boolean transitive;

  CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
    this.newReadsOld = newReadsOld;
    this.oldReadsNew = oldReadsNew;
    this.transitive = transitive;
  }

  /**
   * Why {@code candidate} may not follow {@code earlier} (oldest first) at this level; empty when
   * it may.
   */
  public List<String> incompatibilities(Schema candidate, List<Schema> earlier) {
    List<Schema> checked =
        transitive || earlier.isEmpty()
            ? earlier
            : earlier.subList(earlier.size() - 1, earlier.size());
    List<String> messages = new ArrayList<>();
    for (Schema previous : checked) {
      if (newReadsOld) {
        messages.addAll(check(candidate, previous, "new schema cannot read data written with"));
      }
      if (oldReadsNew) {
        messages.addAll(
            check(previous, candidate, "data written with the new schema cannot be read by"));
      }
    }
    return messages;
  }

  private static List<String> check(Schema reader, Schema writer, String what) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
      return List.of();
    }
    List<String> messages = new ArrayList<>();
    for (Incompatibility incompatibility : result.getIncompatibilities()) {
      messages.add(
          what
              + " an earlier version: "
              + incompatibility.getType()
              + " at "
              + incompatibility.getLocation()
              + ": "
              + incompatibility.getMessage());
    }
    return messages;
  }
}
