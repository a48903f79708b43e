package dev.lifecycle.edge.agent.state;

import java.util.Optional;

/** Where an agent keeps what must survive a restart: its credential and the last plan it finished. */
public interface StateStore {

  /** The credential of the last registration, if any. */
  Optional<StoredCredential> loadCredential();

  /** Keeps {@code credential}, replacing the previous one. */
  void saveCredential(StoredCredential credential);

  /** Forgets the credential: the gateway no longer accepts it. */
  void clearCredential();

  /** The last plan the agent finished, if any. */
  Optional<HandledPlan> loadHandledPlan();

  /** Keeps {@code plan} as the last one finished. */
  void saveHandledPlan(HandledPlan plan);
}
