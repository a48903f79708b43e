package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the Kubernetes API requests a client sends, by party and by kind of request, such as
 * {@code gateway PUT edgehosts/status}: a fabric8 interceptor, called on the thread that sends the
 * request. The gateway's writes run on its worker threads ({@code edge-gateway-writes-N}); every other
 * request of the operator's client is the operator's (reconcilers, Events, watches).
 */
final class ApiCalls implements Interceptor {

  private static final Pattern RESOURCE = Pattern.compile(
      "^/(?:api/v1|apis/[^/]+/[^/]+)(?:/namespaces/[^/]+)?/([a-z0-9.-]+)(?:/[^/]+(/status)?)?$");

  private final String defaultParty;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  ApiCalls(String defaultParty) {
    this.defaultParty = defaultParty;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String thread = Thread.currentThread().getName();
    String party = thread.startsWith("edge-gateway-writes") ? "gateway" : defaultParty;
    String query = request.uri().getRawQuery();
    boolean watch = query != null && query.contains("watch=true");
    counts.computeIfAbsent(party + " " + request.method() + " " + resource(request.uri().getRawPath())
        + (watch ? " (watch)" : ""), key -> new LongAdder()).increment();
  }

  /** A client of the embedded API whose requests {@code counter} counts. */
  static KubernetesClient client(EmbeddedKubernetes api, ApiCalls counter) {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl(api.url())
        .withNamespace(EmbeddedKubernetes.DEFAULT_NAMESPACE)
        .withHttp2Disable(true)
        .build();
    return new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("count", counter))
        .build();
  }

  /** The counts so far, by party and kind. */
  Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((key, count) -> copy.put(key, count.sum()));
    return copy;
  }

  /** The counts between two snapshots, without kinds that did not move. */
  static Map<String, Long> since(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> delta = new TreeMap<>();
    after.forEach((key, count) -> {
      long moved = count - before.getOrDefault(key, 0L);
      if (moved != 0) {
        delta.put(key, moved);
      }
    });
    return delta;
  }

  static String resource(String path) {
    Matcher matcher = RESOURCE.matcher(path);
    if (!matcher.matches()) {
      return path;
    }
    return matcher.group(1) + (matcher.group(2) == null ? "" : "/status");
  }
}
