package dev.lifecycle.edge.site.ui;

import dev.lifecycle.edge.site.api.ApiErrors;
import dev.lifecycle.edge.site.api.ApiProblem;
import dev.lifecycle.edge.site.api.SiteRequest;
import dev.lifecycle.edge.site.auth.AuthRoutes;
import dev.lifecycle.edge.site.auth.AuthService;
import dev.lifecycle.edge.site.auth.IssuedSession;
import dev.lifecycle.edge.site.auth.Principal;
import dev.lifecycle.edge.site.auth.SessionCookie;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * Logging in ({@code /login}), changing the password ({@code /password}, forced while the initial one is in use)
 * and logging out ({@code POST /logout}), through {@link AuthService} as the site API's session routes do: the same
 * lockouts, password policy and session cookie; its refusals shown on the form in words.
 */
final class LoginPages {

  static final int MAX_USER = 64;
  static final int MAX_PASSWORD = 1024;

  private final AuthService auth;
  private final UiSession session;
  private final Pages pages;

  LoginPages(AuthService auth, UiSession session, Pages pages) {
    this.auth = auth;
    this.session = session;
    this.pages = pages;
  }

  void mount(UiRouter ui) {
    ui.publicPage(UiSession.LOGIN_PAGE, this::loginForm);
    ui.publicChange(UiSession.LOGIN_PAGE, this::login);
    ui.page(UiSession.PASSWORD_PAGE, this::passwordForm);
    ui.change(UiSession.PASSWORD_PAGE, this::changePassword);
    ui.change("/logout", this::logout);
  }

  private void loginForm(RoutingContext ctx) {
    String next = NextPath.of(ctx.request().getParam("next"));
    if (session.resolve(ctx).isPresent()) {
      UiRouter.redirect(ctx, next);
      return;
    }
    pages.send(ctx, 200, "login.jte", new LoginView(pages.chrome(ctx, Nav.NONE), next, "", null));
  }

  private void login(RoutingContext ctx) {
    String next = NextPath.of(ctx.request().getFormAttribute("next"));
    String user = field(ctx, "user").strip().toLowerCase(Locale.ROOT);
    String password = field(ctx, "password");
    if (user.isEmpty() || password.isEmpty() || user.length() > MAX_USER || password.length() > MAX_PASSWORD) {
      refuseLogin(ctx, next, user, ApiProblem.badRequest("enter your user name and your password"));
      return;
    }
    AuthRoutes.describeLogin(ctx, auth, user);
    IssuedSession issued;
    try {
      issued = auth.login(user, password, SiteRequest.address(ctx));
    } catch (ApiProblem refused) {
      refuseLogin(ctx, next, user, refused);
      return;
    }
    ctx.response().addCookie(SessionCookie.of(issued));
    UiRouter.redirect(ctx, issued.mustChangePassword() ? passwordPageFor(next) : next);
  }

  private void refuseLogin(RoutingContext ctx, String next, String user, ApiProblem refused) {
    ctx.put(ApiErrors.PROBLEM, refused);
    if (refused.retryAfterSeconds() != null) {
      ctx.response().putHeader("Retry-After", Long.toString(refused.retryAfterSeconds()));
    }
    pages.send(ctx, refused.status(), "login.jte", new LoginView(pages.chrome(ctx, Nav.NONE), next,
        user.length() > MAX_USER ? "" : user, Sentences.of(refused.getMessage())));
  }

  private void passwordForm(RoutingContext ctx) {
    Principal principal = UiSession.principal(ctx);
    pages.send(ctx, 200, "password.jte", new PasswordView(pages.chrome(ctx, Nav.NONE),
        principal.mustChangePassword(), NextPath.of(ctx.request().getParam("next")), null));
  }

  private void changePassword(RoutingContext ctx) {
    Principal principal = UiSession.principal(ctx);
    SiteRequest.describe(ctx, "password.change", "user/" + principal.user());
    String next = NextPath.of(ctx.request().getFormAttribute("next"));
    String oldPassword = field(ctx, "oldPassword");
    String newPassword = field(ctx, "newPassword");
    String again = field(ctx, "confirmPassword");
    try {
      if (oldPassword.isEmpty() || newPassword.isEmpty() || oldPassword.length() > MAX_PASSWORD
          || newPassword.length() > MAX_PASSWORD) {
        throw ApiProblem.badRequest("enter your current password and the new one");
      }
      if (!newPassword.equals(again)) {
        throw ApiProblem.invalid("the two new passwords differ: type the same new password twice");
      }
      IssuedSession issued = auth.changePassword(principal, oldPassword, newPassword, SiteRequest.address(ctx));
      ctx.response().addCookie(SessionCookie.of(issued));
      UiRouter.redirect(ctx, next);
    } catch (ApiProblem refused) {
      ctx.put(ApiErrors.PROBLEM, refused);
      pages.send(ctx, refused.status(), "password.jte", new PasswordView(pages.chrome(ctx, Nav.NONE),
          principal.mustChangePassword(), next, Sentences.of(refused.getMessage())));
    }
  }

  private void logout(RoutingContext ctx) {
    Principal principal = UiSession.principal(ctx);
    SiteRequest.describe(ctx, "session.logout", "user/" + principal.user());
    auth.logout(principal);
    ctx.response().addCookie(SessionCookie.ended());
    UiRouter.redirect(ctx, UiSession.LOGIN_PAGE);
  }

  private static String passwordPageFor(String next) {
    return next.equals(NextPath.HOME) ? UiSession.PASSWORD_PAGE
        : UiSession.PASSWORD_PAGE + "?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String field(RoutingContext ctx, String name) {
    String value = ctx.request().getFormAttribute(name);
    return value == null ? "" : value;
  }
}
