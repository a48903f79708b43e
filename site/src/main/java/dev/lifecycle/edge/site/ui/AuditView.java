package dev.lifecycle.edge.site.ui;

import dev.lifecycle.edge.site.audit.AuditEntry;
import java.util.List;

/** A page of the audit log, newest first: {@code older} is the link to the next page, null on the last one. */
public record AuditView(Chrome chrome, List<AuditEntry> entries, String older, boolean first) {
}
