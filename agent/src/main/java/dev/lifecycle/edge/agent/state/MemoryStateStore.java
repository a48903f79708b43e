package dev.lifecycle.edge.agent.state;

import dev.lifecycle.edge.wire.Site;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A state store that lives as long as the process: for simulated hosts. */
public final class MemoryStateStore implements StateStore {

  private final AtomicReference<StoredCredential> credential = new AtomicReference<>();
  private final AtomicReference<HandledPlan> handledPlan = new AtomicReference<>();
  private final AtomicReference<Site> appliedSite = new AtomicReference<>();

  @Override
  public Optional<StoredCredential> loadCredential() {
    return Optional.ofNullable(credential.get());
  }

  @Override
  public void saveCredential(StoredCredential credential) {
    this.credential.set(credential);
  }

  @Override
  public void clearCredential() {
    credential.set(null);
  }

  @Override
  public Optional<HandledPlan> loadHandledPlan() {
    return Optional.ofNullable(handledPlan.get());
  }

  @Override
  public void saveHandledPlan(HandledPlan plan) {
    handledPlan.set(plan);
  }

  @Override
  public Optional<Site> loadAppliedSite() {
    return Optional.ofNullable(appliedSite.get());
  }

  @Override
  public void saveAppliedSite(Site site) {
    appliedSite.set(site);
  }
}
