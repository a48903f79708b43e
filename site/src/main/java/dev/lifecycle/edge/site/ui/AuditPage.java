package dev.lifecycle.edge.site.ui;

import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.audit.AuditLog;
import io.vertx.ext.web.RoutingContext;

/** The audit log ({@code /audit?before=SEQ}), {@value #PAGE} entries a page, newest first, as the site API pages it. */
final class AuditPage {

  static final int PAGE = 50;

  private final AuditLog log;
  private final Pages pages;

  AuditPage(AuditLog log, Pages pages) {
    this.log = log;
    this.pages = pages;
  }

  void mount(UiRouter ui) {
    ui.page(Nav.AUDIT.path(), this::show);
  }

  private void show(RoutingContext ctx) {
    Long before = before(ctx.request().getParam("before"));
    AuditLog.Page page = log.page(PAGE, before);
    pages.send(ctx, 200, "audit.jte", new AuditView(pages.chrome(ctx, Nav.AUDIT), page.entries(),
        page.next() == null ? null : Nav.AUDIT.path() + "?before=" + page.next(), before == null));
  }

  static Long before(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException notANumber) {
      // said below
    }
    throw ApiProblem.badRequest("the page asked for ('before=" + (text.length() > 20 ? text.substring(0, 20) + "..."
        : text) + "') is not an entry number; start again from the newest entries");
  }
}
