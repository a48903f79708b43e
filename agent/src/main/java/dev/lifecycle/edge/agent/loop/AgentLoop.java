package dev.lifecycle.edge.agent.loop;

import dev.lifecycle.edge.agent.client.GatewayClient;
import dev.lifecycle.edge.agent.client.GatewayException;
import dev.lifecycle.edge.agent.client.GatewayUntrustedException;
import dev.lifecycle.edge.agent.client.PlanAnswer;
import dev.lifecycle.edge.agent.exec.ApplyResult;
import dev.lifecycle.edge.agent.exec.PlanExecutor;
import dev.lifecycle.edge.agent.exec.SiteApplier;
import dev.lifecycle.edge.agent.state.HandledPlan;
import dev.lifecycle.edge.agent.state.MemoryStateStore;
import dev.lifecycle.edge.agent.state.StateStore;
import dev.lifecycle.edge.agent.state.StoredCredential;
import dev.lifecycle.edge.agent.time.Backoff;
import dev.lifecycle.edge.wire.Durations;
import dev.lifecycle.edge.wire.Plan;
import dev.lifecycle.edge.wire.RegisterRequest;
import dev.lifecycle.edge.wire.RegisterResponse;
import dev.lifecycle.edge.wire.Report;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's agent: registers with its token (or reuses the stored credential), sends a heartbeat
 * every heartbeat interval, polls its plan every poll interval with {@code If-None-Match}, applies
 * each new plan generation through its {@link PlanExecutor} and reports Applying, then Applied (with
 * the effective site settings, {@link SiteApplier}) or Failed.
 *
 * <p>Each registration carries a credential secret the agent draws for it, kept until an answer arrives:
 * when an answer is lost (a timeout while the gateway carried the registration out), the registration sent
 * again with the same secret proves it is that one, and the gateway answers it again with the same
 * credential instead of refusing a machine already registered.
 *
 * <p>On a 401 to an authenticated call it forgets its credential and registers again, presenting the
 * forgotten credential (the gateway lets a registered host register again only with its current one,
 * so a 401 that was the gateway's mistake costs nothing; a re-imaged host's 409 waits, with backoff,
 * for a person's allowance). A 401 or 403 to the registration stops it for good, logging why
 * ({@link AgentPhase#REFUSED}). When the gateway
 * does not answer or answers 5xx it waits with exponential backoff and jitter, then goes on where it
 * was; reports wait in order until the gateway takes them.
 *
 * <p>It owns no thread: each round is a chain of asynchronous calls started on the shared
 * scheduler, so thousands of loops share a few threads. Neither token nor credential is ever logged.
 */
public final class AgentLoop implements AutoCloseable {

  /** How often to poll the plan unless told otherwise. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(5);
  /** How long the gateway may hold a plan request until the plan changes (a long poll). */
  public static final Duration DEFAULT_LONG_POLL = Duration.ofSeconds(30);
  /** The heartbeat interval until the gateway names one. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(AgentLoop.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SECRET_BYTES = 32;

  private final GatewayClient client;
  private final String token;
  private final HostIdentity identity;
  private final StateStore store;
  private final PlanExecutor executor;
  private final Duration pollInterval;
  private final Duration longPoll;
  private final AgentListener listener;
  private final Backoff backoff;
  private final TickScheduler ticks;
  private final Queue<Report> outbox = new ConcurrentLinkedQueue<>();
  private final CompletableFuture<AgentPhase> stopped = new CompletableFuture<>();

  private volatile AgentPhase phase = AgentPhase.STARTING;
  private volatile StoredCredential credential;
  /** The credential the gateway last refused, presented with the registration that replaces it. */
  private volatile StoredCredential refused;
  /** The credential secret of the registration under way, until its answer arrives (sent again with it). */
  private volatile String registrationSecret;
  private volatile HandledPlan handled;
  private volatile Long applyingGeneration;
  private volatile Report lastReport;
  private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
  private long nextHeartbeatNanos = System.nanoTime();
  private String etag;
  private boolean pollAgainNow;
  private int unauthorizedInARow;

  private AgentLoop(Builder builder) {
    this.client = Objects.requireNonNull(builder.client, "client");
    this.token = builder.token;
    this.identity = Objects.requireNonNull(builder.identity, "identity");
    this.store = builder.store;
    // Every plan's site settings are applied first, by whatever executor applies the plans.
    this.executor = new SiteApplier(Objects.requireNonNull(builder.executor, "executor"), identity.site(), store);
    this.pollInterval = builder.pollInterval;
    this.longPoll = builder.longPoll;
    this.listener = builder.listener;
    this.backoff = builder.backoff;
    this.ticks = new TickScheduler(Objects.requireNonNull(builder.scheduler, "scheduler"), this::round);
    this.handled = store.loadHandledPlan().orElse(null);
  }

  /**
   * A loop for the host {@code identity}, registering with {@code token} through {@code client}.
   * Set at least the executor and the scheduler. A null token: the host only uses the credential it keeps
   * (a host linked to a site controller whose link token is spent); when it would have to register, the loop
   * stops as {@link AgentPhase#REFUSED}, saying so.
   */
  public static Builder builder(GatewayClient client, String token, HostIdentity identity) {
    return new Builder(client, token, identity);
  }

  /** Starts now. */
  public void start() {
    start(Duration.ZERO);
  }

  /** Starts after {@code delay}, so that a fleet does not register in one burst. */
  public void start(Duration delay) {
    ticks.start(delay);
  }

  /** Completes with {@link AgentPhase#REFUSED} or {@link AgentPhase#STOPPED} when the loop is over. */
  public CompletableFuture<AgentPhase> stopped() {
    return stopped;
  }

  /** Where the loop stands now. */
  public AgentStatus status() {
    StoredCredential current = credential;
    return new AgentStatus(phase, current == null ? null : current.namespace(),
        current == null ? null : current.host(), lastReport);
  }

  /** The host this loop speaks for. */
  public HostIdentity identity() {
    return identity;
  }

  /** Stops polling; a report still in flight may be lost, the stored state is not. */
  @Override
  public void close() {
    ticks.stop();
    if (phase != AgentPhase.REFUSED) {
      phase = AgentPhase.STOPPED;
    }
    stopped.complete(phase);
  }

  private CompletableFuture<Optional<Duration>> round() {
    CompletableFuture<Void> work;
    try {
      work = ensureCredential()
          .thenCompose(ignored -> unlessStopped(this::sendReports))
          .thenCompose(ignored -> unlessStopped(this::heartbeatIfDue))
          .thenCompose(ignored -> unlessStopped(this::pollUnlessApplying))
          .thenCompose(ignored -> unlessStopped(this::sendReports));
    } catch (RuntimeException e) {
      work = CompletableFuture.failedFuture(e);
    }
    return work.handle((ignored, failure) -> failure == null ? succeeded() : failed(GatewayClient.cause(failure)));
  }

  /** The next step of a round, unless the loop was closed while the round waited on the gateway. */
  private CompletableFuture<Void> unlessStopped(Supplier<CompletableFuture<Void>> step) {
    return phase == AgentPhase.STOPPED ? CompletableFuture.completedFuture(null) : step.get();
  }

  private Optional<Duration> succeeded() {
    if (phase == AgentPhase.STOPPED) {
      return Optional.empty();
    }
    if (backoff.failing()) {
      LOG.info("[{}] The gateway at {} answers again", identity.machineId(), client.gateway());
    }
    backoff.reset();
    unauthorizedInARow = 0;
    phase = AgentPhase.CONNECTED;
    boolean again = pollAgainNow;
    pollAgainNow = false;
    return Optional.of(again ? Duration.ZERO : pollInterval);
  }

  private Optional<Duration> failed(Throwable cause) {
    if (phase == AgentPhase.STOPPED) {
      // Closed while a request was out (a long poll, usually): its failure is the close, not news.
      return Optional.empty();
    }
    if (cause instanceof RegistrationRefusedException refused) {
      return stopRefused(refused.refusal());
    }
    if (cause instanceof NoTokenException) {
      LOG.error("[{}] The gateway at {} does not know this host's credential (or it has none), and there is no "
          + "registration token to register with: link the host again with a new link token from the site "
          + "controller (--link-token-file FILE, or linkToken in the site user-data); stopping", identity.machineId(),
          client.gateway());
      phase = AgentPhase.REFUSED;
      stopped.complete(AgentPhase.REFUSED);
      return Optional.empty();
    }
    if (cause instanceof GatewayException error && error.isUnauthorized()) {
      LOG.info("[{}] The gateway no longer accepts the credential of {}/{} ({}): registering again",
          identity.machineId(), credential == null ? "?" : credential.namespace(),
          credential == null ? "?" : credential.host(), error.error());
      store.clearCredential();
      refused = credential == null ? refused : credential;
      credential = null;
      return Optional.of(unauthorizedInARow++ == 0 ? Duration.ZERO : backoff.next());
    }
    if (cause instanceof GatewayException error && (error.status() == 429 || error.status() == 503)) {
      // Spread over up to twice the wait, so hosts sent away together do not come back together.
      Duration asked = error.retryAfter().orElseGet(backoff::next);
      Duration wait = asked.plusMillis(ThreadLocalRandom.current().nextLong(asked.toMillis() + 1));
      if (error.status() == 429) {
        LOG.warn("[{}] The gateway asks to slow down: retrying in {}", identity.machineId(), Durations.format(wait));
      } else {
        LOG.debug("[{}] The gateway is busy: retrying in {}", identity.machineId(), Durations.format(wait));
      }
      return Optional.of(wait);
    }
    boolean firstFailure = !backoff.failing();
    Duration wait = backoff.next();
    if (cause instanceof GatewayUntrustedException untrusted) {
      LOG.error("[{}] {}: retrying in {}", identity.machineId(), untrusted.getMessage(), Durations.format(wait));
    } else if (cause instanceof GatewayException error && !error.isTransient()) {
      LOG.error("[{}] The gateway refused a request ({}): retrying in {}", identity.machineId(), error.getMessage(),
          Durations.format(wait));
    } else if (firstFailure) {
      LOG.warn("[{}] {}: retrying with backoff, first in {}", identity.machineId(), cause.getMessage(),
          Durations.format(wait));
    } else {
      LOG.debug("[{}] Still no gateway ({}): next attempt in {}", identity.machineId(), cause.getMessage(),
          Durations.format(wait));
    }
    phase = AgentPhase.RECONNECTING;
    return Optional.of(wait);
  }

  private Optional<Duration> stopRefused(GatewayException refusal) {
    LOG.warn("[{}] Registration refused by the gateway at {}: {} {}: {}; stopping", identity.machineId(),
        client.gateway(), refusal.status(), refusal.error(), refusal.gatewayMessage());
    phase = AgentPhase.REFUSED;
    listener.refused(refusal);
    stopped.complete(AgentPhase.REFUSED);
    return Optional.empty();
  }

  private CompletableFuture<Void> ensureCredential() {
    if (credential == null) {
      credential = store.loadCredential().orElse(null);
      if (credential != null) {
        LOG.info("[{}] Using the stored credential of {}/{}", identity.machineId(), credential.namespace(),
            credential.host());
      }
    }
    return credential != null ? CompletableFuture.completedFuture(null) : register();
  }

  private CompletableFuture<Void> register() {
    if (token == null) {
      return CompletableFuture.failedFuture(new NoTokenException());
    }
    phase = AgentPhase.REGISTERING;
    if (registrationSecret == null) {
      registrationSecret = newSecret();
    }
    RegisterRequest request = new RegisterRequest(token, identity.machineId(), identity.hostname(),
        identity.inventory(), identity.site().siteUserData(), identity.labels(), registrationSecret);
    Optional<String> held = Optional.ofNullable(refused).map(StoredCredential::credential);
    return client.register(request, held).handle((registration, failure) -> {
      if (failure != null) {
        Throwable cause = GatewayClient.cause(failure);
        if (cause instanceof GatewayException error && error.refusesRegistration()) {
          throw new RegistrationRefusedException(error);
        }
        throw new CompletionException(cause);
      }
      registered(registration);
      return null;
    });
  }

  private static String newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  private void registered(RegisterResponse registration) {
    credential = StoredCredential.of(registration);
    refused = null;
    // The next registration (after a 401) is another one, with a secret of its own.
    registrationSecret = null;
    store.saveCredential(credential);
    heartbeatInterval = heartbeatInterval(registration.heartbeatInterval());
    nextHeartbeatNanos = System.nanoTime() + heartbeatInterval.toNanos();
    LOG.info("[{}] Registered as {}/{}", identity.machineId(), registration.namespace(), registration.host());
    listener.registered(registration);
  }

  private Duration heartbeatInterval(String text) {
    try {
      return text == null ? DEFAULT_HEARTBEAT_INTERVAL : Durations.parse(text);
    } catch (IllegalArgumentException e) {
      LOG.warn("[{}] Heartbeat interval from the gateway: {}; using {}", identity.machineId(), e.getMessage(),
          Durations.format(DEFAULT_HEARTBEAT_INTERVAL));
      return DEFAULT_HEARTBEAT_INTERVAL;
    }
  }

  private CompletableFuture<Void> sendReports() {
    Report report = outbox.peek();
    if (report == null) {
      return CompletableFuture.completedFuture(null);
    }
    return client.report(credential.credential(), report)
        .thenRun(() -> delivered(report))
        .exceptionallyCompose(failure -> {
          Throwable cause = GatewayClient.cause(failure);
          if (cause instanceof GatewayException error && error.status() == 409) {
            // The plan moved past this report (a late one, or a plan this agent re-ran after losing its
            // state): nothing to retry; the current plan says what to do now.
            LOG.warn("[{}] The gateway refused the {} report of generation {} as stale ({}): dropping it and "
                + "fetching the current plan", identity.machineId(), report.state(), report.planGeneration(),
                error.getMessage());
            outbox.remove(report);
            etag = null;
            pollAgainNow = true;
            return CompletableFuture.completedFuture(null);
          }
          if (cause instanceof GatewayException error && !error.isUnauthorized() && !error.isTransient()) {
            LOG.error("[{}] The gateway refused the {} report of generation {} ({}): dropping it",
                identity.machineId(), report.state(), report.planGeneration(), error.getMessage());
            outbox.remove(report);
            return CompletableFuture.completedFuture(null);
          }
          return CompletableFuture.failedFuture(cause);
        })
        .thenCompose(ignored -> sendReports());
  }

  private void delivered(Report report) {
    outbox.remove(report);
    lastReport = report;
    listener.reported(report);
  }

  private CompletableFuture<Void> heartbeatIfDue() {
    if (System.nanoTime() - nextHeartbeatNanos < 0) {
      return CompletableFuture.completedFuture(null);
    }
    return client.heartbeat(credential.credential())
        .thenRun(() -> nextHeartbeatNanos = System.nanoTime() + heartbeatInterval.toNanos());
  }

  private CompletableFuture<Void> pollUnlessApplying() {
    if (applyingGeneration != null) {
      return CompletableFuture.completedFuture(null);
    }
    if (!outbox.isEmpty()) {
      // A plan finished after this round sent its reports: its report goes first, or a long poll would
      // hold it (and the rollout waiting on it) for up to the whole wait. The next round polls at once.
      pollAgainNow = true;
      return CompletableFuture.completedFuture(null);
    }
    return client.fetchPlan(credential.credential(), etag, longPollWait()).thenAccept(answer -> {
      if (answer instanceof PlanAnswer.Current current) {
        etag = current.etag();
        HandledPlan done = handled;
        if (done == null || done.generation() != current.plan().generation()) {
          apply(current.plan(), current.json());
        }
      } else if (answer instanceof PlanAnswer.NoPlan noPlan) {
        etag = null;
        pollAgainNow = noPlan.waited();
      } else if (answer instanceof PlanAnswer.NotModified notModified) {
        // The gateway held the request until now: asking again at once is the long poll, not a busy loop.
        pollAgainNow = notModified.waited();
      }
    });
  }

  /** The long poll's wait, ending before the next heartbeat is due; zero when that is under a second. */
  private Duration longPollWait() {
    Duration untilHeartbeat = Duration.ofNanos(nextHeartbeatNanos - System.nanoTime());
    Duration wait = longPoll.compareTo(untilHeartbeat) < 0 ? longPoll : untilHeartbeat;
    return wait.toSeconds() < 1 ? Duration.ZERO : wait;
  }

  private void apply(Plan plan, String json) {
    LOG.info("[{}] Applying plan generation {}: {}", identity.machineId(), plan.generation(), plan.describe());
    applyingGeneration = plan.generation();
    outbox.add(Report.applying(plan));
    CompletableFuture<ApplyResult> work;
    try {
      StoredCredential registered = credential;
      work = executor.apply(plan, json, registered == null ? "" : registered.host());
    } catch (RuntimeException e) {
      work = CompletableFuture.failedFuture(e);
    }
    work.exceptionally(failure -> ApplyResult.failed("the agent could not apply the plan: "
            + GatewayClient.cause(failure).getMessage()))
        .thenAccept(result -> finished(plan, result));
  }

  private void finished(Plan plan, ApplyResult result) {
    Report report = result.success() ? Report.applied(plan, result.message(), result.site())
        : Report.failed(plan, result.message());
    if (result.success()) {
      LOG.info("[{}] Applied plan generation {}", identity.machineId(), plan.generation());
    } else {
      LOG.warn("[{}] Plan generation {} failed: {}", identity.machineId(), plan.generation(), result.message());
    }
    handled = HandledPlan.of(report);
    try {
      store.saveHandledPlan(handled);
    } catch (RuntimeException e) {
      LOG.warn("[{}] Could not keep the finished plan in the state store: {}", identity.machineId(), e.getMessage());
    }
    outbox.add(report);
    applyingGeneration = null;
    ticks.wake();
  }

  /** The loop must register and has no token to do it with. */
  private static final class NoTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** Settings of an {@link AgentLoop}. */
  public static final class Builder {
    private final GatewayClient client;
    private final String token;
    private final HostIdentity identity;
    private PlanExecutor executor;
    private ScheduledExecutorService scheduler;
    private StateStore store = new MemoryStateStore();
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private Duration longPoll = DEFAULT_LONG_POLL;
    private AgentListener listener = new AgentListener() { };
    private Backoff backoff = Backoff.standard();

    private Builder(GatewayClient client, String token, HostIdentity identity) {
      this.client = client;
      this.token = token;
      this.identity = identity;
    }

    /** What applies a plan (required). */
    public Builder executor(PlanExecutor executor) {
      this.executor = executor;
      return this;
    }

    /** The scheduler that starts each round (required); shared by any number of loops. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /** Where credential and last plan survive; in memory unless set. */
    public Builder store(StateStore store) {
      this.store = Objects.requireNonNull(store);
      return this;
    }

    /** How often to poll the plan; 5 s unless set. */
    public Builder pollInterval(Duration pollInterval) {
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("the poll interval must be positive, got " + pollInterval);
      }
      this.pollInterval = pollInterval;
      return this;
    }

    /**
     * How long the gateway may hold a plan request until the plan changes; 30 s unless set. Zero turns
     * the long poll off: the agent then polls every poll interval.
     */
    public Builder longPoll(Duration longPoll) {
      if (longPoll.isNegative()) {
        throw new IllegalArgumentException("the long poll cannot be negative, got " + longPoll);
      }
      this.longPoll = longPoll;
      return this;
    }

    /** Who hears about registrations, refusals and reports. */
    public Builder listener(AgentListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /** The backoff while the gateway is down; 1 s doubling to 60 s with jitter unless set. */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff);
      return this;
    }

    /** The loop, not started. */
    public AgentLoop build() {
      return new AgentLoop(this);
    }
  }
}
