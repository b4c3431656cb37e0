package org.flipad.streams.serde;

import java.util.Objects;

/**
 * Settings of an {@link AvroSerde}.
 *
 * @param autoRegister register the writer schema when it is missing under the subject (Confluent's
 *     {@code auto.register.schemas}); off by default: services register schemas from CI
 * @param subjectNameStrategy how the subject is named from the topic and record
 * @param isKey whether the serde handles record keys ({@code -key} subjects) rather than values
 * @param maxCollectionItems the most array and map items one record may declare in total; with
 *     every string and bytes length bounded by the record's own size, this bounds what decoding one
 *     record allocates beyond its size (a few dozen bytes per item)
 */
public record AvroSerdeSettings(
    boolean autoRegister,
    SubjectNameStrategy subjectNameStrategy,
    boolean isKey,
    int maxCollectionItems) {

  /** Default of {@link #maxCollectionItems()}: 16,384 items, about 2 MiB of objects at most. */
  public static final int DEFAULT_MAX_COLLECTION_ITEMS = 16_384;

  /** Validates the settings. */
  public AvroSerdeSettings {
    Objects.requireNonNull(subjectNameStrategy, "subjectNameStrategy");
    if (maxCollectionItems < 0) {
      throw new IllegalArgumentException(
          "maxCollectionItems is " + maxCollectionItems + "; it must be 0 or more");
    }
  }

  /**
   * Values, no auto-registration, {@link SubjectNameStrategy#TOPIC_NAME}, {@value
   * #DEFAULT_MAX_COLLECTION_ITEMS} collection items per record.
   */
  public static AvroSerdeSettings defaults() {
    return new AvroSerdeSettings(
        false, SubjectNameStrategy.TOPIC_NAME, false, DEFAULT_MAX_COLLECTION_ITEMS);
  }

  /** A copy with {@code autoRegister} set. */
  public AvroSerdeSettings withAutoRegister(boolean autoRegister) {
    return new AvroSerdeSettings(autoRegister, subjectNameStrategy, isKey, maxCollectionItems);
  }

  /** A copy with the subject name strategy set. */
  public AvroSerdeSettings withSubjectNameStrategy(SubjectNameStrategy subjectNameStrategy) {
    return new AvroSerdeSettings(autoRegister, subjectNameStrategy, isKey, maxCollectionItems);
  }

  /** A copy for keys ({@code true}) or values. */
  public AvroSerdeSettings withKey(boolean isKey) {
    return new AvroSerdeSettings(autoRegister, subjectNameStrategy, isKey, maxCollectionItems);
  }

  /** A copy with another cap on array and map items per record. */
  public AvroSerdeSettings withMaxCollectionItems(int maxCollectionItems) {
    return new AvroSerdeSettings(autoRegister, subjectNameStrategy, isKey, maxCollectionItems);
  }
}
