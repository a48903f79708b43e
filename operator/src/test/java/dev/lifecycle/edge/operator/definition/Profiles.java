package dev.lifecycle.edge.operator.definition;

import dev.lifecycle.edge.api.v1alpha1.ApiGroup;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileStatus;
import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.ConditionTypes;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.api.v1alpha1.VariableType;
import dev.lifecycle.edge.operator.support.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ClusterProfiles for the definition tests, with the status the operator would write. */
final class Profiles {

  static final String NAMESPACE = "retail";

  private Profiles() {
  }

  /** {@code <family>-<version>}, labelled with its family, with os, kubernetes and cni layers, Ready. */
  static ClusterProfile ready(String family, String version) {
    ClusterProfile profile = unjudged(family, version);
    judge(profile, Condition.TRUE, "Valid", "profile " + family + " " + version + " with 3 layers");
    return profile;
  }

  /** The same, never judged by the operator (no status). */
  static ClusterProfile unjudged(String family, String version) {
    ClusterProfile profile = Fixtures.profile(NAMESPACE, family + "-" + version, version);
    profile.getMetadata().setLabels(new java.util.HashMap<>(Map.of(ApiGroup.PROFILE_LABEL, family)));
    return profile;
  }

  static ClusterProfile judge(ClusterProfile profile, String ready, String reason, String message) {
    ClusterProfileStatus status = new ClusterProfileStatus();
    status.setPhase(Condition.TRUE.equals(ready) ? ClusterProfileStatus.Phase.Ready
        : ClusterProfileStatus.Phase.Invalid);
    status.setConditions(new ArrayList<>(List.of(new Condition(ConditionTypes.READY, ready, reason, message))));
    profile.setStatus(status);
    return profile;
  }

  static ClusterProfile withVariables(ClusterProfile profile) {
    ProfileVariable storeId = new ProfileVariable("storeId", VariableType.STRING);
    storeId.setPattern("^[0-9]{4}$");
    ProfileVariable password = new ProfileVariable("dbPassword", VariableType.STRING);
    password.setSensitive(true);
    profile.getSpec().setVariables(new ArrayList<>(List.of(storeId, password)));
    return profile;
  }
}
