package org.flipad.streams.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;

/**
 * The registry's state and rules, behind the HTTP layer of {@link EmbeddedSchemaRegistry}: subjects
 * with versions from 1, registry-wide ids (equal schemas share one), idempotent registration and
 * compatibility checks. Schemas are compared by their canonical Avro JSON ({@code
 * Schema.toString()}). New versions go to the {@link SchemaStore} before they are visible; the
 * compatibility levels live in memory only. Failures throw {@link SchemaRegistryException} with the
 * Confluent error. Thread-safe (one lock).
 */
final class SchemaCatalog {

  private final SchemaStore store;
  private final Map<String, List<SchemaRecord>> subjects = new TreeMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<Integer, String> schemasById = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private int lastId;

  /** A catalog rebuilt from {@code store}, checking new versions at {@code globalLevel}. */
  SchemaCatalog(SchemaStore store, CompatibilityLevel globalLevel) {
    this.store = Objects.requireNonNull(store, "store");
    this.globalLevel = Objects.requireNonNull(globalLevel, "globalLevel");
    store.replay(this::apply);
  }

  /** Registers {@code schemaText} under {@code subject}; the id (existing one if registered). */
  synchronized int register(String subject, String schemaText) {
    String canonical = parse(schemaText).toString();
    List<SchemaRecord> versions = subjects.getOrDefault(subject, List.of());
    for (SchemaRecord record : versions) {
      if (record.schema().equals(canonical)) {
        return record.id();
      }
    }
    List<String> problems = incompatibilities(subject, canonical, versions);
    if (!problems.isEmpty()) {
      throw new SchemaRegistryException(
          RegistryError.INCOMPATIBLE_SCHEMA,
          "Schema being registered is incompatible with an earlier schema for subject \""
              + subject
              + "\" at level "
              + level(subject)
              + ", details: "
              + problems);
    }
    int id = idsBySchema.getOrDefault(canonical, lastId + 1);
    SchemaRecord record = new SchemaRecord(subject, versions.size() + 1, id, canonical);
    store.append(record);
    apply(record);
    return id;
  }

  /** The version of {@code subject} holding {@code schemaText} (40401, 40403 if none). */
  synchronized SchemaRecord lookup(String subject, String schemaText) {
    List<SchemaRecord> versions = versionsOf(subject);
    String canonical = parse(schemaText).toString();
    return versions.stream()
        .filter(record -> record.schema().equals(canonical))
        .findFirst()
        .orElseThrow(
            () ->
                new SchemaRegistryException(
                    RegistryError.SCHEMA_NOT_FOUND,
                    "Schema not found under subject \"" + subject + "\""));
  }

  /** The schema text with {@code id} (40403 if none). */
  synchronized String schemaById(int id) {
    String schema = schemasById.get(id);
    if (schema == null) {
      throw new SchemaRegistryException(
          RegistryError.SCHEMA_NOT_FOUND, "Schema " + id + " not found");
    }
    return schema;
  }

  /** {@code version} ("latest" or a number) of {@code subject} (40401, 40402, 42202). */
  synchronized SchemaRecord version(String subject, String version) {
    List<SchemaRecord> versions = versionsOf(subject);
    int number = versionNumber(version, versions.size());
    if (number < 1 || number > versions.size()) {
      throw new SchemaRegistryException(
          RegistryError.VERSION_NOT_FOUND,
          "Version " + version + " not found for subject \"" + subject + "\"");
    }
    return versions.get(number - 1);
  }

  /**
   * Why {@code schemaText} may not be registered under {@code subject}, checked against versions up
   * to {@code version}; empty if it may (also for a subject without versions).
   */
  synchronized List<String> compatibility(String subject, String version, String schemaText) {
    String canonical = parse(schemaText).toString();
    List<SchemaRecord> versions = subjects.getOrDefault(subject, List.of());
    if (versions.isEmpty()) {
      return List.of();
    }
    int upTo = version(subject, version).version();
    return incompatibilities(subject, canonical, versions.subList(0, upTo));
  }

  synchronized List<String> subjects() {
    return List.copyOf(subjects.keySet());
  }

  synchronized List<Integer> versionNumbers(String subject) {
    return versionsOf(subject).stream().map(SchemaRecord::version).toList();
  }

  synchronized CompatibilityLevel level(String subject) {
    return subject == null ? globalLevel : subjectLevels.getOrDefault(subject, globalLevel);
  }

  /** The subject's own level, or 40408 when it falls back on the global level. */
  synchronized CompatibilityLevel subjectLevel(String subject) {
    CompatibilityLevel level = subjectLevels.get(subject);
    if (level == null) {
      throw new SchemaRegistryException(
          RegistryError.SUBJECT_LEVEL_COMPATIBILITY_NOT_CONFIGURED,
          "Subject '" + subject + "' does not have subject-level compatibility configured");
    }
    return level;
  }

  /** Sets the level of {@code subject}, or the global level when {@code subject} is null. */
  synchronized void setLevel(String subject, CompatibilityLevel level) {
    if (subject == null) {
      globalLevel = level;
    } else {
      subjectLevels.put(subject, level);
    }
  }

  private void apply(SchemaRecord record) {
    subjects.computeIfAbsent(record.subject(), s -> new ArrayList<>()).add(record);
    idsBySchema.putIfAbsent(record.schema(), record.id());
    schemasById.putIfAbsent(record.id(), record.schema());
    lastId = Math.max(lastId, record.id());
  }

  private List<String> incompatibilities(
      String subject, String canonical, List<SchemaRecord> earlier) {
    List<Schema> schemas = earlier.stream().map(record -> parse(record.schema())).toList();
    return level(subject).incompatibilities(parse(canonical), schemas);
  }

  private List<SchemaRecord> versionsOf(String subject) {
    List<SchemaRecord> versions = subjects.get(subject);
    if (versions == null) {
      throw new SchemaRegistryException(
          RegistryError.SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }
    return versions;
  }

  private static int versionNumber(String version, int latest) {
    if ("latest".equals(version) || "-1".equals(version)) {
      return latest;
    }
    try {
      int number = Integer.parseInt(version);
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Falls through to the Confluent error below: the version is not a number.
    }
    throw new SchemaRegistryException(
        RegistryError.INVALID_VERSION,
        "The specified version '"
            + version
            + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the"
            + " string \"latest\"");
  }

  private static Schema parse(String text) {
    try {
      return new Schema.Parser().parse(text);
    } catch (AvroRuntimeException | IllegalArgumentException e) {
      throw new SchemaRegistryException(
          RegistryError.INVALID_SCHEMA,
          "Invalid schema " + text + ", details: " + e.getMessage(),
          e);
    }
  }
}
