package dev.lifecycle.edge.operator.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: the embedded API server, the demo and the agent build on the operator (or
 * beside it), never the reverse. The operator's main code, and in particular its reconcilers and its
 * gateway, imports nothing from them.
 */
class ModuleDirectionTest {

  private static final String OPERATOR = "dev.lifecycle.edge.operator..";
  private static final String[] OTHER_MODULES = {
      "dev.lifecycle.edge.apiserver..", "dev.lifecycle.edge.demo..", "dev.lifecycle.edge.agent.."};

  private static final JavaClasses MAIN_CODE = new ClassFileImporter()
      .withImportOption(new ImportOption.DoNotIncludeTests())
      .importPackages("dev.lifecycle.edge.operator");

  @Test
  @DisplayName("When any class of the operator is read, then it depends on nothing from the API server, the demo "
      + "or the agent")
  void operatorKnowsNoOtherModule() {
    noClasses().that().resideInAPackage(OPERATOR)
        .should().dependOnClassesThat().resideInAnyPackage(OTHER_MODULES)
        .because("the operator module is the operator, nothing else; the others build on it")
        .check(MAIN_CODE);
  }

  @Test
  @DisplayName("When the reconcilers' packages are read, then they depend on nothing from the API server, the "
      + "demo or the agent")
  void reconcilersKnowNoOtherModule() {
    Set<String> reconcilerPackages = MAIN_CODE.stream()
        .filter(type -> type.isAssignableTo(Reconciler.class) && !type.isInterface())
        .map(JavaClass::getPackageName)
        .collect(Collectors.toSet());
    assertThat(reconcilerPackages).as("the packages of the Reconciler implementations").hasSizeGreaterThanOrEqualTo(4);

    noClasses().that().resideInAnyPackage(reconcilerPackages.toArray(String[]::new))
        .should().dependOnClassesThat().resideInAnyPackage(OTHER_MODULES)
        .because("a reconciler talks to the Kubernetes API, whichever server serves it")
        .check(MAIN_CODE);
  }

  @Test
  @DisplayName("When the gateway's packages are read, then they depend on nothing from the API server, the demo "
      + "or the agent")
  void gatewayKnowsNoOtherModule() {
    noClasses().that().resideInAPackage("dev.lifecycle.edge.operator.gateway..")
        .should().dependOnClassesThat().resideInAnyPackage(OTHER_MODULES)
        .because("the gateway speaks the wire protocol, not the agent's classes, and serves from its own caches")
        .check(MAIN_CODE);
  }
}
