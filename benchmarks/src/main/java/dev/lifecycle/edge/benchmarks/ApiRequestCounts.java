package dev.lifecycle.edge.benchmarks;

import dev.lifecycle.edge.apiserver.ApiRequest;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every request the embedded API receives, counted by the API itself (its request listener), by verb and
 * resource, such as {@code PUT edgehosts/status}: whichever client sent it, nothing escapes. The benchmark's own
 * requests (its client sends {@link #BENCHMARK_AGENT} as User-Agent: creating the fleet's objects, polling for the
 * end of a phase) are kept apart; everything else is the operator's (its reconcilers and its gateway share one
 * client).
 */
final class ApiRequestCounts {

  static final String BENCHMARK_AGENT = "edge-fleet-benchmark";
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final Map<String, LongAdder> operator = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> benchmark = new ConcurrentHashMap<>();

  void count(ApiRequest request) {
    String target = request.target();
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    boolean watch = query >= 0 && target.substring(query).contains("watch=true");
    String key = request.method() + " " + ApiCalls.resource(path) + (watch ? " (watch)" : "");
    boolean ours = request.userAgent() != null && request.userAgent().startsWith(BENCHMARK_AGENT);
    (ours ? benchmark : operator).computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  /** The operator's requests so far, by verb and resource. */
  Map<String, Long> operator() {
    Map<String, Long> copy = new TreeMap<>();
    operator.forEach((key, count) -> copy.put(key, count.sum()));
    return copy;
  }

  static boolean isWrite(String key) {
    return WRITES.contains(key.substring(0, key.indexOf(' ')));
  }

  /** The writes among counts (as from {@link ApiCalls#since}). */
  static long writes(Map<String, Long> counts) {
    return counts.entrySet().stream().filter(e -> isWrite(e.getKey())).mapToLong(Map.Entry::getValue).sum();
  }
}
