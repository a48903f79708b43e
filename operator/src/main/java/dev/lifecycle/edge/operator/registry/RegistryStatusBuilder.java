package dev.lifecycle.edge.operator.registry;

import dev.lifecycle.edge.api.v1alpha1.ImageRegistry;
import dev.lifecycle.edge.api.v1alpha1.ImageRegistryStatus;
import dev.lifecycle.edge.operator.status.StatusContract;
import dev.lifecycle.edge.operator.status.StatusVerdict;
import java.time.Instant;

/** An ImageRegistry's status from the resolver's verdict. Pure. Never a credential: messages hold none. */
public final class RegistryStatusBuilder {

  private RegistryStatusBuilder() {
  }

  public static ImageRegistryStatus build(ImageRegistry registry, RegistryResolver.Outcome outcome, Instant now) {
    ImageRegistryStatus status = new ImageRegistryStatus();
    if (registry.getStatus() != null) {
      status.setConditions(registry.getStatus().getConditions());
    }
    StatusVerdict verdict;
    if (outcome instanceof RegistryResolver.Usable usable) {
      status.setPhase(ImageRegistryStatus.Phase.Ready);
      int rules = usable.rules().rules().size();
      verdict = StatusVerdict.of(true, false, false, RegistryReasons.USABLE, "registry " + usable.endpoint() + " with "
          + rules + (rules == 1 ? " rule" : " rules")
          + (usable.credentialsSecret() == null ? ", anonymous" : ", credentials from Secret " + usable.credentialsSecret())
          + (usable.caPem() == null ? "" : ", with its CA"));
    } else {
      RegistryResolver.Refused refused = (RegistryResolver.Refused) outcome;
      status.setPhase(ImageRegistryStatus.Phase.Invalid);
      verdict = StatusVerdict.of(false, false, true, refused.reason(), refused.message())
          .stalledBecause(refused.reason(), refused.message());
    }
    StatusContract.apply(status, verdict, registry.getMetadata().getGeneration(), now);
    return status;
  }
}
