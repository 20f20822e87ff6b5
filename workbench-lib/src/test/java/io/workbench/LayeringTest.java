package io.workbench;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The package layering of workbench-lib as an import scan (ArchUnit over the compiled classes): no package
 * cycles; the library never imports kernel code; the core {@code model} package imports no engine and no
 * {@code eval}; {@code plot} imports no result types; {@code data} imports only the leaf helpers; the leaf
 * helpers import nothing of ours. The same rules, pointed at a fixture package with one deliberate violation
 * each ({@code io.workbench.testing.layering}), must fail: a rule that cannot fail would prove nothing.
 */
class LayeringTest {

  /** The rules, for a library rooted at {@code root} (the real one or the fixture). */
  static Map<String, ArchRule> rules(String root) {
    String[] leaves = {root + ".check..", root + ".stats..", root + ".display..", root + ".progress..", root + ".io.."};
    Map<String, ArchRule> r = new LinkedHashMap<>();
    r.put("no package cycles", slices().matching(root + ".(**)").should().beFreeOfCycles());
    r.put("the library never imports the kernel", noClasses().that().resideInAPackage(root + "..")
        .and().resideOutsideOfPackage(root + ".kernel..")
        .should().dependOnClassesThat().resideInAPackage(root + ".kernel.."));
    r.put("the core model package imports no engine and no eval", noClasses().that().resideInAPackage(root + ".model")
        .should().dependOnClassesThat().resideInAnyPackage(root + ".model.djl..", root + ".model.xgboost..",
            root + ".model.cart..", root + ".model.factory..", root + ".model.imported..", root + ".model.engine..",
            "ai.djl..", "ml.dmlc..",
            root + ".eval.."));
    r.put("plot imports no result types", noClasses().that().resideInAPackage(root + ".plot..")
        .should().dependOnClassesThat().resideInAnyPackage(root + ".explain..", root + ".analysis..",
            root + ".eval..", root + ".labels..", root + ".model..", root + ".signal.."));
    // data is the bottom of the pipeline: it may use the leaf helpers (argument checks, statistics, rendering,
    // progress, safe file input and output), which import nothing of ours themselves (next rule), and nothing else of ours.
    r.put("data imports only the leaf helpers", noClasses().that().resideInAPackage(root + ".data..")
        .should().dependOnClassesThat(resideInAPackage(root + "..")
            .and(not(resideInAPackage(root + ".data..")))
            .and(not(resideInAnyPackage(leaves)))));
    r.put("the leaf helpers import nothing of ours", noClasses().that().resideInAnyPackage(leaves)
        .should().dependOnClassesThat(resideInAPackage(root + "..").and(not(resideInAnyPackage(leaves)))));
    return r;
  }

  @Test
  void theLibraryKeepsItsLayers() {
    JavaClasses lib = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages("io.workbench");
    assertTrue(lib.size() > 200, "scanned " + lib.size() + " classes");
    assertTrue(lib.contain("io.workbench.model.Model") && lib.contain("io.workbench.model.factory.Models"),
        "the scan sees the library");
    List<String> broken = new ArrayList<>();
    for (Map.Entry<String, ArchRule> e : rules("io.workbench").entrySet()) {
      try {
        e.getValue().because(e.getKey()).check(lib);
      } catch (AssertionError violation) {
        broken.add(violation.getMessage());
      }
    }
    assertTrue(broken.isEmpty(), broken.size() + " layering rule(s) broken:\n" + String.join("\n", broken));
  }

  @Test
  void everyRuleFailsOnADeliberateViolation() {
    JavaClasses fixture = new ClassFileImporter().importPackages("io.workbench.testing.layering");
    Map<String, ArchRule> rules = rules("io.workbench.testing.layering");
    Map<String, String> expected = Map.of(
        "no package cycles", "Cycle detected",
        "the library never imports the kernel", "kernel.Session",
        "the core model package imports no engine and no eval", "model.engine.Engine",
        "plot imports no result types", "eval.Report",
        "data imports only the leaf helpers", "plot.Chart",
        "the leaf helpers import nothing of ours", "check.Checks");
    assertEquals(expected.keySet(), rules.keySet(), "one fixture violation per rule");
    for (Map.Entry<String, ArchRule> e : rules.entrySet()) {
      AssertionError failure = assertThrows(AssertionError.class, () -> e.getValue().check(fixture),
          "the rule '" + e.getKey() + "' must fail on the fixture");
      assertTrue(failure.getMessage().contains(expected.get(e.getKey())),
          e.getKey() + ": " + failure.getMessage());
    }
  }
}
