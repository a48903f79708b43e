package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The open watches of the embedded API and the events sent to them, over a WebSocket (the fabric8
 * client's informers) or a chunked HTTP response ({@code kubectl get -w}).
 *
 * <p>The mock server's own watch parses the stored object into a generic resource and serializes it
 * again for every watcher, on the thread that serves every request, while writes wait: an EdgeHost
 * watched by four informers cost a write four parse-and-serialize passes. Here an event is the stored
 * JSON, and the same text goes to every matching watch. Events are sent while the store's write
 * monitor is held, so every watch sees the writes in the order they happened, and a watch that opens
 * sees each object once: either in its first listing or as a later event.
 *
 * <p>A watch that names a resourceVersion (an informer's, after its list or when it renews its watch) starts
 * with the changes after it, from the {@link WatchHistory}, instead of every object again: so a deletion or
 * a state in between is never lost in the moment between the list and the watch.
 */
final class WatchStreams {

  /** Where a watch's events go: {@code object} is the stored JSON, not parsed again unless the sink must. */
  interface Sink {

    void send(String type, String object);

    /** Ends the watch from the server's side, as a dropped connection would (the client reconnects). */
    void drop();

    /** Ends the watch after its last event (a 410 Gone), as the API server ends the response. */
    void end(String reason);
  }

  /**
   * How much JSON the history of one kind holds (characters): with 10,000 EdgeHosts written 250 times a second,
   * about ten seconds of their changes; far more than the moment between an informer's list and its watch, or
   * between the end of its watch and the next.
   */
  static final long HISTORY_CHARS = 8L * 1024 * 1024;

  /** The close code of a server going away (RFC 6455): the client reconnects. */
  private static final int GOING_AWAY = 1001;
  private static final int NORMAL_CLOSURE = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Object writes;
  private final long historyChars;
  /** The recent changes of each kind (plural), guarded by the write monitor. */
  private final Map<String, WatchHistory> histories = new HashMap<>();
  /** Changes up to this version are known to no history (the store was reset or restored there). */
  private long forgottenThrough;
  private final Set<Stream> open = ConcurrentHashMap.newKeySet();

  /** @param writes the monitor every write of the store holds while it runs */
  WatchStreams(Object writes) {
    this(writes, HISTORY_CHARS);
  }

  /** @param historyChars the JSON the history of each kind holds, in characters */
  WatchStreams(Object writes, long historyChars) {
    this.writes = writes;
    this.historyChars = historyChars;
  }

  /**
   * A watch over a WebSocket of the objects the query matches: on open, it gets the changes after
   * {@code since} (with 0, every stored object as ADDED), then every change as it happens.
   *
   * @param stored the stored objects (JSON) the query matches, read under the write monitor
   */
  WebSocketListener open(AttributeSet query, long since, Function<AttributeSet, List<String>> stored,
      boolean droppable) {
    return new SocketStream(query, since, stored, droppable);
  }

  /**
   * A watch of the objects the query matches that sends to the sink: the changes after {@code since} (with
   * 0, the {@code stored} objects as ADDED), then every change as it happens, until it is closed with the
   * returned action. A {@code since} older than the history gets one ERROR event, 410 Gone, and the end.
   *
   * @param stored the objects (JSON) the query matches, read under the write monitor
   */
  Runnable open(AttributeSet query, long since, Function<AttributeSet, List<String>> stored, Sink sink,
      boolean droppable) {
    Stream stream = new Stream(query, sink, droppable);
    synchronized (writes) {
      if (since <= 0) {
        stored.apply(query).forEach(object -> stream.send("ADDED", object));
      } else {
        WatchHistory history = history(plural(query));
        Optional<List<WatchHistory.Change>> missed = history.since(since);
        if (missed.isEmpty()) {
          sink.send("ERROR", tooOld(since, history.oldestServable()));
          sink.end("too old resource version");
          return () -> { };
        }
        missed.get().forEach(change -> deliver(stream, change));
      }
      open.add(stream);
    }
    return () -> open.remove(stream);
  }

  /**
   * Tells the matching watches that the object stored under {@code before} (null: none) is now stored
   * under {@code after} (null: deleted), written at {@code resourceVersion}. Called under the write
   * monitor, once per changed object, in the order of the writes.
   */
  void changed(long resourceVersion, AttributeSet before, String previous, AttributeSet after, String current) {
    WatchHistory.Change change = new WatchHistory.Change(resourceVersion, before, after,
        current != null ? current : stamped(previous, resourceVersion));
    history(plural(after != null ? after : before)).add(change);
    for (Stream stream : open) {
      deliver(stream, change);
    }
  }

  /** Forgets the changes up to {@code resourceVersion}: a watch from before it is answered 410 Gone. */
  void forgetThrough(long resourceVersion) {
    synchronized (writes) {
      forgottenThrough = Math.max(forgottenThrough, resourceVersion);
      histories.values().forEach(history -> history.forgetThrough(resourceVersion));
    }
  }

  private WatchHistory history(String plural) {
    return histories.computeIfAbsent(plural, kind -> new WatchHistory(historyChars, forgottenThrough));
  }

  /** The kind a store key or a watch's query is of ("" when it names none). */
  private static String plural(AttributeSet key) {
    Attribute plural = key.getAttribute(KubernetesAttributesExtractor.PLURAL);
    return plural == null || plural.getValues().isEmpty() ? "" : plural.getValues().get(0).toString();
  }

  private static void deliver(Stream stream, WatchHistory.Change change) {
    boolean matchedBefore = change.before() != null && change.before().matches(stream.query);
    boolean matchesNow = change.after() != null && change.after().matches(stream.query);
    if (matchedBefore && matchesNow) {
      stream.send("MODIFIED", change.current());
    } else if (matchedBefore) {
      // The object as it is now: deleted (its last state, at the deletion's version) or relabelled away.
      stream.send("DELETED", change.current());
    } else if (matchesNow) {
      stream.send("ADDED", change.current());
    }
  }

  /** The object's JSON with the deletion's resourceVersion, so a watch resumed from it starts after the deletion. */
  private static String stamped(String object, long resourceVersion) {
    try {
      ObjectNode node = (ObjectNode) JSON.readTree(object);
      node.withObject("/metadata").put("resourceVersion", Long.toString(resourceVersion));
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException("a stored object is not JSON", e);
    }
  }

  /** The Status of a watch from a version the history no longer reaches, as the API server words it. */
  private static String tooOld(long since, long oldest) {
    return Serialization.asJson(new StatusBuilder().withStatus("Failure").withCode(HttpURLConnection.HTTP_GONE)
        .withReason("Expired").withMessage("too old resource version: " + since + " (" + oldest + ")").build());
  }

  /** Drops every droppable open watch (fault injection); returns how many. */
  int dropAll() {
    int dropped = 0;
    for (Stream stream : open) {
      if (stream.droppable() && open.remove(stream)) {
        stream.sink().drop();
        dropped++;
      }
    }
    return dropped;
  }

  /** The JSON of a watch event; {@code object} is already JSON and is not parsed again. */
  static String event(String type, String object) {
    return "{\"type\":\"" + type + "\",\"object\":" + object + "}";
  }

  /** One open watch: what it selects and where its events go. */
  private record Stream(AttributeSet query, Sink sink, boolean droppable) {

    void send(String type, String object) {
      sink.send(type, object);
    }
  }

  /**
   * A watch over a WebSocket. It has one writer at a time: a message larger than a frame (64 KiB)
   * leaves as several frames, and another writer's frame (a close, or another message) must not land
   * between them.
   */
  private final class SocketStream extends WebSocketListener implements Sink {

    private final AttributeSet query;
    private final long since;
    private final Function<AttributeSet, List<String>> stored;
    private final boolean droppable;
    private WebSocket socket;
    private volatile Runnable removal = () -> { };

    private SocketStream(AttributeSet query, long since, Function<AttributeSet, List<String>> stored,
        boolean droppable) {
      this.query = query;
      this.since = since;
      this.stored = stored;
      this.droppable = droppable;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      synchronized (this) {
        socket = webSocket;
      }
      removal = WatchStreams.this.open(query, since, stored, this, droppable);
    }

    @Override
    public synchronized void send(String type, String object) {
      socket.send(event(type, object));
    }

    @Override
    public synchronized void drop() {
      socket.close(GOING_AWAY, "dropped by fault injection");
    }

    @Override
    public synchronized void end(String reason) {
      socket.close(NORMAL_CLOSURE, reason);
    }

    private synchronized void close(WebSocket webSocket, int code, String reason) {
      removal.run();
      webSocket.close(code, reason);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      close(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      removal.run();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable error, Response response) {
      close(webSocket, NORMAL_CLOSURE, error.getMessage());
    }
  }
}
