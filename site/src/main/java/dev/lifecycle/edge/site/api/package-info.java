/**
 * The site API's skeleton under {@code /api/site/v1}: {@link dev.lifecycle.edge.site.api.SiteApi} mounts the audit
 * trail, the path guard and the session gate before every route of the prefix; errors are
 * {@code {"error", "message"}} ({@link dev.lifecycle.edge.site.api.ApiProblem}); JSON bodies are bounded in size and
 * time ({@link dev.lifecycle.edge.site.api.JsonBody}); the OpenAPI document is a resource of this package.
 */
package dev.lifecycle.edge.site.api;
