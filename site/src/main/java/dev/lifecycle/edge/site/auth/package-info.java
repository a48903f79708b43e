/**
 * Users, passwords, sessions and lockout of the site API, kept under {@code DIR/auth}: the decisions
 * ({@link dev.lifecycle.edge.site.auth.LoginRules}, {@link dev.lifecycle.edge.site.auth.SessionJudge},
 * {@link dev.lifecycle.edge.site.auth.PasswordPolicy}) are pure; {@link dev.lifecycle.edge.site.auth.AuthService}
 * reads, decides and stores; {@link dev.lifecycle.edge.site.auth.AuthRoutes} is the HTTP side and the gate.
 */
package dev.lifecycle.edge.site.auth;
