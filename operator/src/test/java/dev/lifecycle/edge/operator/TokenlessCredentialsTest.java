package dev.lifecycle.edge.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TokenlessCredentialsTest {

  private static ConfigBuilder https() {
    return new ConfigBuilder(Config.empty()).withMasterUrl("https://10.0.0.1:6443");
  }

  @Test
  @DisplayName("When the operator authenticates with a client certificate, or with nothing against a plain-HTTP "
      + "API, then its requests get a token provider that has no token (nothing to re-read before each request)")
  void certificateOrNothingGetsAProviderWithNoToken() {
    Config certificate = TokenlessCredentials.withoutRefresh(https().withClientCertData("Y2VydA==").build());
    Config embedded = TokenlessCredentials.withoutRefresh(new ConfigBuilder(Config.empty())
        .withMasterUrl("http://127.0.0.1:34307").build());

    assertThat(certificate.getOauthTokenProvider()).isNotNull();
    assertThat(certificate.getOauthTokenProvider().getToken()).isNull();
    assertThat(embedded.getOauthTokenProvider()).isNotNull();
  }

  @Test
  @DisplayName("When there is a token (a ServiceAccount's, a kubeconfig's), basic auth, or no credentials at all "
      + "against an HTTPS API (an exec plugin that failed may succeed later), then the refresh is left as it is")
  void anythingARefreshMayRenewIsLeftAlone() {
    assertThat(TokenlessCredentials.withoutRefresh(https().withClientCertData("Y2VydA==").withOauthToken("t").build())
        .getOauthTokenProvider()).isNull();
    assertThat(TokenlessCredentials.withoutRefresh(https().withAutoOAuthToken("sa-token").build())
        .getOauthTokenProvider()).isNull();
    assertThat(TokenlessCredentials.withoutRefresh(https().withUsername("u").withPassword("p")
        .withClientCertData("Y2VydA==").build()).getOauthTokenProvider()).isNull();
    assertThat(TokenlessCredentials.withoutRefresh(https().build()).getOauthTokenProvider()).isNull();
  }
}
