package dev.lifecycle.edge.site.ui.hosts;

import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.api.Names;
import dev.lifecycle.edge.site.api.SiteRequest;
import dev.lifecycle.edge.site.links.LinkRoutes;
import dev.lifecycle.edge.site.links.LinkTokens;
import dev.lifecycle.edge.site.links.SiteHosts;
import dev.lifecycle.edge.site.ui.Nav;
import dev.lifecycle.edge.site.ui.Pages;
import dev.lifecycle.edge.site.ui.QrCodeSvg;
import dev.lifecycle.edge.site.ui.Sentences;
import dev.lifecycle.edge.site.ui.SiteOverview;
import dev.lifecycle.edge.site.ui.UiRouter;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The hosts page ({@code /hosts}): the inventory in words, re-read every 2 s from {@value #LIVE}; linking a new host
 * (a link token made by {@link LinkTokens}, as {@code POST /api/site/v1/links} makes it, shown as text and QR code
 * with its expiry); the link tokens still usable, each revocable; resetting and unlinking a host, each after a page
 * that says what will happen ({@link SiteHosts}, as the site API's host routes do).
 */
public final class HostsPage {

  public static final String LIVE = "/ui/fragments/hosts";
  public static final String LINK = "/hosts/links";
  public static final String REVOKE = "/hosts/links/revoke";
  public static final String RESET = "/hosts/reset";
  public static final String UNLINK = "/hosts/unlink";
  static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter SEEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final SiteHosts hosts;
  private final LinkTokens links;
  private final Pages pages;
  private final Clock clock;

  public HostsPage(SiteHosts hosts, LinkTokens links, Pages pages) {
    this(hosts, links, pages, Clock.systemUTC());
  }

  HostsPage(SiteHosts hosts, LinkTokens links, Pages pages, Clock clock) {
    this.hosts = hosts;
    this.links = links;
    this.pages = pages;
    this.clock = clock;
  }

  public void mount(UiRouter ui) {
    ui.page(Nav.HOSTS.path(), this::show);
    ui.page(LIVE, ctx -> pages.send(ctx, 200, "hosts/hostsLive.jte", live()));
    ui.change(LINK, this::link);
    ui.change(REVOKE, this::revoke);
    ui.page(RESET, ctx -> confirmReset(ctx, host(ctx.request().getParam("host"))));
    ui.page(UNLINK, ctx -> confirmUnlink(ctx, host(ctx.request().getParam("host"))));
    ui.change(RESET, this::reset);
    ui.change(UNLINK, this::unlink);
  }

  private void show(RoutingContext ctx) {
    String result = null;
    String reset = ctx.request().getParam("reset");
    String unlinked = ctx.request().getParam("unlinked");
    String revoked = ctx.request().getParam("revoked");
    if (reset != null) {
      result = "The reset of host " + reset + " was asked: its cluster replaces it, then releases it. The list shows "
          + "it as being reset until then.";
    } else if (unlinked != null) {
      result = "Host " + unlinked + " was unlinked.";
    } else if (revoked != null) {
      result = "The link token " + revoked + " was revoked: no host can link with it any more.";
    }
    List<HostsView.LinkRow> usable = links.usable().stream().map(link -> new HostsView.LinkRow(link.name(),
        link.createdBy(), EXPIRY.format(link.expiresAt()))).toList();
    pages.send(ctx, 200, "hosts/hosts.jte", new HostsView(pages.chrome(ctx, Nav.HOSTS), live(), usable, result));
  }

  private HostsView.Live live() {
    Instant now = clock.instant();
    return new HostsView.Live(hosts.hostsWithInventory().stream().map(listed -> row(listed, now)).toList());
  }

  static HostsView.HostRow row(SiteHosts.Inventoried listed, Instant now) {
    SiteHosts.Host host = listed.host();
    String seenAt = null;
    if (host.lastSeen() != null) {
      try {
        seenAt = SEEN.format(Instant.parse(host.lastSeen()));
      } catch (java.time.format.DateTimeParseException e) {
        seenAt = host.lastSeen();
      }
    }
    return new HostsView.HostRow(host.name(), HostWords.phase(host.phase()),
        SiteOverview.stateClass(host.phase() == null ? "Pending" : host.phase()), host.cluster(),
        HostWords.role(host.role()), LastSeen.of(host.lastSeen(), now), seenAt, HostWords.facts(listed.inventory()),
        host.machineId(), host.profileVersion(), host.resetRequested(),
        host.cluster() != null && host.resetRequested() == null);
  }

  // ---- link a host ----

  private void link(RoutingContext ctx) {
    SiteRequest.describe(ctx, "link.create", null);
    LinkTokens.Created created = links.create(ctx.get(SiteRequest.ACTOR));
    ctx.put(SiteRequest.TARGET, "link/" + created.link().name());
    String text = created.token().encode();
    Instant expires = created.link().expiresAt();
    pages.send(ctx, 201, "hosts/link.jte", new LinkView(pages.chrome(ctx, Nav.HOSTS), created.link().name(), text,
        QrCodeSvg.of(text).dataUri(), EXPIRY.format(expires), expires.toString(),
        Math.max(0, Duration.between(clock.instant(), expires).toSeconds())));
  }

  private void revoke(RoutingContext ctx) {
    String name = Names.require("link token", ctx.request().getFormAttribute("link"));
    SiteRequest.describe(ctx, "link.revoke", "link/" + name);
    links.revoke(name);
    UiRouter.redirect(ctx, Nav.HOSTS.path() + "?revoked=" + encode(name));
  }

  // ---- reset and unlink, after a confirmation ----

  private SiteHosts.Host host(String name) {
    String checked = Names.require("host", name);
    return hosts.hosts().stream().filter(host -> host.name().equals(checked)).findFirst()
        .orElseThrow(() -> ApiProblem.notFound("there is no host named " + checked));
  }

  private void confirmReset(RoutingContext ctx, SiteHosts.Host host) {
    if (host.cluster() == null || host.resetRequested() != null) {
      // no button: the site would refuse; the page says why in the site's words when asked anyway
      pages.send(ctx, 200, "hosts/confirm.jte", new ConfirmHostView(pages.chrome(ctx, Nav.HOSTS), host.name(),
          "Reset", null, host.cluster() == null ? "Host " + host.name() + " is in no cluster, so there is nothing "
          + "to reset." : "A reset of host " + host.name() + " is already under way (asked: " + host.resetRequested()
          + ")."));
      return;
    }
    pages.send(ctx, 200, "hosts/confirm.jte", new ConfirmHostView(pages.chrome(ctx, Nav.HOSTS), host.name(),
        "Reset", RESET, Sentences.of(LinkRoutes.resetMessage(host.name(), host.cluster()))));
  }

  private void confirmUnlink(RoutingContext ctx, SiteHosts.Host host) {
    String consequence = Sentences.of(LinkRoutes.unlinkMessage(host.name()));
    if (host.cluster() != null) {
      consequence += " It is in cluster " + host.cluster() + ", which loses it without a replacement: to have the "
          + "cluster replace it first, reset it instead.";
    }
    pages.send(ctx, 200, "hosts/confirm.jte", new ConfirmHostView(pages.chrome(ctx, Nav.HOSTS), host.name(),
        "Unlink", UNLINK, consequence));
  }

  private void reset(RoutingContext ctx) {
    String name = Names.require("host", ctx.request().getFormAttribute("host"));
    SiteRequest.describe(ctx, "host.reset", "host/" + name);
    hosts.reset(name, ctx.get(SiteRequest.ACTOR));
    UiRouter.redirect(ctx, Nav.HOSTS.path() + "?reset=" + encode(name));
  }

  private void unlink(RoutingContext ctx) {
    String name = Names.require("host", ctx.request().getFormAttribute("host"));
    SiteRequest.describe(ctx, "host.unlink", "host/" + name);
    hosts.unlink(name);
    UiRouter.redirect(ctx, Nav.HOSTS.path() + "?unlinked=" + encode(name));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
