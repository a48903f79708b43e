package dev.lifecycle.edge.apiserver;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Quiets the embedded API: the mock web server and Vert.x log every request at INFO through
 * java.util.logging. Their JUL loggers are set to WARNING (and held here, since JUL keeps loggers
 * only weakly), and JUL is bridged to SLF4J so that what remains shows up in the operator's log.
 */
final class EmbeddedApiLogging {

  private static final List<Logger> QUIETED = List.of(
      Logger.getLogger("io.fabric8.mockwebserver"),
      Logger.getLogger("io.fabric8.kubernetes.client.server.mock"),
      Logger.getLogger("io.vertx"),
      Logger.getLogger("io.netty"));

  private EmbeddedApiLogging() {
  }

  static synchronized void quiet() {
    QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
