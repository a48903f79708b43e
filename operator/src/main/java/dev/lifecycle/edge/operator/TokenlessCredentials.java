package dev.lifecycle.edge.operator;

import io.fabric8.kubernetes.client.Config;

/**
 * Credentials with no token to refresh: a client certificate (k3s's and kind's kubeconfigs), or none at all against
 * a plain-HTTP API (the embedded one). fabric8's token refresh re-reads the whole configuration (kubeconfig files,
 * environment) before a request once a minute has passed since it last found a token, and it finds none here, so it
 * did so before every request: 5 % of the operator's CPU at 10,000 hosts. A token provider that has no token stops
 * that, and changes nothing else: the requests carry no token either way.
 */
final class TokenlessCredentials {

  private TokenlessCredentials() {
  }

  /** Whether the configuration authenticates without a token, and nothing a refresh could bring one from. */
  static boolean carryNoToken(Config config) {
    boolean noToken = isEmpty(config.getOauthToken()) && isEmpty(config.getAutoOAuthToken())
        && config.getOauthTokenProvider() == null && config.getAuthProvider() == null
        && isEmpty(config.getUsername());
    boolean clientCertificate = !isEmpty(config.getClientCertData()) || !isEmpty(config.getClientCertFile());
    boolean plainHttp = config.getMasterUrl() != null && config.getMasterUrl().startsWith("http://");
    return noToken && (clientCertificate || plainHttp);
  }

  /** The configuration, with a token provider that has none when {@link #carryNoToken} holds. */
  static Config withoutRefresh(Config config) {
    if (carryNoToken(config)) {
      config.setOauthTokenProvider(() -> null);
    }
    return config;
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }
}
