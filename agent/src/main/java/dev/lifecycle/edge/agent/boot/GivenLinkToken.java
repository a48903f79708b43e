package dev.lifecycle.edge.agent.boot;

import dev.lifecycle.edge.wire.LinkToken;
import java.util.Objects;

/**
 * A link token and where it was given, for messages: {@code --link-token}, {@code --link-token-file F}, the
 * site user-data's {@code edge_site.linkToken} or the installer user-data's {@code edge_agent.link_token}.
 *
 * @param token the link token; its {@link LinkToken#toString()} never shows the secret
 * @param source where it comes from, such as {@code edge_site.linkToken of /etc/edge-agent/site-user-data.yaml}
 */
public record GivenLinkToken(LinkToken token, String source) {

  public GivenLinkToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(source, "source");
  }
}
