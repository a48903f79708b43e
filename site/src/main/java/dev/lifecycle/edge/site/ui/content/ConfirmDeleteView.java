package dev.lifecycle.edge.site.ui.content;

import dev.lifecycle.edge.site.ui.Chrome;

/**
 * The confirmation step of deleting a bundle or a definition.
 *
 * @param kind "bundle" or "definition"
 * @param action where the confirming form posts
 * @param item what would be deleted (its users, when it has any, say why it cannot be)
 */
public record ConfirmDeleteView(Chrome chrome, String kind, String action, ContentView.Item item) {
}
