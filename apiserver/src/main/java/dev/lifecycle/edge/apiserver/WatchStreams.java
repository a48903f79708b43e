package dev.lifecycle.edge.apiserver;

import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.List;
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
 */
final class WatchStreams {

  /** Where a watch's events go: {@code object} is the stored JSON, not parsed again unless the sink must. */
  interface Sink {

    void send(String type, String object);

    /** Ends the watch from the server's side, as a dropped connection would (the client reconnects). */
    void drop();
  }

  /** The close code of a server going away (RFC 6455): the client reconnects. */
  private static final int GOING_AWAY = 1001;

  private final Object writes;
  private final Set<Stream> open = ConcurrentHashMap.newKeySet();

  /** @param writes the monitor every write of the store holds while it runs */
  WatchStreams(Object writes) {
    this.writes = writes;
  }

  /**
   * A watch over a WebSocket of the objects the query matches: on open, it gets every stored one as
   * ADDED, then every change as it happens.
   *
   * @param stored the stored objects (JSON) the query matches, read under the write monitor
   */
  WebSocketListener open(AttributeSet query, Function<AttributeSet, List<String>> stored, boolean droppable) {
    return new SocketStream(query, stored, droppable);
  }

  /**
   * A watch of the objects the query matches that sends to the sink: the {@code initial} objects as
   * ADDED, then every change as it happens, until it is closed with the returned action.
   *
   * @param initial the objects (JSON) the watch starts with, read under the write monitor
   */
  Runnable open(AttributeSet query, Function<AttributeSet, List<String>> initial, Sink sink, boolean droppable) {
    Stream stream = new Stream(query, sink, droppable);
    synchronized (writes) {
      initial.apply(query).forEach(object -> stream.send("ADDED", object));
      open.add(stream);
    }
    return () -> open.remove(stream);
  }

  /**
   * Tells the matching watches that the object stored under {@code before} (null: none) is now stored
   * under {@code after} (null: deleted). Called under the write monitor, once per changed object.
   */
  void changed(AttributeSet before, String previous, AttributeSet after, String current) {
    for (Stream stream : open) {
      boolean matchedBefore = before != null && before.matches(stream.query);
      boolean matchesNow = after != null && after.matches(stream.query);
      if (matchedBefore && matchesNow) {
        stream.send("MODIFIED", current);
      } else if (matchedBefore) {
        stream.send("DELETED", previous);
      } else if (matchesNow) {
        stream.send("ADDED", current);
      }
    }
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
    private final Function<AttributeSet, List<String>> stored;
    private final boolean droppable;
    private WebSocket socket;
    private volatile Runnable removal = () -> { };

    private SocketStream(AttributeSet query, Function<AttributeSet, List<String>> stored, boolean droppable) {
      this.query = query;
      this.stored = stored;
      this.droppable = droppable;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      synchronized (this) {
        socket = webSocket;
      }
      removal = WatchStreams.this.open(query, stored, this, droppable);
    }

    @Override
    public synchronized void send(String type, String object) {
      socket.send(event(type, object));
    }

    @Override
    public synchronized void drop() {
      socket.close(GOING_AWAY, "dropped by fault injection");
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
      close(webSocket, 1000, error.getMessage());
    }
  }
}
