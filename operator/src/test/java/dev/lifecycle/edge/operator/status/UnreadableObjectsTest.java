package dev.lifecycle.edge.operator.status;

import static dev.lifecycle.edge.operator.support.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.Unreadable;
import dev.lifecycle.edge.operator.events.EventRecorder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UnreadableObjectsTest {

  /** The Warning Events recorded, as "name reason: message". */
  private final List<String> warnings = new ArrayList<>();
  private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final UnreadableObjects unreadable = new UnreadableObjects(new EventRecorder(null, Clock.systemUTC()) {
    @Override
    public void warning(HasMetadata subject, String reason, String message) {
      warnings.add(subject.getMetadata().getName() + " " + reason + ": " + message);
    }
  }, meters);

  private static ClusterProfile placeholder(String resourceVersion) {
    ClusterProfile profile = profile("ns", "garbled", "1.0.0");
    profile.setSpec(null);
    profile.getMetadata().setUid("u-1");
    profile.getMetadata().setResourceVersion(resourceVersion);
    profile.getMetadata().setAnnotations(Map.of(Unreadable.ANNOTATION, "spec: not an object"));
    return profile;
  }

  private double counted() {
    return meters.get(UnreadableObjects.METRIC).tag("kind", "ClusterProfile").counter().count();
  }

  @Test
  @DisplayName("When an object was read as it is, then it is not skipped and nothing is reported")
  void readable() {
    assertThat(unreadable.skip(profile("ns", "fine", "1.0.0"))).isFalse();
    assertThat(warnings).isEmpty();
    assertThat(meters.find(UnreadableObjects.METRIC).counter()).isNull();
  }

  @Test
  @DisplayName("When a placeholder is visited again and again, then it is skipped each time and each version is "
      + "reported once: a Warning Event Unreadable and the counter of its kind")
  void placeholderReportedOncePerVersion() {
    assertThat(unreadable.skip(placeholder("7"))).isTrue();
    assertThat(unreadable.skip(placeholder("7"))).isTrue();
    assertThat(warnings).containsExactly("garbled Unreadable: the operator cannot read this object and leaves it as "
        + "it is until it can: spec: not an object");
    assertThat(counted()).isEqualTo(1);

    assertThat(unreadable.skip(placeholder("8"))).isTrue();
    assertThat(warnings).hasSize(2);
    assertThat(counted()).isEqualTo(2);
    assertThat(meters.scrape()).contains("edge_unreadable_objects_total{kind=\"ClusterProfile\"} 2.0");
  }
}
