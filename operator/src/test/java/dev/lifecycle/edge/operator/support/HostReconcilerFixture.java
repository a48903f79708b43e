package dev.lifecycle.edge.operator.support;

import dev.lifecycle.edge.operator.OperatorSettings;
import dev.lifecycle.edge.operator.host.EdgeHostReconciler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The setup of the host reconciler's ITs for hosts that keep reporting, to extend: the API with an operator
 * running only the EdgeHostReconciler for the test class, and a fresh namespace per test.
 */
public abstract class HostReconcilerFixture {

  // Staleness far above a test's length: these hosts never go Unreachable here.
  @RegisterExtension
  protected static final OperatorHarness harness = OperatorHarness.perTestClass(
      OperatorSettings.defaults("http://gw").withHeartbeat(Duration.ofSeconds(20)).embedded(),
      List.of(EdgeHostReconciler::new));

  private final String namespacePrefix;
  protected String namespace;

  protected HostReconcilerFixture(String namespacePrefix) {
    this.namespacePrefix = namespacePrefix;
  }

  @BeforeEach
  void newNamespace() {
    namespace = harness.newNamespace(namespacePrefix);
  }
}
