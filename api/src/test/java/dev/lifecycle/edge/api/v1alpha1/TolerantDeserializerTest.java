package dev.lifecycle.edge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TolerantDeserializerTest {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static String profile(String spec, String status) {
    return "{\"apiVersion\":\"edge.lifecycle.dev/v1alpha1\",\"kind\":\"ClusterProfile\",\"metadata\":{\"name\":\"p\","
        + "\"namespace\":\"ns\",\"uid\":\"u-1\",\"resourceVersion\":\"7\",\"annotations\":{\"team\":\"edge\"}},"
        + "\"spec\":" + spec + (status == null ? "" : ",\"status\":" + status) + "}";
  }

  private static String layers(String extra) {
    return "[{\"name\":\"edge-os\",\"type\":\"os\",\"version\":\"1.4.0\",\"image\":\"r/os:1\"" + extra + "},"
        + "{\"name\":\"k3s\",\"type\":\"KUBERNETES\",\"version\":\"1.30.4\",\"image\":\"r/k3s:1\"}]";
  }

  @Test
  @DisplayName("When an object has fields its class does not know, at any depth, then it is read without them")
  void unknownFieldsLeftOut() {
    ClusterProfile profile = SERIALIZATION.unmarshal(profile("{\"version\":\"1.0.0\",\"replicas\":3,\"layers\":"
        + layers(",\"checksum\":\"sha256:0\",\"extra\":{\"a\":1}") + "}", "{\"phase\":\"Ready\",\"since\":1}"),
        ClusterProfile.class);

    assertThat(Unreadable.problem(profile)).isEmpty();
    assertThat(profile.getSpec().getVersion()).isEqualTo("1.0.0");
    assertThat(profile.getSpec().getLayers()).extracting(ProfileLayer::getName, ProfileLayer::getType)
        .containsExactly(tuple("edge-os", LayerType.OS),
            tuple("k3s", LayerType.KUBERNETES));
    assertThat(profile.getStatus().getPhase()).isEqualTo(ClusterProfileStatus.Phase.Ready);
  }

  @Test
  @DisplayName("When a layer's type is none this version knows, then it reads as UNKNOWN and the profile is readable")
  void unknownLayerType() {
    ClusterProfile profile = SERIALIZATION.unmarshal(profile("{\"version\":\"1.0.0\",\"layers\":[{\"name\":\"bios\","
        + "\"type\":\"firmware\",\"version\":\"2.1.0\",\"image\":\"r/bios:2\"}]}", null), ClusterProfile.class);

    assertThat(Unreadable.problem(profile)).isEmpty();
    assertThat(profile.getSpec().getLayers().get(0).getType()).isEqualTo(LayerType.UNKNOWN);
  }

  @Test
  @DisplayName("When a spec cannot be read (a string), then a placeholder keeps metadata and status, has no spec, "
      + "and is marked Unreadable with where and why")
  void unreadableSpec() {
    ClusterProfile profile = SERIALIZATION.unmarshal(profile("\"not an object\"", "{\"phase\":\"Ready\"}"),
        ClusterProfile.class);

    assertThat(profile.getSpec()).isNull();
    assertThat(profile.getStatus().getPhase()).isEqualTo(ClusterProfileStatus.Phase.Ready);
    assertThat(profile.getMetadata().getName()).isEqualTo("p");
    assertThat(profile.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(profile.getMetadata().getAnnotations()).containsEntry("team", "edge");
    assertThat(profile.getKind()).isEqualTo("ClusterProfile");
    assertThat(Unreadable.problem(profile)).hasValueSatisfying(problem -> assertThat(problem)
        .startsWith("spec: Cannot construct instance of `dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec`")
        .hasSizeLessThanOrEqualTo(TolerantDeserializer.PROBLEM_LIMIT));
  }

  @Test
  @DisplayName("When the status cannot be read either, then the placeholder has metadata only")
  void unreadableSpecAndStatus() {
    ClusterProfile profile = SERIALIZATION.unmarshal(profile("{\"version\":[1]}", "{\"phase\":{\"x\":1}}"),
        ClusterProfile.class);

    assertThat(profile.getSpec()).isNull();
    assertThat(profile.getStatus()).isNull();
    assertThat(Unreadable.problem(profile))
        .hasValueSatisfying(problem -> assertThat(problem).startsWith("spec.version: "));
  }

  @Test
  @DisplayName("When a watch event carries an unreadable object, then the event is read with the placeholder")
  void watchEvent() {
    // As a client does for the kinds it watches.
    SERIALIZATION.registerKubernetesResource(ClusterProfile.class);
    WatchEvent event = SERIALIZATION.unmarshal("{\"type\":\"MODIFIED\",\"object\":"
        + profile("\"not an object\"", null) + "}", WatchEvent.class);

    assertThat(event.getObject()).isInstanceOfSatisfying(ClusterProfile.class,
        profile -> assertThat(Unreadable.problem(profile)).isPresent());
  }

  @Test
  @DisplayName("When a placeholder is cloned (java-operator-sdk clones what it reconciles), then it stays marked")
  void cloneKeepsTheMark() {
    ClusterProfile profile = SERIALIZATION.unmarshal(profile("\"not an object\"", null), ClusterProfile.class);

    assertThat(Unreadable.problem(SERIALIZATION.clone(profile))).isEqualTo(Unreadable.problem(profile));
  }
}
