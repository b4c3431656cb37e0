package org.flipad.streams.serde;

/**
 * How a serialiser names the registry subject of a key or value, as Confluent's strategies of the
 * same names do.
 */
public enum SubjectNameStrategy {
  /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic (the default). */
  TOPIC_NAME {
    @Override
    public String subject(String topic, boolean isKey, String recordFullName) {
      return topic + (isKey ? "-key" : "-value");
    }
  },
  /** The record's fully qualified name, e.g. {@code org.flipad.schema.ImageUpload}. */
  RECORD_NAME {
    @Override
    public String subject(String topic, boolean isKey, String recordFullName) {
      return recordFullName;
    }
  },
  /** {@code <topic>-<record full name>}. */
  TOPIC_RECORD_NAME {
    @Override
    public String subject(String topic, boolean isKey, String recordFullName) {
      return topic + "-" + recordFullName;
    }
  };

  /** The subject for a key ({@code isKey}) or value of {@code recordFullName} on {@code topic}. */
  public abstract String subject(String topic, boolean isKey, String recordFullName);
}
