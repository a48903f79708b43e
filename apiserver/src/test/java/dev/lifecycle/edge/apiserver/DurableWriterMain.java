package dev.lifecycle.edge.apiserver;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link DurableStoreKillIT}: starts a durable API on the directory, then writes
 * through its HTTP API with a fabric8 client until it is killed, printing each write whose answer it
 * received: {@code READY}, then {@code CREATE name rv}, {@code UPDATE name value rv}, {@code DELETE name}.
 * It writes one request at a time, so at most one write is unanswered when the kill comes.
 */
public final class DurableWriterMain {

  private DurableWriterMain() {
  }

  public static void main(String[] args) {
    Path store = Path.of(args[0]);
    String cycle = args[1];
    PrintStream out = System.out;
    try (EmbeddedKubernetes api = EmbeddedKubernetes.startDurable(store, 0)) {
      KubernetesClient client = api.client();
      out.println("READY " + api.recovery().orElseThrow().resourceVersion());
      out.flush();
      String counter = "counter-" + cycle;
      for (int i = 1; ; i++) {
        if (i % 2 == 0) {
          ConfigMap updated = client.resource(configMap(counter, i)).createOr(existing -> existing.update());
          out.println("UPDATE " + counter + " " + i + " " + updated.getMetadata().getResourceVersion());
        } else if (i % 10 == 5) {
          String name = "w-" + cycle + "-" + (i - 2);
          // Said before the delete is sent: a kill between the store's answer and the DELETE line leaves it unknown.
          out.println("DELETING " + name);
          out.flush();
          client.configMaps().withName(name).delete();
          out.println("DELETE " + name);
        } else {
          String name = "w-" + cycle + "-" + i;
          ConfigMap created = client.resource(configMap(name, i)).create();
          out.println("CREATE " + name + " " + created.getMetadata().getResourceVersion());
        }
        out.flush();
      }
    }
  }

  private static ConfigMap configMap(String name, int value) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .addToData("value", Integer.toString(value)).build();
  }
}
