package dev.lifecycle.edge.site.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One change asked of the site: its sequence number, when (RFC 3339), who (a user, or {@code anonymous}), from which
 * address, what ({@code action}, such as {@code link.create}), on what ({@code target}), and whether it was done
 * ({@code ok}) or refused, with the reason. Never a password, a token or a request body.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(long seq, String time, String actor, String address, String action, String target,
    String result, String reason) {

  public static final String OK = "ok";
  public static final String REFUSED = "refused";
}
