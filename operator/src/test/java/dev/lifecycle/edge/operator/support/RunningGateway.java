package dev.lifecycle.edge.operator.support;

import dev.lifecycle.edge.operator.gateway.Gateway;
import dev.lifecycle.edge.operator.gateway.GatewayConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The gateway over plain HTTP on a free local port, in front of a harness's API, for the tests of one class:
 * register it on a static field after the harness ({@code @Order}), so it starts after the API and closes
 * before it.
 */
public final class RunningGateway implements BeforeAllCallback, AfterAllCallback {

  private final OperatorHarness harness;
  private Gateway gateway;

  private RunningGateway(OperatorHarness harness) {
    this.harness = harness;
  }

  public static RunningGateway on(OperatorHarness harness) {
    return new RunningGateway(harness);
  }

  /** Where agents reach the gateway, such as http://127.0.0.1:40123. */
  public String url() {
    return gateway.url();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    gateway = Gateway.start(GatewayConfig.insecure(0).withHost("127.0.0.1"), harness.services());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    gateway.close();
  }
}
