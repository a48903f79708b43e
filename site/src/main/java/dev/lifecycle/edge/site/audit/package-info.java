/**
 * The audit log of every change made through the site ({@code DIR/audit/audit.jsonl}): the
 * {@link dev.lifecycle.edge.site.audit.Audit} service other packages record to, the route wrapper that records every
 * changing request, and {@code GET /api/site/v1/audit}.
 */
package dev.lifecycle.edge.site.audit;
