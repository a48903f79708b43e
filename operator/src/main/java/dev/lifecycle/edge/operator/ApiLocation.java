package dev.lifecycle.edge.operator;

import io.fabric8.kubernetes.client.Config;
import java.util.Collection;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Whether {@code run} knows where the Kubernetes API is: a kubeconfig it read, the in-cluster service
 * ({@code KUBERNETES_SERVICE_HOST}, set in every pod), or a master named explicitly. Without any,
 * fabric8 would fall back to {@code https://kubernetes.default.svc} and the informers would time out
 * with pages of stack traces; one sentence saying what is missing serves better.
 */
public final class ApiLocation {

  private static final String SERVICE_HOST = "KUBERNETES_SERVICE_HOST";
  private static final String MASTER = "KUBERNETES_MASTER";

  private ApiLocation() {
  }

  /**
   * Why there is no API to reconcile against, or empty when the configuration names one.
   *
   * @param config the configuration fabric8 resolved
   * @param kubeconfigs the kubeconfig files it looked for
   * @param environment the process's environment variables by name (null when unset)
   */
  static Optional<String> missing(Config config, Collection<String> kubeconfigs, UnaryOperator<String> environment) {
    return missing(config, kubeconfigs, environment, "reconcile against");
  }

  /** The same, for a command that does something else with the API ({@code task}: "export from"). */
  public static Optional<String> missing(Config config, Collection<String> kubeconfigs,
      UnaryOperator<String> environment, String task) {
    boolean explicitMaster = System.getProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY) != null
        || environment.apply(MASTER) != null;
    if (config.getFile() != null || environment.apply(SERVICE_HOST) != null || explicitMaster) {
      return Optional.empty();
    }
    return Optional.of("no Kubernetes API to " + task + ": no kubeconfig at " + String.join(", ", kubeconfigs)
        + " and not in a pod (" + SERVICE_HOST + " is unset); set KUBECONFIG to a kubeconfig file, or run in "
        + "the cluster");
  }
}
