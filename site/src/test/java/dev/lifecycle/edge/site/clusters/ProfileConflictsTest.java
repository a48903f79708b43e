package dev.lifecycle.edge.site.clusters;

import static dev.lifecycle.edge.site.clusters.SiteFixtures.retail140;
import static dev.lifecycle.edge.site.clusters.SiteFixtures.retail150;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProfileConflictsTest {

  @Test
  @DisplayName("When the store lacks a version it is created, holds it identical it is left, holds other content "
      + "under its name it is a conflict naming the fields")
  void decides() {
    ClusterProfile changed = retail150();
    changed.getSpec().getLayers().get(1).setVersion("1.31.2");
    changed.getSpec().setDescription("edited");
    ClusterProfile identical = retail140();
    identical.getMetadata().setResourceVersion("7");

    ProfileConflicts.Decision decision = ProfileConflicts.decide(List.of(retail140(), retail150(),
        SiteFixtures.retail("1.6.0", "1.5.0", "1.31.1", "2.1.0")), List.of(identical, changed));

    assertThat(decision.toCreate()).extracting(p -> p.getMetadata().getName()).containsExactly("retail-1.6.0");
    assertThat(decision.identical()).containsExactly("retail-1.4.0");
    assertThat(decision.conflicts()).containsExactly("ClusterProfile retail-1.5.0 already exists at the site with "
        + "other content (its spec.description, spec.layers differ); a profile version never changes once created, "
        + "so the definition must name this content as a new version");
  }
}
