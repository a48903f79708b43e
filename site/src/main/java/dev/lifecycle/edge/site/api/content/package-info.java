/**
 * The site API's content bundles routes ({@code /bundles}, {@code /inventory}, {@code /content/gc}) over the content
 * store, with the rule of which clusters use which bundles.
 */
package dev.lifecycle.edge.site.api.content;
