package dev.lifecycle.edge.site.ui.clusters;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ProfileVariable;
import dev.lifecycle.edge.site.api.ApiErrors;
import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.api.Names;
import dev.lifecycle.edge.site.api.SiteRequest;
import dev.lifecycle.edge.site.clusters.ClusterProgress;
import dev.lifecycle.edge.site.clusters.CreatedCluster;
import dev.lifecycle.edge.site.clusters.CreationChecks;
import dev.lifecycle.edge.site.clusters.HostCandidate;
import dev.lifecycle.edge.site.clusters.KeptDefinition;
import dev.lifecycle.edge.site.clusters.RequestRefused;
import dev.lifecycle.edge.site.clusters.UpdateClusterRequest;
import dev.lifecycle.edge.site.clusters.UpdatePreview;
import dev.lifecycle.edge.site.links.SiteHosts;
import dev.lifecycle.edge.site.ui.Nav;
import dev.lifecycle.edge.site.ui.Pages;
import dev.lifecycle.edge.site.ui.UiRouter;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster pages of the Local UI, over the services the site API's cluster routes call: the clusters
 * ({@code /clusters}), the create-cluster wizard ({@code /clusters/new}, five steps carried in the form, each judged
 * by the creation's own rules, the creation judging all again), a cluster's page with its live part
 * ({@code /clusters/{name}}, {@value #LIVE}{name} every 2 s), pausing and resuming it, and updating it
 * ({@code /clusters/{name}/update}: choose a version, see the preview, apply).
 */
public final class ClusterPages {

  static final String LIVE = "/ui/fragments/clusters/";
  /** How many of the site's latest Events are searched for those of a cluster. */
  static final int EVENTS = 200;
  /** How many of a cluster's Events its page shows. */
  static final int SHOWN_EVENTS = 20;

  private final ClusterServices services;
  private final Pages pages;

  public ClusterPages(ClusterServices services, Pages pages) {
    this.services = services;
    this.pages = pages;
  }

  public void mount(UiRouter ui) {
    ui.page("/clusters", ctx -> pages.send(ctx, 200, "clusters/list.jte",
        new ClusterListView(pages.chrome(ctx, Nav.CLUSTERS), services.control().list())));
    ui.page(WizardView.PATH, ctx -> wizard(ctx, 200, WizardStep.DEFINITION, ClusterDraft.of(Map.of()), Map.of(),
        List.of()));
    ui.step(WizardView.PATH, this::step);
    ui.page(WizardView.CHECK, this::check);
    ui.change(WizardView.CREATE, this::create);
    ui.page("/clusters/:name", ctx -> pages.send(ctx, 200, "clusters/cluster.jte", cluster(ctx, true)));
    ui.page(LIVE + ":name", ctx -> pages.send(ctx, 200, "clusters/clusterLive.jte", cluster(ctx, false)));
    ui.change("/clusters/:name/pause", ctx -> control(ctx, true));
    ui.change("/clusters/:name/resume", ctx -> control(ctx, false));
    ui.page("/clusters/:name/update", this::update);
    ui.step("/clusters/:name/update/preview", this::previewWithValues);
    ui.change("/clusters/:name/update", this::apply);
  }

  // ---- the wizard

  /** Back (no check) or Next (the step's answers checked; the same step again with its problems when any). */
  private void step(RoutingContext ctx) throws IOException {
    Map<String, List<String>> form = form(ctx.request().formAttributes());
    WizardStep step = WizardStep.of(ClusterDraft.text(form, "step"));
    ClusterDraft read = ClusterDraft.of(form);
    Optional<KeptDefinition> definition = kept(read);
    ClusterDraft draft = definition.flatMap(d -> d.version(read.version()))
        .map(v -> read.onlyVariables(WizardChecks.declarations(v).stream().map(ProfileVariable::getName)
            .collect(java.util.stream.Collectors.toSet())))
        .orElse(read);
    if ("back".equals(ClusterDraft.text(form, "go"))) {
      wizard(ctx, 200, step.back(), draft, Map.of(), List.of());
      return;
    }
    Map<String, List<String>> problems = WizardChecks.of(step, draft, definition, services.creation().hosts());
    if (!problems.isEmpty()) {
      wizard(ctx, 422, step, draft, problems, List.of());
      return;
    }
    wizard(ctx, 200, step.next(), draft, Map.of(), List.of());
  }

  /** One variable's value as typed, judged by its declaration: the fragment that replaces the field's message. */
  private void check(RoutingContext ctx) throws IOException {
    MultiMap params = ctx.queryParams();
    ClusterDraft draft = ClusterDraft.of(form(params));
    String variable = params.names().stream().filter(n -> n.startsWith(ClusterDraft.VARIABLE)).findFirst()
        .map(n -> n.substring(ClusterDraft.VARIABLE.length())).orElse(null);
    Optional<ProfileVariable> declaration = kept(draft).flatMap(d -> d.version(draft.version()))
        .flatMap(v -> WizardChecks.declarations(v).stream().filter(p -> p.getName().equals(variable)).findFirst());
    if (declaration.isEmpty()) {
      throw ApiProblem.notFound("the chosen version declares no variable " + variable);
    }
    List<String> problems = CreationChecks.variable(declaration.get(), draft.variables().get(variable));
    pages.send(ctx, 200, "clusters/fieldProblems.jte",
        new FieldProblems(WizardChecks.variableField(variable), problems));
  }

  /** Create: everything judged again by the creation itself; a refusal shows the review with its problems. */
  private void create(RoutingContext ctx) throws IOException {
    SiteRequest.describe(ctx, "cluster.create", null);
    ClusterDraft draft = ClusterDraft.of(form(ctx.request().formAttributes()));
    if (draft.name() != null && CreationChecks.name(draft.name()).isEmpty()) {
      ctx.put(SiteRequest.TARGET, "cluster/" + draft.name());
    }
    CreatedCluster created;
    try {
      created = services.creation().create(draft.request());
    } catch (RequestRefused refused) {
      ctx.put(ApiErrors.PROBLEM, ApiProblem.withProblems(refused.status(), refused.code(), refused.getMessage(),
          refused.problems()));
      wizard(ctx, refused.status(), WizardStep.REVIEW, draft, Map.of(), refused.problems());
      return;
    }
    UiRouter.redirect(ctx, "/clusters/" + created.name());
  }

  private void wizard(RoutingContext ctx, int status, WizardStep step, ClusterDraft draft,
      Map<String, List<String>> problems, List<String> refusal) throws IOException {
    Optional<KeptDefinition> definition = kept(draft);
    Optional<ClusterProfile> version = definition.flatMap(d -> d.version(draft.version()));
    if (step.ordinal() > WizardStep.DEFINITION.ordinal() && version.isEmpty()) {
      // a draft without its definition (deleted meanwhile, or a form made by hand) starts over
      step = WizardStep.DEFINITION;
      problems = WizardChecks.of(step, draft, definition, List.of());
    }
    String chosen = version.map(v -> definition.get().name() + " version " + v.getSpec().getVersion()
        + " (" + v.getMetadata().getName() + ")").orElse(null);
    List<HostCandidate> hosts = step == WizardStep.HOSTS || step == WizardStep.REVIEW
        ? services.creation().hosts() : List.of();
    pages.send(ctx, status, "clusters/wizard.jte", new WizardView(pages.chrome(ctx, Nav.CLUSTERS), step, draft,
        step == WizardStep.DEFINITION ? services.definitions().list() : List.of(),
        version.map(WizardChecks::declarations).orElse(List.of()), chosen, hosts, problems, refusal));
  }

  private Optional<KeptDefinition> kept(ClusterDraft draft) throws IOException {
    if (draft.definition() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(services.definitions().get(draft.definition()));
    } catch (RequestRefused unknownOrMalformed) {
      return Optional.empty();
    }
  }

  // ---- a cluster

  private ClusterPageView cluster(RoutingContext ctx, boolean page) throws RequestRefused {
    String name = Names.require("cluster", ctx.pathParam("name"));
    ClusterProgress progress = services.control().progress(name);
    List<SiteHosts.Host> hosts = services.hosts().hosts().stream().filter(h -> name.equals(h.cluster())
        || progress.inFlight().contains(h.name())).toList();
    Set<String> about = new java.util.HashSet<>();
    about.add("EdgeCluster " + name);
    hosts.forEach(h -> about.add("EdgeHost " + h.name()));
    List<SiteHosts.SiteEvent> events = services.hosts().events(EVENTS).stream()
        .filter(e -> e.object() != null && about.contains(e.object())).limit(SHOWN_EVENTS).toList();
    return new ClusterPageView(page ? pages.chrome(ctx, Nav.CLUSTERS) : null, progress, hosts, events);
  }

  private void control(RoutingContext ctx, boolean pause) throws RequestRefused {
    String name = Names.require("cluster", ctx.pathParam("name"));
    SiteRequest.describe(ctx, pause ? "cluster.pause" : "cluster.resume", "cluster/" + name);
    if (pause) {
      services.control().pause(name);
    } else {
      services.control().resume(name);
    }
    UiRouter.redirect(ctx, "/clusters/" + name);
  }

  // ---- updating a cluster

  /** The versions to choose from; with {@code pick} chosen, the preview of that update (it changes nothing). */
  private void update(RoutingContext ctx) throws RequestRefused, IOException {
    String name = Names.require("cluster", ctx.pathParam("name"));
    preview(ctx, name, ClusterDraft.of(form(ctx.queryParams())));
  }

  /** The preview again with new values of settings typed (in a form body: a secret one must not be in a URL). */
  private void previewWithValues(RoutingContext ctx) throws RequestRefused, IOException {
    String name = Names.require("cluster", ctx.pathParam("name"));
    preview(ctx, name, ClusterDraft.of(form(ctx.request().formAttributes())));
  }

  private void preview(RoutingContext ctx, String name, ClusterDraft chosen) throws RequestRefused, IOException {
    ClusterProgress progress = services.control().progress(name);
    UpdatePreview preview = chosen.definition() == null || chosen.version() == null ? null
        : services.updates().preview(new UpdateClusterRequest(name, chosen.definition(), chosen.version(),
            chosen.variables()));
    pages.send(ctx, 200, "clusters/update.jte", new UpdateView(pages.chrome(ctx, Nav.CLUSTERS), progress,
        services.definitions().list(), chosen.definition(), chosen.version(), chosen.variables(), preview,
        List.of()));
  }

  /** Apply: the update decided again on what the site holds now; a refusal shows the preview with its problems. */
  private void apply(RoutingContext ctx) throws RequestRefused, IOException {
    String name = Names.require("cluster", ctx.pathParam("name"));
    SiteRequest.describe(ctx, "cluster.update", "cluster/" + name);
    ClusterDraft chosen = ClusterDraft.of(form(ctx.request().formAttributes()));
    UpdateClusterRequest request = new UpdateClusterRequest(name, chosen.definition(), chosen.version(),
        chosen.variables());
    if (chosen.definition() == null || chosen.version() == null) {
      throw ApiProblem.invalid("choose the version to update the cluster " + name + " to");
    }
    services.beforeUpdate().run();
    try {
      services.updates().apply(request);
    } catch (RequestRefused refused) {
      if (refused.status() == RequestRefused.NOT_FOUND) {
        throw refused;
      }
      ctx.put(ApiErrors.PROBLEM, ApiProblem.withProblems(refused.status(), refused.code(), refused.getMessage(),
          refused.problems()));
      pages.send(ctx, refused.status(), "clusters/update.jte", new UpdateView(pages.chrome(ctx, Nav.CLUSTERS),
          services.control().progress(name), services.definitions().list(), chosen.definition(), chosen.version(),
          chosen.variables(), services.updates().preview(request), refused.problems()));
      return;
    }
    UiRouter.redirect(ctx, "/clusters/" + name);
  }

  private static Map<String, List<String>> form(MultiMap fields) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    fields.names().forEach(n -> form.put(n, fields.getAll(n)));
    return form;
  }

  /** The fragment that replaces a field's messages. */
  public record FieldProblems(String field, List<String> problems) {
  }
}
