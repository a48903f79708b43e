package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WatchStreamsTest {

  private static final AttributeSet HOSTS = new AttributeSet(new Attribute("plural", "edgehosts"));
  private static final AttributeSet A = HOSTS.add(new Attribute("name", "a"));
  private static final AttributeSet PROFILES = new AttributeSet(new Attribute("plural", "clusterprofiles"));
  private static final AttributeSet P = PROFILES.add(new Attribute("name", "p"));

  private final Object writes = new Object();

  /** Records what a watch was sent, and how it ended. */
  private static final class Recorded implements WatchStreams.Sink {
    final List<String> events = new ArrayList<>();
    final List<String> ends = new ArrayList<>();

    @Override
    public void send(String type, String object) {
      events.add(type + " " + object);
    }

    @Override
    public void drop() {
      ends.add("dropped");
    }

    @Override
    public void end(String reason) {
      ends.add(reason);
    }
  }

  private static String object(String name, long version) {
    return "{\"metadata\":{\"name\":\"" + name + "\",\"resourceVersion\":\"" + version + "\"}}";
  }

  @Test
  @DisplayName("When a watch starts from a version the history no longer reaches, then it gets one ERROR event, "
      + "410 Expired, and its end, so that the client lists again")
  void tooOldAWatchIsGone() {
    WatchStreams streams = new WatchStreams(writes, 60);
    synchronized (writes) {
      for (long version = 1; version <= 4; version++) {
        streams.changed(version, A, object("a", version - 1), A, object("a", version));
      }
    }
    Recorded old = new Recorded();
    streams.open(HOSTS, 1, query -> List.of(), old, false);

    assertThat(old.events).singleElement().satisfies(event -> {
      assertThat(event).startsWith("ERROR ");
      JsonNode status = Serialization.unmarshal(event.substring("ERROR ".length()), JsonNode.class);
      assertThat(status.path("kind").asText()).isEqualTo("Status");
      assertThat(status.path("code").asInt()).isEqualTo(410);
      assertThat(status.path("reason").asText()).isEqualTo("Expired");
      assertThat(status.path("message").asText()).startsWith("too old resource version: 1 (");
    });
    assertThat(old.ends).containsExactly("too old resource version");

    Recorded recent = new Recorded();
    streams.open(HOSTS, 3, query -> List.of(), recent, false);
    assertThat(recent.events).containsExactly("MODIFIED " + object("a", 4));
    assertThat(recent.ends).isEmpty();
  }

  @Test
  @DisplayName("When one kind changes often and another rarely, then a watch of the quiet kind resumes from its "
      + "last change however many changes of the busy kind came since (each kind keeps its own history)")
  void aQuietKindKeepsItsHistory() {
    WatchStreams streams = new WatchStreams(writes, 60);
    synchronized (writes) {
      streams.changed(1, null, null, P, object("p", 1));
      for (long version = 2; version <= 100; version++) {
        streams.changed(version, A, object("a", version - 1), A, object("a", version));
      }
      streams.changed(101, P, object("p", 1), P, object("p", 101));
    }

    Recorded profiles = new Recorded();
    streams.open(PROFILES, 1, query -> List.of(), profiles, false);
    assertThat(profiles.events).containsExactly("MODIFIED " + object("p", 101));
    Recorded hosts = new Recorded();
    streams.open(HOSTS, 1, query -> List.of(), hosts, false);
    assertThat(hosts.events).singleElement().asString().startsWith("ERROR ");
  }

  @Test
  @DisplayName("When an object is deleted, then the watches get its last state at the deletion's version, and one "
      + "resumed from that version does not get it again")
  void aDeletionCarriesItsOwnVersion() {
    WatchStreams streams = new WatchStreams(writes, 10_000);
    Recorded live = new Recorded();
    streams.open(HOSTS, 0, query -> List.of(), live, false);
    synchronized (writes) {
      streams.changed(7, null, null, A, object("a", 7));
      streams.changed(8, A, object("a", 7), null, null);
    }

    assertThat(live.events).containsExactly("ADDED " + object("a", 7), "DELETED " + object("a", 8));
    Recorded resumed = new Recorded();
    streams.open(HOSTS, 8, query -> List.of(object("a", 7)), resumed, false);
    assertThat(resumed.events).isEmpty();
  }
}
