package dev.lifecycle.edge.operator.support;

import dev.lifecycle.edge.operator.gateway.Gateway;
import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import java.time.Clock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For the tests of one class, on a static {@code @RegisterExtension} field: an API with every reconciler
 * running ({@link #harness()}), and the gateway over plain HTTP on a free local port in front of it.
 */
public final class RunningGateway implements BeforeAllCallback, AfterAllCallback {

  private final OperatorHarness harness;
  private Gateway gateway;

  private RunningGateway(OperatorHarness harness) {
    this.harness = harness;
  }

  public static RunningGateway withAllReconcilers() {
    return new RunningGateway(OperatorHarness.perTestClassWithAllReconcilers());
  }

  /** The same, with the clock the operator and the gateway read. */
  public static RunningGateway withAllReconcilers(Clock clock) {
    return new RunningGateway(OperatorHarness.perTestClassWithAllReconcilers(clock));
  }

  /** The same, with heartbeats every {@code heartbeat} (hosts Unreachable after three missed ones). */
  public static RunningGateway withAllReconcilers(java.time.Duration heartbeat) {
    return new RunningGateway(OperatorHarness.perTestClassWithAllReconcilers(heartbeat));
  }

  public OperatorHarness harness() {
    return harness;
  }

  /** Where agents reach the gateway, such as http://127.0.0.1:40123. */
  public String url() {
    return gateway.url();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    harness.beforeAll(context);
    gateway = Gateway.start(GatewayConfig.insecure(0).withHost("127.0.0.1"), harness.services());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    gateway.close();
    harness.afterAll(context);
  }
}
