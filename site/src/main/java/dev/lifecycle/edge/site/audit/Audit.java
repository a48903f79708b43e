package dev.lifecycle.edge.site.audit;

/** Where the site's packages record what was changed through the site, by whom, with what result. */
public interface Audit {

  /**
   * Appends an entry (its sequence number and time are filled in); durable when this returns.
   *
   * @param result {@link AuditEntry#OK} or {@link AuditEntry#REFUSED}
   * @param reason why it was refused; null when done
   */
  AuditEntry record(String actor, String address, String action, String target, String result, String reason);
}
