/**
 * The site controller as the image mirror of its hosts: the ImageRegistry of the site's namespace that points at the
 * site registry ({@link dev.lifecycle.edge.site.mirror.SiteMirror}), with rules decided by the pure
 * {@link dev.lifecycle.edge.site.mirror.MirrorRules}.
 */
package dev.lifecycle.edge.site.mirror;
