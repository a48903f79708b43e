package dev.lifecycle.edge.site.ui;

/** The login page: where to go afterwards, the user name typed (kept on an error), and the error in words. */
public record LoginView(Chrome chrome, String next, String user, String error) {
}
