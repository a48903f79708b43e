package dev.lifecycle.edge.site.ui.hosts;

import dev.lifecycle.edge.site.ui.Chrome;

/**
 * The confirmation step of resetting or unlinking a host: what will happen, in words, and the button that does it.
 *
 * @param action where the confirming form posts
 * @param verb "Reset" or "Unlink"
 */
public record ConfirmHostView(Chrome chrome, String host, String verb, String action, String consequence) {
}
