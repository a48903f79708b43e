package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import dev.lifecycle.edge.apiserver.store.LogRecord;
import dev.lifecycle.edge.apiserver.store.StoreUnavailableException;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MediaType;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;

/**
 * The fabric8 CRUD dispatcher, made good enough for the operator, its tests and kubectl: it serves
 * discovery, {@code /version} and the custom resources' OpenAPI v3 schemas (kubectl explain), answers
 * kubectl get with Tables of the CRDs' printer columns, selects Events by field (kubectl describe),
 * keeps status writes that carry a query string on the status subresource, answers 409 to a stale
 * status update, answers PATCH with 200 as the real API does, allows every access review (it
 * authorizes everything), answers 415 to a protobuf body (kubectl then sends JSON), names core lists
 * by their kind (EventList), prints Events as kubectl get shows them, streams watches over plain HTTP
 * too (kubectl get -w, through {@link ApiHttpServer}), injects faults when asked ({@link FaultInjector}),
 * and rejects server-side apply, strategic merge patch and dry runs with a clear message. Objects are
 * found by name through an index ({@link NameIndex}) and watches are sent the stored JSON as it is
 * ({@link WatchStreams}), so that a write's cost does not grow with the store or with the number of
 * watchers.
 */
final class EmbeddedApiDispatcher extends KubernetesCrudDispatcher {

  static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
  private static final String CRD_PLURAL = "customresourcedefinitions";
  static final String SSA_NOT_SUPPORTED = "server-side apply (application/apply-patch+yaml) is not supported by the "
      + "embedded Kubernetes API: create the object, then update it or send a JSON merge patch";
  static final String SMP_NOT_SUPPORTED = "strategic merge patch is not supported by the embedded Kubernetes API: "
      + "send a JSON merge patch (kubectl patch --type merge) or a JSON patch";
  static final String DRY_RUN_NOT_SUPPORTED = "dry run is not supported by the embedded Kubernetes API";
  static final String PROTOBUF_NOT_SUPPORTED = "the embedded Kubernetes API reads JSON only: send "
      + "application/json (kubectl does so after this answer)";

  private static final int UNSUPPORTED_MEDIA_TYPE = 415;

  private final DiscoveryEndpoints discovery = new DiscoveryEndpoints(this::installedCrds);
  private final TableRequests tables = new TableRequests(this::installedCrds, Clock.systemUTC());
  private final NameIndex index = new NameIndex();
  /** Writes one at a time, so that a check made before a write still holds when the write is done. */
  private final Object writes = new Object();
  private static final ObjectMapper PATCH_READER = new ObjectMapper();
  private final WatchStreams watches = new WatchStreams(writes);
  private final FaultInjector faults = new FaultInjector(watches::dropAll);
  /** Validates, defaults and prunes every custom resource written, as a real API server does. */
  private final CustomResourceAdmission admission = new CustomResourceAdmission(this::installedCrds);
  /** Told of every write before it is applied: a durable store has it on disk first. */
  private volatile StoreJournal journal = StoreJournal.NONE;
  /** The mock store's resourceVersion counter and lock (read once: every write uses them). */
  private final AtomicLong counter = MockStoreInternals.counter(this);
  private final Lock storeWriteLock = MockStoreInternals.lock(this).writeLock();
  /** Told of every request before it is served (tests that audit what a client calls). */
  private final List<Consumer<ApiRequest>> listeners = new CopyOnWriteArrayList<>();

  void addListener(Consumer<ApiRequest> listener) {
    listeners.add(listener);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (!listeners.isEmpty()) {
      ApiRequest seen = new ApiRequest(request.getMethod(), request.getPath(), request.getHeader("User-Agent"));
      listeners.forEach(listener -> listener.accept(seen));
    }
    String userAgent = request.getHeader("User-Agent");
    MockResponse response = faults.apply(request.getMethod(), isWatch(request.getPath()), userAgent,
        () -> route(request));
    if (response != null && response.getWebSocketListener() == null && response.getBody() != null
        && response.getBody().size() > 0 && response.header(Responses.CONTENT_TYPE) == null) {
      response.setHeader(Responses.CONTENT_TYPE, Responses.JSON);
    }
    return response;
  }

  private MockResponse route(RecordedRequest request) {
    HttpMethod method = request.method();
    String path = pathOf(request.getPath());
    if (method == HttpMethod.GET && isWatch(request.getPath())) {
      return watch(request.getPath(), faults.mayDrop(request.getHeader("User-Agent")));
    }
    if (method == HttpMethod.GET) {
      Optional<EventFieldSelector> events = EventFieldSelector.of(path, queryOf(request.getPath()));
      MockResponse answer = events.isPresent() ? selectedEvents(request, path, events.get())
          : discovery.answer(path).or(() -> getByName(request.getPath())).orElseGet(() -> super.dispatch(request));
      return tables.convert(request.getHeader("Accept"), path, queryOf(request.getPath()),
          ListKinds.named(path, answer));
    }
    synchronized (writes) {
      try {
        if (method == HttpMethod.PATCH || method == HttpMethod.PUT || method == HttpMethod.POST) {
          return write(request, path);
        }
        return super.dispatch(request);
      } catch (StoreUnavailableException e) {
        return Responses.status(HttpURLConnection.HTTP_UNAVAILABLE, "ServiceUnavailable", e.getMessage());
      }
    }
  }

  /** A list of Events with a field selector: the store lists them all, the selector keeps the matching ones. */
  private MockResponse selectedEvents(RecordedRequest request, String path, EventFieldSelector selector) {
    String query = EventFieldSelector.withoutSelector(queryOf(request.getPath()));
    MockResponse listed = super.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(),
        query.isEmpty() ? path : path + "?" + query, request.getHeaders(), request.getBody()));
    if (listed.code() != HttpURLConnection.HTTP_OK || listed.getBody() == null) {
      return listed;
    }
    return Responses.json(selector.filter(Serialization.unmarshal(utf8(listed), JsonNode.class)));
  }

  /** A write, dispatched on its path without the query string (the mock misreads status paths with one). */
  private MockResponse write(RecordedRequest request, String path) {
    Optional<MockResponse> refused = refuse(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (request.method() == HttpMethod.POST) {
      Optional<MockResponse> review = AccessReviews.answer(path, utf8(request));
      if (review.isPresent()) {
        return review.get();
      }
    }
    if (admission.begin(queryOf(request.getPath())).isEmpty()) {
      return Responses.status(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest",
          FieldValidation.unknownMessage(queryOf(request.getPath())));
    }
    try {
      return admission.answer(admittedWrite(request, path));
    } catch (RefusedWrite invalid) {
      return invalid.response();
    } finally {
      admission.end();
    }
  }

  private MockResponse admittedWrite(RecordedRequest request, String path) {
    if (StaleStatusUpdate.applies(request.getMethod(), path) && !path.startsWith(CRD_PATH)) {
      storeWriteLock.lock();
      try {
        Map.Entry<AttributeSet, String> stored = findResource(getKey(path));
        Optional<StatusPut.Result> put = stored == null ? Optional.empty()
            : StatusPut.apply(stored.getValue(), utf8(request), this::requestResourceVersion);
        if (put.isPresent()) {
          return answer(path, stored, put.get());
        }
      } finally {
        storeWriteLock.unlock();
      }
    }
    MockResponse response = super.dispatch(withoutQuery(request, path));
    if (request.method() == HttpMethod.PATCH && response.code() == HttpURLConnection.HTTP_ACCEPTED) {
      response.setResponseCode(HttpURLConnection.HTTP_OK);
    }
    return response;
  }

  /** Files a status PUT's result under the key the object had (a status changes no name and no label). */
  private MockResponse answer(String path, Map.Entry<AttributeSet, String> stored, StatusPut.Result put) {
    if (put.conflict().isPresent()) {
      return Responses.status(HttpURLConnection.HTTP_CONFLICT, "Conflict", put.conflict().get());
    }
    String object = put.object();
    if (put.changed()) {
      object = admission.admit(path, stored.getValue(), object);
      journal.written(stored.getKey(), stored.getValue(), stored.getKey(), object);
      map.put(stored.getKey(), object);
      watches.changed(resourceVersion(), stored.getKey(), stored.getValue(), stored.getKey(), object);
    }
    return new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(object);
  }

  private static Optional<MockResponse> refuse(RecordedRequest request) {
    if (queryOf(request.getPath()).contains("dryRun=")) {
      return Optional.of(Responses.status(HttpURLConnection.HTTP_BAD_REQUEST, "BadRequest", DRY_RUN_NOT_SUPPORTED));
    }
    String contentType = request.getHeader(Responses.CONTENT_TYPE);
    MediaType mediaType = contentType == null ? null : MediaType.parse(contentType);
    String subtype = mediaType == null ? "" : mediaType.subtype().toLowerCase(Locale.ROOT);
    if (subtype.equals("vnd.kubernetes.protobuf")) {
      return Optional.of(Responses.status(UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType", PROTOBUF_NOT_SUPPORTED));
    }
    if (request.method() != HttpMethod.PATCH) {
      return Optional.empty();
    }
    if (subtype.startsWith("apply-patch")) {
      return Optional.of(Responses.status(UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType", SSA_NOT_SUPPORTED));
    }
    if (subtype.startsWith("strategic-merge-patch")) {
      return Optional.of(Responses.status(UNSUPPORTED_MEDIA_TYPE, "UnsupportedMediaType", SMP_NOT_SUPPORTED));
    }
    return Optional.empty();
  }

  /** A merge patch as RFC 7386 (and the API server) applies it: a list given replaces the list whole. */
  @Override
  public JsonNode merge(JsonNode existing, String patch) throws KubernetesCrudDispatcherException {
    try {
      return JsonMergePatch.apply(existing, PATCH_READER.readTree(patch));
    } catch (JsonProcessingException e) {
      throw new KubernetesCrudDispatcherException(e.getMessage(), HttpURLConnection.HTTP_BAD_REQUEST);
    }
  }

  /** A lookup of one object by name goes through the index instead of a scan of the whole store. */
  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    Optional<String> identity = NameIndex.identity(query);
    if (identity.isEmpty()) {
      return super.findResource(query);
    }
    return index.keyOf(identity.get())
        .filter(key -> key.matches(query))
        .flatMap(key -> Optional.ofNullable(map.get(key)).map(value -> Map.entry(key, value)))
        .orElse(null);
  }

  /**
   * A GET of one object by name (not a list, not a watch), answered from the index. It takes the
   * write monitor so that it never sees an object between its removal and its re-filing by a write.
   */
  private Optional<MockResponse> getByName(String pathAndQuery) {
    if (queryOf(pathAndQuery).contains("watch=")) {
      return Optional.empty();
    }
    AttributeSet query = getKey(pathAndQuery);
    if (NameIndex.identity(query).isEmpty()) {
      return Optional.empty();
    }
    synchronized (writes) {
      Map.Entry<AttributeSet, String> found = findResource(query);
      return Optional.of(found == null ? new MockResponse().setResponseCode(HttpURLConnection.HTTP_NOT_FOUND)
          : new MockResponse().setResponseCode(HttpURLConnection.HTTP_OK).setBody(found.getValue()));
    }
  }

  /**
   * Every write passes here (under the store's write lock): the index follows the object's key and the
   * watches are told. The store's own watch list stays empty, so it sends nothing itself.
   */
  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
      GenericKubernetesResource resource, String newState) {
    String previous = oldAttributes == null ? null : map.get(oldAttributes);
    newState = admission.admit(pathOf(path), previous, newState);
    AttributeSet key = newState == null ? null : storedKey(pathAttributes, resource, newState);
    if (newState == null && previous != null) {
      // The mock numbers no removal; the API server does, and a watch resumed after it must not see it again.
      requestResourceVersion();
    }
    journal.written(oldAttributes, previous, key, newState);
    super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
    if (path.startsWith(CRD_PATH)) {
      admission.crdsChanged();
    }
    index.moved(oldAttributes, key);
    if (!Objects.equals(previous, newState)) {
      watches.changed(resourceVersion(), previous == null ? null : oldAttributes, previous, key, newState);
    }
  }

  /** A watch, served by {@link WatchStreams} instead of the store's own (see there why). */
  @Override
  public MockResponse handleWatch(String path) {
    return watch(path, true);
  }

  private MockResponse watch(String path, boolean droppable) {
    return new MockResponse().withWebSocketUpgrade(watches.open(watchQuery(path),
        WatchQueries.resourceVersion(queryOf(path)), this::storedMatching, droppable));
  }

  /**
   * A watch over plain HTTP, as {@code kubectl get -w} opens one: each event a line of JSON, its object
   * a one-row Table when the client accepts Tables. It starts with the changes after the resourceVersion
   * it names (without one, every matching object as ADDED). Returns what closes it.
   */
  Runnable watchOverHttp(String pathAndQuery, String accept, String userAgent, Consumer<String> lines,
      Runnable drop, Runnable end) {
    Optional<TablePrinter> printer = tables.watchPrinter(accept, pathOf(pathAndQuery));
    WatchStreams.Sink sink = new WatchStreams.Sink() {
      @Override
      public void send(String type, String object) {
        lines.accept(WatchStreams.event(type, printer.isEmpty() || type.equals("ERROR") ? object : Serialization.asJson(
            printer.get().table(Serialization.unmarshal(object, JsonNode.class), Instant.now()))) + "\n");
      }

      @Override
      public void drop() {
        drop.run();
      }

      @Override
      public void end(String reason) {
        end.run();
      }
    };
    return watches.open(watchQuery(pathAndQuery), WatchQueries.resourceVersion(queryOf(pathAndQuery)),
        this::storedMatching, sink, faults.mayDrop(userAgent));
  }

  /** What a watch selects: the path's kind, namespace and labels, and the name of a field selector. */
  private AttributeSet watchQuery(String path) {
    AttributeSet query = getKey(path);
    Optional<String> name = watchedName(path);
    if (name.isPresent()) {
      query = query.add(new Attribute(KubernetesAttributesExtractor.NAME, name.get()));
    }
    return query;
  }

  /** From now on, injects these faults into every request and watch (replacing any before). */
  void inject(FaultInjection injected) {
    faults.inject(injected);
  }

  FaultCounts faultCounts() {
    return faults.counts();
  }

  /** Stops injecting faults for good (the API is closing). */
  void stopFaults() {
    faults.close();
  }

  private static boolean isWatch(String pathAndQuery) {
    String query = queryOf(pathAndQuery);
    return query.contains("watch=true") || query.contains("watch=1");
  }

  /** The name a watch selects with {@code fieldSelector=metadata.name=...}, as the store's own watch reads it. */
  private static Optional<String> watchedName(String path) {
    String query;
    try {
      query = new URI(path).getQuery();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    if (query == null) {
      return Optional.empty();
    }
    String name = null;
    for (String parameter : query.split("&")) {
      if (parameter.contains("fieldSelector") && parameter.contains("metadata.name")) {
        String[] parts = parameter.split("=");
        name = parts[parts.length - 1];
      }
    }
    return Optional.ofNullable(name).filter(n -> !n.isEmpty());
  }

  private List<String> storedMatching(AttributeSet query) {
    List<String> matching = new ArrayList<>();
    synchronized (map) {
      map.forEach((key, value) -> {
        if (key.matches(query)) {
          matching.add(value);
        }
      });
    }
    return matching;
  }

  /** The key the store files a new state under, computed as KubernetesCrudDispatcher computes it. */
  private AttributeSet storedKey(AttributeSet pathAttributes, GenericKubernetesResource resource, String newState) {
    KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
    AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(newState);
    return key.containsKey(KubernetesAttributesExtractor.PLURAL) ? key : AttributeSet.merge(pathAttributes, key);
  }

  /**
   * Makes this (still empty) store hold the objects a durable store recovered, CRDs served as at the
   * time of the crash, and continue resourceVersions above {@code resourceVersion}; then tells the
   * journal of every write.
   */
  void restore(List<LogRecord.Put> objects, long resourceVersion, StoreJournal journal) {
    synchronized (writes) {
      for (LogRecord.Put object : objects) {
        AttributeSet key = StoreKeys.fromStore(object.key());
        map.put(key, object.object());
        index.moved(null, key);
        if (object.identity().startsWith(CRD_PLURAL + "/")) {
          expectCustomResource(CustomResourceDefinitionContext.fromCrd(
              Serialization.unmarshal(object.object(), CustomResourceDefinition.class)));
        }
      }
      counter.set(Math.max(counter.get(), resourceVersion));
      watches.forgetThrough(counter.get());
      admission.crdsChanged();
      this.journal = journal;
    }
  }

  /** Runs the action with no write under way. */
  void whileNoWrites(Runnable action) {
    synchronized (writes) {
      action.run();
    }
  }

  /** The highest resourceVersion handed out so far. */
  long resourceVersion() {
    return counter.get();
  }

  @Override
  public void reset() {
    if (journal != StoreJournal.NONE) {
      throw new UnsupportedOperationException("a durable embedded API is never reset: start one on a new directory");
    }
    synchronized (writes) {
      super.reset();
      index.clear();
      watches.forgetThrough(resourceVersion());
      admission.crdsChanged();
    }
  }

  /** The CRDs stored at the time of the call, read from the CRUD store itself. */
  List<CustomResourceDefinition> installedCrds() {
    MockResponse listed = super.handleGet(CRD_PATH);
    List<CustomResourceDefinition> crds = new ArrayList<>();
    if (listed.code() != HttpURLConnection.HTTP_OK || listed.getBody() == null) {
      return crds;
    }
    JsonNode items = Serialization.unmarshal(utf8(listed), JsonNode.class).path("items");
    items.forEach(item -> crds.add(Serialization.unmarshal(item.toString(), CustomResourceDefinition.class)));
    return crds;
  }

  private static RecordedRequest withoutQuery(RecordedRequest request, String path) {
    if (path.equals(request.getPath())) {
      return request;
    }
    return new RecordedRequest(request.getHttpVersion(), request.method(), path, request.getHeaders(),
        request.getBody());
  }

  private static String utf8(MockResponse response) {
    return response.getBody() == null ? "" : new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  private static String utf8(RecordedRequest request) {
    return request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
  }

  /** The path of a request target without its query string and trailing slash. */
  static String pathOf(String pathAndQuery) {
    int question = pathAndQuery.indexOf('?');
    String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static String queryOf(String pathAndQuery) {
    int question = pathAndQuery.indexOf('?');
    return question < 0 ? "" : pathAndQuery.substring(question + 1);
  }
}
