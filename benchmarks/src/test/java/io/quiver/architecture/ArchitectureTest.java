package io.quiver.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The architecture as the build enforces it: each module depends only on the modules below it, and
 * no two packages depend on each other, directly or in a longer cycle. It lives in {@code
 * benchmarks} because that is the one module whose class path holds every other.
 */
class ArchitectureTest {
  /** The modules' root packages, bottom to top (DESIGN.md). */
  static final List<String> MODULES =
      List.of(
          "storage", "query", "wrangler", "clarify", "pipelines", "spark", "server", "benchmarks");

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.quiver");
  }

  static Stream<String> modules() {
    return MODULES.stream();
  }

  @ParameterizedTest(name = "{0} depends only on modules below it")
  @MethodSource("modules")
  void moduleDependsOnlyDownward(String module) {
    String[] above =
        MODULES.subList(MODULES.indexOf(module) + 1, MODULES.size()).stream()
            .map(m -> "io.quiver." + m + "..")
            .toArray(String[]::new);
    if (above.length == 0) {
      return;
    }
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage("io.quiver." + module + "..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(above)
            .because("modules depend only downward: " + String.join(" < ", MODULES))
            .allowEmptyShould(true);
    rule.check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices()
        .matching("io.quiver.(**)")
        .should()
        .beFreeOfCycles()
        .because("a package cycle makes two concepts one; split or invert the dependency")
        .check(classes);
  }

  @Test
  void everyModuleIsKnown() {
    // a module added to the build must take its place in MODULES, or the rules above miss it
    List<String> roots =
        classes.stream()
            .map(c -> c.getPackageName().split("\\.", -1))
            .filter(parts -> parts.length > 2)
            .map(parts -> parts[2])
            .distinct()
            .sorted()
            .toList();
    assertThat(roots).isNotEmpty();
    assertThat(MODULES).containsAll(roots);
  }
}
