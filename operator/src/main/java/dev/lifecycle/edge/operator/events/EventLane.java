package dev.lifecycle.edge.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer of Events: its queue, and a thread that writes the queue oldest first while it holds
 * anything (an idle lane holds no thread). A repeat of an Event this lane wrote is an update with the
 * resourceVersion it knows; when that conflicts or the Event is gone, it is tried once more from a
 * fresh read.
 */
final class EventLane {

  private static final Logger LOG = LoggerFactory.getLogger(EventLane.class);
  /** As many Events as client-go's correlator keeps; an Event older than that is read again on its next repeat. */
  static final int KNOWN_LIMIT = 1024;

  private final KubernetesClient client;
  private final EventQueue queue;
  private final String threadName;
  private final Runnable written;
  private final Runnable failed;
  /** Whether the writer thread is draining the queue; guarded by {@code this}. */
  private boolean draining;

  /** The Events this lane wrote last, by namespace and name; only its writer thread touches it. */
  private final Map<String, Event> known = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Event> eldest) {
      return size() > KNOWN_LIMIT;
    }
  };

  EventLane(KubernetesClient client, EventQueue queue, String threadName, Runnable written, Runnable failed) {
    this.client = client;
    this.queue = queue;
    this.threadName = threadName;
    this.written = written;
    this.failed = failed;
  }

  EventQueue.Offer offer(Event occurrence) {
    EventQueue.Offer offer = queue.offer(occurrence);
    if (offer == EventQueue.Offer.QUEUED || offer == EventQueue.Offer.COMBINED
        || offer == EventQueue.Offer.AGGREGATED) {
      startDraining();
    }
    return offer;
  }

  int size() {
    return queue.size();
  }

  private synchronized void startDraining() {
    if (draining) {
      return;
    }
    draining = true;
    Thread writer = new Thread(this::drain, threadName);
    writer.setDaemon(true);
    writer.start();
  }

  private void drain() {
    while (true) {
      Optional<Event> next;
      synchronized (this) {
        next = queue.poll();
        if (next.isEmpty()) {
          draining = false;
          return;
        }
      }
      try {
        write(next.get());
      } catch (RuntimeException e) {
        failed.run();
        LOG.warn("could not record event {}: {}", next.get().getReason(), e.toString());
      }
    }
  }

  private void write(Event occurrence) {
    String key = occurrence.getMetadata().getNamespace() + "/" + occurrence.getMetadata().getName();
    try {
      known.put(key, write(EventCount.next(occurrence, Optional.ofNullable(known.get(key)))));
      written.run();
    } catch (KubernetesClientException e) {
      known.remove(key);
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT && e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        dropped(occurrence, e);
        return;
      }
      try {
        known.put(key, write(EventCount.next(occurrence, Optional.ofNullable(read(occurrence)))));
        written.run();
      } catch (KubernetesClientException again) {
        dropped(occurrence, again);
      }
    }
  }

  private Event write(EventCount count) {
    Resource<Event> event = client.v1().events().inNamespace(count.event().getMetadata().getNamespace())
        .resource(count.event());
    return switch (count.kind()) {
      case CREATE -> event.create();
      case INCREMENT -> event.update();
    };
  }

  private Event read(Event occurrence) {
    return client.v1().events().inNamespace(occurrence.getMetadata().getNamespace())
        .withName(occurrence.getMetadata().getName()).get();
  }

  private void dropped(Event event, KubernetesClientException e) {
    failed.run();
    LOG.warn("could not record event {} on {} {}/{}: {}", event.getReason(), event.getInvolvedObject().getKind(),
        event.getMetadata().getNamespace(), event.getInvolvedObject().getName(), e.getMessage());
  }
}
