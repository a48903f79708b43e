package dev.lifecycle.edge.site.ui.hosts;

import dev.lifecycle.edge.site.ui.Chrome;

/**
 * A link token just made: its text (the secret a host is given), the same as a QR code ({@code data:} URI), and its
 * expiry (UTC text, and ISO-8601 for the page's countdown).
 */
public record LinkView(Chrome chrome, String name, String text, String qrCode, String expiresAt, String expiresIso,
    long validSeconds) {
}
