package dev.lifecycle.edge.site.auth;

import java.time.Instant;

/**
 * What a session token says, once its signature is verified: who, which session ({@code sid}, the same across
 * renewals, so that a logout ends them all), the user's session generation when it was made, when the session
 * began ({@code authTime}, which renewals keep) and when this token expires.
 */
public record SessionClaims(String user, String sid, long generation, Instant issuedAt, Instant expiresAt,
    Instant authTime) {
}
