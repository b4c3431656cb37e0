package org.flipad.streams.serde;

import java.util.Objects;

/**
 * Settings of an {@link AvroSerde}.
 *
 * @param autoRegister register the writer schema when it is missing under the subject (Confluent's
 *     {@code auto.register.schemas}); off by default: services register schemas from CI
 * @param subjectNameStrategy how the subject is named from the topic and record
 * @param isKey whether the serde handles record keys ({@code -key} subjects) rather than values
 */
public record AvroSerdeSettings(
    boolean autoRegister, SubjectNameStrategy subjectNameStrategy, boolean isKey) {

  /** Validates the settings. */
  public AvroSerdeSettings {
    Objects.requireNonNull(subjectNameStrategy, "subjectNameStrategy");
  }

  /** Values, no auto-registration, {@link SubjectNameStrategy#TOPIC_NAME}. */
  public static AvroSerdeSettings defaults() {
    return new AvroSerdeSettings(false, SubjectNameStrategy.TOPIC_NAME, false);
  }

  /** A copy with {@code autoRegister} set. */
  public AvroSerdeSettings withAutoRegister(boolean autoRegister) {
    return new AvroSerdeSettings(autoRegister, subjectNameStrategy, isKey);
  }

  /** A copy with the subject name strategy set. */
  public AvroSerdeSettings withSubjectNameStrategy(SubjectNameStrategy subjectNameStrategy) {
    return new AvroSerdeSettings(autoRegister, subjectNameStrategy, isKey);
  }

  /** A copy for keys ({@code true}) or values. */
  public AvroSerdeSettings withKey(boolean isKey) {
    return new AvroSerdeSettings(autoRegister, subjectNameStrategy, isKey);
  }
}
