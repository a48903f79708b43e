package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One writer at a time on a watch socket: an event is sent under the store's write monitor, but a close
 * comes from the client's side or from fault injection, on threads of their own. The socket here holds
 * every send open until the test lets it go, so a close that does not wait for it is caught in the act.
 */
class WatchSocketWritersTest {

  private static final AttributeSet CONFIG_MAPS = new AttributeSet(new Attribute("plural", "configmaps"));
  private static final long LIMIT_SECONDS = 30;

  private final Object writes = new Object();
  private final WatchStreams streams = new WatchStreams(writes);
  private final GatedSocket socket = new GatedSocket();

  @Test
  @DisplayName("When the client closes a watch while an event is being sent on it, then the close waits until the "
      + "event is sent")
  void clientCloseWaitsForTheSend() throws Exception {
    WebSocketListener listener = openWatch();

    assertCloseWaitsForSend(() -> listener.onClosing(socket, 1000, "bye"));
  }

  @Test
  @DisplayName("When fault injection drops a watch while an event is being sent on it, then the drop waits until the "
      + "event is sent")
  void droppedWatchWaitsForTheSend() throws Exception {
    openWatch();

    assertCloseWaitsForSend(streams::dropAll);
  }

  private WebSocketListener openWatch() {
    WebSocketListener listener = streams.open(CONFIG_MAPS, 0, query -> List.of(), true);
    listener.onOpen(socket, null);
    return listener;
  }

  private void assertCloseWaitsForSend(Runnable close) throws InterruptedException {
    Thread sender = new Thread(() -> {
      synchronized (writes) {
        streams.changed(1, null, null, CONFIG_MAPS, "{\"kind\":\"ConfigMap\"}");
      }
    });
    sender.start();
    assertThat(socket.sending.await(LIMIT_SECONDS, TimeUnit.SECONDS)).as("the event is being sent").isTrue();
    Thread closer = new Thread(close);
    closer.start();

    await().atMost(LIMIT_SECONDS, TimeUnit.SECONDS)
        .until(() -> closer.getState() == Thread.State.BLOCKED || socket.closedWhileSending.get());
    assertThat(socket.closedWhileSending).as("closed while an event was being sent").isFalse();
    socket.sent.countDown();
    sender.join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
    closer.join(TimeUnit.SECONDS.toMillis(LIMIT_SECONDS));
    assertThat(socket.sends).hasValue(1);
    assertThat(socket.closes).hasValue(1);
  }

  /** A socket whose sends last until {@link #sent} is counted down, and which notes a close during one. */
  private static final class GatedSocket implements WebSocket {

    private final CountDownLatch sending = new CountDownLatch(1);
    private final CountDownLatch sent = new CountDownLatch(1);
    private final AtomicBoolean inSend = new AtomicBoolean();
    private final AtomicBoolean closedWhileSending = new AtomicBoolean();
    private final AtomicInteger sends = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();

    @Override
    public RecordedRequest request() {
      return null;
    }

    @Override
    public boolean send(String text) {
      inSend.set(true);
      sending.countDown();
      try {
        sent.await(LIMIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sends.incrementAndGet();
      inSend.set(false);
      return true;
    }

    @Override
    public boolean send(byte[] bytes) {
      throw new UnsupportedOperationException("watch events are text");
    }

    @Override
    public boolean close(int code, String reason) {
      if (inSend.get()) {
        closedWhileSending.set(true);
      }
      closes.incrementAndGet();
      return true;
    }
  }
}
