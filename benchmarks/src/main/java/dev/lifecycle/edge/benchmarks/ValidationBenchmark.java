package dev.lifecycle.edge.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifecycle.edge.apiserver.CrdInstaller;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.validation.CrdValidator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What validation costs a write of the embedded API, side by side in one run: the same EdgeClusters created and
 * then updated through HTTP, once under the real EdgeCluster CRD (schema, CEL rules, defaults, pruning) and once
 * under a copy of it in another group whose schema checks nothing (preserve-unknown-fields, no rules), which
 * the API stores as it gets them. The sides take turns in rounds so that other work on the machine weighs on both
 * alike; each is warmed up first. The validator alone (in process, no HTTP) is timed too.
 */
@Command(name = "validation", mixinStandardHelpOptions = true,
    description = "Creates and updates N EdgeClusters through the embedded API with and without schema validation; "
        + "prints both write rates and their ratio, and the validator's own rate.")
final class ValidationBenchmark implements Callable<Integer> {

  private static final String CRD = "edgeclusters.edge.lifecycle.dev.yaml";
  private static final String UNVALIDATED_GROUP = "unvalidated.bench.dev";

  @Option(names = "--objects", defaultValue = "2000", description = "Objects on each side (default: ${DEFAULT-VALUE}).")
  private int objects;

  @Option(names = "--warm-up", defaultValue = "1000", description = "Objects on each side before measuring "
      + "(default: ${DEFAULT-VALUE}).")
  private int warmUp;

  @Option(names = "--rounds", defaultValue = "4", description = "Rounds, the sides taking turns "
      + "(default: ${DEFAULT-VALUE}).")
  private int rounds;

  @Override
  public Integer call() {
    JsonNode crd = Serialization.unmarshal(resource(CrdInstaller.CLASSPATH_FOLDER + CRD), JsonNode.class);
    try (EmbeddedKubernetes api = EmbeddedKubernetes.start()) {
      KubernetesClient client = api.client();
      client.apiextensions().v1().customResourceDefinitions()
          .resource(Serialization.jsonMapper().convertValue(unvalidated(crd), CustomResourceDefinition.class))
          .create();
      for (String namespace : new String[] {"warm", "validated", "unvalidated"}) {
        api.createNamespace(namespace);
      }
      Side validated = new Side(client, "edge.lifecycle.dev", "validated");
      Side unvalidated = new Side(client, UNVALIDATED_GROUP, "unvalidated");
      new Side(client, "edge.lifecycle.dev", "warm").write(0, warmUp);
      new Side(client, UNVALIDATED_GROUP, "warm").write(0, warmUp);

      int perRound = Math.max(1, objects / rounds);
      for (int round = 0; round < rounds; round++) {
        boolean validatedFirst = round % 2 == 0;
        (validatedFirst ? validated : unvalidated).write(round * perRound, perRound);
        (validatedFirst ? unvalidated : validated).write(round * perRound, perRound);
      }
      int writes = 2 * perRound * rounds;
      Rate withValidation = new Rate("writes, validated", writes, validated.elapsed);
      Rate without = new Rate("writes, schema checks nothing", writes, unvalidated.elapsed);
      System.out.println(withValidation.line());
      System.out.println(without.line());
      System.out.printf(Locale.ROOT, "validated / unvalidated write rate: %.2f%n",
          withValidation.perSecond() / without.perSecond());
    }
    Rate validator = validatorAlone(crd);
    System.out.println(validator.line());
    System.out.printf(Locale.ROOT, "validator per object: %.1f us%n", 1e6 / validator.perSecond());
    return 0;
  }

  /**
   * The validator in process: each object created, then updated with its workers scaled, as the HTTP sides do
   * (transition rules evaluated; what the update left unchanged is ratcheted, as on the server).
   */
  private Rate validatorAlone(JsonNode crd) {
    CrdValidator validator = new CrdValidator(crd);
    JsonNode[] clusters = new JsonNode[objects];
    JsonNode[] scaled = new JsonNode[objects];
    for (int i = 0; i < objects; i++) {
      clusters[i] = Serialization.jsonMapper().valueToTree(cluster("edge.lifecycle.dev", "bench", i, 2));
      scaled[i] = Serialization.jsonMapper().valueToTree(cluster("edge.lifecycle.dev", "bench", i, 3));
    }
    for (int i = 0; i < warmUp; i++) {
      validator.admit(null, clusters[i % objects], CrdValidator.Scope.OBJECT, CrdValidator.RuleObserver.NONE);
    }
    long start = System.nanoTime();
    for (int i = 0; i < objects; i++) {
      validator.admit(null, clusters[i], CrdValidator.Scope.OBJECT, CrdValidator.RuleObserver.NONE);
      validator.admit(clusters[i], scaled[i], CrdValidator.Scope.OBJECT, CrdValidator.RuleObserver.NONE);
    }
    return new Rate("validator alone (no HTTP)", 2 * objects, Duration.ofNanos(System.nanoTime() - start));
  }

  /** The EdgeCluster CRD moved to another group, its schema checking nothing and declaring no rule. */
  private static JsonNode unvalidated(JsonNode crd) {
    ObjectNode copy = crd.deepCopy();
    String plural = copy.path("spec").path("names").path("plural").asText();
    ((ObjectNode) copy.get("metadata")).put("name", plural + "." + UNVALIDATED_GROUP);
    ((ObjectNode) copy.get("spec")).put("group", UNVALIDATED_GROUP);
    ObjectNode version = (ObjectNode) copy.path("spec").path("versions").get(0);
    ObjectNode schema = version.putObject("schema").putObject("openAPIV3Schema");
    schema.put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
    version.remove("additionalPrinterColumns");
    return copy;
  }

  /** An EdgeCluster as a user writes one: a profile, three control-plane hosts, workers, a strategy, labels. */
  static GenericKubernetesResource cluster(String group, String namespace, int i, int workers) {
    String yaml = """
        apiVersion: %s/v1alpha1
        kind: EdgeCluster
        metadata:
          name: store-%05d
          namespace: %s
        spec:
          profileRef:
            name: store-edge-1.0.0
          controlPlane:
            count: 3
            hostSelector:
              matchLabels:
                edge.lifecycle.dev/site: store-%05d
          workers:
            count: %d
            hostSelector:
              matchExpressions:
                - key: edge.lifecycle.dev/role
                  operator: In
                  values: [worker]
          upgradeStrategy:
            maxUnavailable: 25%%
            hostTimeout: 30m
            onFailure: Rollback
          network:
            controlPlaneEndpoint: 192.168.10.100
            podCIDR: 10.42.0.0/16
            serviceCIDR: 10.43.0.0/16
        """.formatted(group, i, namespace, i, workers);
    return Serialization.unmarshal(yaml, GenericKubernetesResource.class);
  }

  private static String resource(String name) {
    try (InputStream in = ValidationBenchmark.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("not on the classpath: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One side: its objects created, then each updated (workers scaled), the time of both summed over rounds. */
  private static final class Side {

    private final KubernetesClient client;
    private final String group;
    private final String namespace;
    private Duration elapsed = Duration.ZERO;

    Side(KubernetesClient client, String group, String namespace) {
      this.client = client;
      this.group = group;
      this.namespace = namespace;
    }

    void write(int from, int count) {
      long start = System.nanoTime();
      for (int i = from; i < from + count; i++) {
        GenericKubernetesResource created = client.resource(cluster(group, namespace, i, 2)).create();
        GenericKubernetesResource scaled = cluster(group, namespace, i, 3);
        scaled.getMetadata().setResourceVersion(created.getMetadata().getResourceVersion());
        client.resource(scaled).update();
      }
      elapsed = elapsed.plus(Duration.ofNanos(System.nanoTime() - start));
    }
  }
}
