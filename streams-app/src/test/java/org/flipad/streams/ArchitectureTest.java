package org.flipad.streams;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The boundaries of docs/architecture.md ("Boundaries"), checked on the compiled classes. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.flipad");
  }

  @Test
  void shouldKeepKafkaOutOfTheCore() {
    noClasses()
        .that()
        .resideInAPackage("org.flipad.core..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.kafka..")
        .check(classes);
  }

  @Test
  void shouldKeepTensorMathOutOfTheService() {
    noClasses()
        .that()
        .resideInAPackage("org.flipad.streams..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("ai.djl..")
        .check(classes);
  }

  @Test
  void shouldNotLetAnythingImportTheCommandLine() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.flipad.streams.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.flipad.streams.cli..")
        .check(classes);
  }

  @Test
  void shouldHaveNoPackageCycles() {
    slices().matching("org.flipad.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void shouldKeepTheCoreIndependentOfTheService() {
    noClasses()
        .that()
        .resideInAPackage("org.flipad.core..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.flipad.streams..")
        .check(classes);
  }
}
