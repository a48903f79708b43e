package dev.lifecycle.edge.agent.state;

import dev.lifecycle.edge.wire.Site;
import java.util.Optional;

/** Where an agent keeps what must survive a restart: its credential, the last plan it finished
 * and the site settings it last applied. */
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

  /** The site settings the configure hook last applied, if it ever ran. */
  Optional<Site> loadAppliedSite();

  /** Keeps {@code site} as the settings last applied. */
  void saveAppliedSite(Site site);
}
