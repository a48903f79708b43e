/**
 * The site registry (docs/site-registry.md): the read side of the OCI distribution API under {@code /v2/} over the
 * content store, so that containerd, skopeo or any OCI client pulls what the bundles brought. Repository names are
 * the bundles' references without their registry host ({@code registry.example.com/retail/pos:1.4} is
 * {@code retail/pos:1.4}); writes are refused.
 */
package dev.lifecycle.edge.site.registry;
