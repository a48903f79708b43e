/**
 * The site's content store (docs/site-registry.md): content bundles verified with the bundle module's library before
 * anything is kept, their blobs by digest under {@code DIR/content/blobs/sha256}, a small JSON index of the bundles,
 * the site's inventory for delta bundles, and the retention of what clusters run and the version before.
 */
package dev.lifecycle.edge.site.content;
