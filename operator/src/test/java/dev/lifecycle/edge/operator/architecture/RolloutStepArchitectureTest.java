package dev.lifecycle.edge.operator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The pure rollout step (the {@code upgrade} package: the planner, the step and the values they
 * decide over) is decided from plain values: it knows neither the Kubernetes client nor
 * java-operator-sdk nor the reconcilers that read and write for it, so it is tested without an API
 * server and a restart can only ever resume from what the status records.
 */
@AnalyzeClasses(packages = "dev.lifecycle.edge.operator", importOptions = ImportOption.DoNotIncludeTests.class)
class RolloutStepArchitectureTest {

  private static final String STEP = "dev.lifecycle.edge.operator.upgrade..";

  @ArchTest
  static final ArchRule plannerAndStepArePure = classes().that().resideInAPackage(STEP)
      .and().haveSimpleNameEndingWith("Planner").or().haveSimpleName("RolloutStep")
      .should().haveOnlyPrivateConstructors()
      .because("the planner and the step are pure functions, not services");

  @ArchTest
  static final ArchRule noKubernetesClient = noClasses().that().resideInAPackage(STEP)
      .should().dependOnClassesThat().resideInAnyPackage("io.fabric8..", "io.javaoperatorsdk..")
      .because("the rollout step decides from plain values; the applier does the I/O");

  @ArchTest
  static final ArchRule noReconcilers = noClasses().that().resideInAPackage(STEP)
      .should().dependOnClassesThat().haveSimpleNameEndingWith("Reconciler")
      .orShould().dependOnClassesThat().resideInAnyPackage("dev.lifecycle.edge.operator.cluster..",
          "dev.lifecycle.edge.operator.host..", "dev.lifecycle.edge.operator.gateway..")
      .because("the reconcilers call the rollout step, never the other way round");
}
