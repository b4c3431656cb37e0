package org.flipad.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evolution rule of {@code schemas/README.md}: every current schema reads data written with
 * every committed history version (BACKWARD), every file parses on its own and documents every
 * record, enum and field, and history and current schemas match one to one.
 */
class SchemaCompatibilityTest {

  static List<String> names() {
    return SchemaFiles.currentNames();
  }

  @Test
  void shouldHaveAHistoryForEveryCurrentSchemaAndViceVersa() {
    assertThat(SchemaFiles.currentNames())
        .as("schemas/*.avsc vs schemas/history/*/ (copy a new schema into history/<Name>/v1.avsc)")
        .isNotEmpty()
        .containsExactlyElementsOf(SchemaFiles.historyNames());
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldParseEveryFileOnItsOwnWithTheFileNameAsRecordName(String name) {
    List<Path> files = new ArrayList<>(SchemaFiles.history(name));
    files.add(SchemaFiles.current(name));
    for (Path file : files) {
      Schema schema = SchemaFiles.parse(file);
      assertThat(schema.getType()).as("top-level type of %s", file).isEqualTo(Schema.Type.RECORD);
      assertThat(schema.getFullName())
          .as("record name of %s", file)
          .isEqualTo(SchemaFiles.NAMESPACE + "." + name);
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldNumberHistoryVersionsFromOneWithoutGaps(String name) {
    List<Integer> versions = SchemaFiles.history(name).stream().map(SchemaFiles::version).toList();
    List<Integer> expected = new ArrayList<>();
    for (int v = 1; v <= versions.size(); v++) {
      expected.add(v);
    }
    assertThat(versions).as("history versions of %s", name).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldDocumentEveryNamedTypeAndField(String name) {
    Schema schema = SchemaFiles.parse(SchemaFiles.current(name));
    List<String> undocumented = new ArrayList<>();
    for (Schema type : SchemaFiles.namedTypes(schema).values()) {
      if (isBlank(type.getDoc())) {
        undocumented.add(type.getFullName());
      }
      if (type.getType() == Schema.Type.RECORD) {
        type.getFields().stream()
            .filter(field -> isBlank(field.doc()))
            .forEach(field -> undocumented.add(type.getFullName() + "." + field.name()));
      }
    }
    assertThat(undocumented).as("types and fields of %s without a \"doc\"", name).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldKeepEveryTypeInTheOneNamespace(String name) {
    Schema schema = SchemaFiles.parse(SchemaFiles.current(name));
    assertThat(SchemaFiles.namedTypes(schema).values())
        .as("named types of %s", name)
        .allSatisfy(type -> assertThat(type.getNamespace()).isEqualTo(SchemaFiles.NAMESPACE));
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldReadDataWrittenWithEveryHistoryVersion(String name) {
    Schema current = SchemaFiles.parse(SchemaFiles.current(name));
    for (Path file : SchemaFiles.history(name)) {
      SchemaPairCompatibility result = backward(current, SchemaFiles.parse(file));
      assertThat(result.getType())
          .as(
              "schemas/%s.avsc reading data written with %s: %s. Make new fields optional with a"
                  + " default, never remove enum symbols or change types.",
              name, file, describe(result))
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void shouldEvolveHistoryBackwardOneVersionAtATime(String name) {
    List<Path> files = SchemaFiles.history(name);
    for (int i = 1; i < files.size(); i++) {
      Schema older = SchemaFiles.parse(files.get(i - 1));
      Schema newer = SchemaFiles.parse(files.get(i));
      assertThat(newer.toString())
          .as("%s repeats %s; a history version records a change", files.get(i), files.get(i - 1))
          .isNotEqualTo(older.toString());
      SchemaPairCompatibility result = backward(newer, older);
      assertThat(result.getType())
          .as("%s reading %s: %s", files.get(i), files.get(i - 1), describe(result))
          .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }
  }

  /**
   * The newest history version is the current schema (nothing pending) or older than it (a change
   * in progress). Current equal to an earlier version instead means a revert or a history file
   * edited ahead of the current one.
   */
  @ParameterizedTest
  @MethodSource("names")
  void shouldKeepTheNewestHistoryVersionIdenticalToOrOlderThanTheCurrentSchema(String name) {
    String current = SchemaFiles.parse(SchemaFiles.current(name)).toString();
    List<Path> files = SchemaFiles.history(name);
    Path newest = files.get(files.size() - 1);
    if (current.equals(SchemaFiles.parse(newest).toString())) {
      return;
    }
    for (Path older : files.subList(0, files.size() - 1)) {
      assertThat(SchemaFiles.parse(older).toString())
          .as(
              "schemas/%s.avsc equals %s but %s is newer: history must not run ahead of the"
                  + " current schema",
              name, older, newest)
          .isNotEqualTo(current);
    }
  }

  @Test
  void shouldDefineEveryNamedTypeIdenticallyInEveryFileThatUsesIt() {
    Map<String, Map<String, String>> definitions = new HashMap<>();
    for (String name : SchemaFiles.currentNames()) {
      SchemaFiles.namedTypes(SchemaFiles.parse(SchemaFiles.current(name)))
          .forEach(
              (fullName, type) ->
                  definitions
                      .computeIfAbsent(fullName, k -> new HashMap<>())
                      .put(name, type.toString()));
    }
    Map<String, ?> conflicting =
        definitions.entrySet().stream()
            .filter(e -> e.getValue().values().stream().distinct().count() > 1)
            .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().keySet()));
    assertThat(conflicting)
        .as(
            "named types defined differently across schema files (one generated class each: copy"
                + " the same definition, docs included, into every file)")
        .isEmpty();
  }

  @Test
  void shouldReportIncompatibleWhenARequiredFieldWithoutDefaultIsAdded() {
    Schema current = SchemaFiles.parse(SchemaFiles.current("ImageUpload"));
    Schema evolved = withExtraField(current, new Schema.Field("region", stringType(), "Region."));

    SchemaPairCompatibility result = backward(evolved, current);

    assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    assertThat(describe(result)).contains("READER_FIELD_MISSING_DEFAULT").contains("region");
  }

  @Test
  void shouldReportIncompatibleWhenAnEnumSymbolIsRemoved() {
    Schema writer = Schema.createEnum("Color", "Colors.", "x", List.of("RED", "GREEN", "UNKNOWN"));
    Schema reader = Schema.createEnum("Color", "Colors.", "x", List.of("RED", "UNKNOWN"));

    assertThat(backward(reader, writer).getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  @Test
  void shouldReportCompatibleWhenAnOptionalFieldWithNullDefaultIsAdded() {
    Schema current = SchemaFiles.parse(SchemaFiles.current("ImageUpload"));
    Schema optional = Schema.createUnion(Schema.create(Schema.Type.NULL), stringType());
    Schema evolved =
        withExtraField(
            current,
            new Schema.Field("region", optional, "Region.", Schema.Field.NULL_DEFAULT_VALUE));

    assertThat(backward(evolved, current).getType()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  /** Whether {@code reader} (the new schema) can read data written with {@code writer}. */
  private static SchemaPairCompatibility backward(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
  }

  private static String describe(SchemaPairCompatibility result) {
    return result.getResult().getIncompatibilities().stream()
        .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
        .collect(Collectors.joining("; ", "[", "]"));
  }

  private static Schema withExtraField(Schema record, Schema.Field extra) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    fields.add(extra);
    return Schema.createRecord(
        record.getName(), record.getDoc(), record.getNamespace(), false, fields);
  }

  private static Schema stringType() {
    return Schema.create(Schema.Type.STRING);
  }

  private static boolean isBlank(String doc) {
    return doc == null || doc.isBlank();
  }
}
