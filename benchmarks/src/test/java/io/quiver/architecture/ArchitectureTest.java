package io.quiver.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
          "storage",
          "protocol",
          "query",
          "wrangler",
          "clarify",
          "pipelines",
          "spark",
          "server",
          "benchmarks");

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
    if (module.equals(MODULES.get(MODULES.size() - 1))) {
      return; // the top module may use every other
    }
    dependsOnlyDownward("io.quiver", MODULES, module).check(classes);
  }

  @Test
  void packagesAreFreeOfCycles() {
    freeOfCycles("io.quiver").check(classes);
  }

  /** Storage's internals are its own: other modules reach it through its facade and values. */
  @Test
  void storageInternalsStayInStorage() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.quiver.storage..", "io.quiver.benchmarks..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.quiver.storage.internal..")
        .because(
            "modules reach storage through QuiverStore, ReadOnlyStore and their value types"
                + " (benchmarks build raw-RocksDB baselines from the same parts)")
        .check(classes);
  }

  /** The rules themselves, tried on classes that break them (in this test's fixture package). */
  @Test
  void theRulesRefuseACycleAndAnUpwardDependency() {
    String root = "io.quiver.architecture.fixture";
    JavaClasses fixture = new ClassFileImporter().importPackages(root);
    assertThatThrownBy(() -> freeOfCycles(root + ".cycle").check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("fixture.cycle.a")
        .hasMessageContaining("fixture.cycle.b");
    List<String> modules = List.of("storage", "server");
    assertThatThrownBy(
            () -> dependsOnlyDownward(root + ".modules", modules, "storage").check(fixture))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Store")
        .hasMessageContaining("Endpoint");
  }

  /** No class of {@code module} depends on a module after it in {@code modules} (not the last). */
  static ArchRule dependsOnlyDownward(String root, List<String> modules, String module) {
    String[] above =
        modules.subList(modules.indexOf(module) + 1, modules.size()).stream()
            .map(m -> root + "." + m + "..")
            .toArray(String[]::new);
    return noClasses()
        .that()
        .resideInAPackage(root + "." + module + "..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(above)
        .because("modules depend only downward: " + String.join(" < ", modules))
        .allowEmptyShould(true);
  }

  /** No two packages under {@code root} depend on each other, directly or through others. */
  static ArchRule freeOfCycles(String root) {
    return slices()
        .matching(root + ".(**)")
        .should()
        .beFreeOfCycles()
        .because("a package cycle makes two concepts one; split or invert the dependency");
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
