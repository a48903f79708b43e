package dev.lifecycle.edge.operator.gateway.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.edge.wire.Inventory;
import dev.lifecycle.edge.wire.RegisterRequest;
import dev.lifecycle.edge.wire.Report;
import dev.lifecycle.edge.wire.Site;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RequestRulesTest {

  @Test
  @DisplayName("When a registration is complete and valid, then no rule objects")
  void validRegistration() {
    Site site = new Site("store-0042-a", new Site.Network(null, List.of("192.168.42.10/24"), "192.168.42.1", null),
        null, null, List.of("192.168.42.1"));
    Inventory inventory = new Inventory(null, 4, null, null, null, null);

    assertThat(RequestRules.register(new RegisterRequest("t0k3n", "store-0042-0", "store-0042-a", inventory, site,
        Map.of("rack", "a", "example.com/zone", "z1")))).isEmpty();
  }

  @Test
  @DisplayName("When a required field is missing or a machine id is malformed, then the problem is named")
  void requiredFieldsAndMachineId() {
    assertThat(rule(new RegisterRequest(null, "m", null, null, null, null))).contains("token is required");
    assertThat(rule(new RegisterRequest(" ", "m", null, null, null, null))).contains("token is required");
    assertThat(rule(new RegisterRequest("t", null, null, null, null, null))).contains("machineId is required");
    assertThat(rule(new RegisterRequest("t", "-m", null, null, null, null))).contains("must start with a letter");
    assertThat(rule(new RegisterRequest("t", "m/../x", null, null, null, null))).contains("must start with a letter");
    assertThat(rule(new RegisterRequest("t", "m".repeat(129), null, null, null, null))).contains("longer than 128");
    assertThat(rule(new RegisterRequest("t".repeat(513), "m", null, null, null, null))).contains("not a registration");
    assertThat(rule(new RegisterRequest("t", "m", "a\nb", null, null, null))).contains("hostname must be");
  }

  @Test
  @DisplayName("When a registration's credential secret is not 32 bytes of base64url, then it is refused, naming the "
      + "field; a well-formed one passes")
  void credentialSecret() {
    assertThat(rule(new RegisterRequest("t", "m", null, null, null, null, "too-short")))
        .contains("credentialSecret must be 32 random bytes");
    assertThat(RequestRules.register(new RegisterRequest("t", "m", null, null, null, null, "A".repeat(43))))
        .isEmpty();
  }

  @Test
  @DisplayName("When labels are not Kubernetes labels or too many, then the offending one is named")
  void labels() {
    assertThat(rule(new RegisterRequest("t", "m", null, null, null, Map.of("bad key", "a")))).contains("'bad key'");
    assertThat(rule(new RegisterRequest("t", "m", null, null, null, Map.of("rack", "-a")))).contains("label 'rack'");
    Map<String, String> many = IntStream.range(0, 33).boxed().collect(Collectors.toMap(i -> "k" + i, i -> "v"));
    assertThat(rule(new RegisterRequest("t", "m", null, null, null, many))).contains("at most 32");
  }

  @Test
  @DisplayName("When site settings break the EdgeHost CRD's rules, then they are refused before any write")
  void siteFollowsTheCrd() {
    assertThat(SiteRules.check(new Site("Store_A", null, null, null, null))).get().asString()
        .contains("site.hostname");
    assertThat(SiteRules.check(new Site("a", null, null, List.of("not a certificate"), null))).get().asString()
        .contains("caCertificates");
    Site.Network badAddress = new Site.Network(null, List.of("10.0.0.300/24"), null, null);
    assertThat(SiteRules.check(new Site("a", badAddress, null, null, null))).get().asString()
        .contains("site.network.addresses");
    Site.Network network = new Site.Network(null, List.of("10.0.0.3/24"), null, null);
    Site.Proxy proxy = new Site.Proxy("ftp://proxy", null, null);
    assertThat(SiteRules.check(new Site("a", network, proxy, null, null))).get().asString().contains("site.proxy");
    assertThat(SiteRules.check(new Inventory(null, null, -1L, null, null, null))).get().asString()
        .contains("must not be negative");
  }

  @Test
  @DisplayName("When a report is malformed, then it is refused")
  void reports() {
    assertThat(RequestRules.report(new Report(3L, "Applied", null, "1.1.0"))).isEmpty();
    assertThat(RequestRules.report(new Report(2L, "Applying", "pulling images", null))).isEmpty();
    assertThat(RequestRules.report(new Report(null, "Applied", null, null)).orElseThrow())
        .contains("planGeneration is required");
    assertThat(RequestRules.report(new Report(-1L, "Applied", null, null)).orElseThrow())
        .contains("positive");
    assertThat(RequestRules.report(new Report(3L, "Done", null, null)).orElseThrow())
        .contains("'Done' is not one of Applying, Applied, Failed");
    assertThat(RequestRules.report(new Report(3L, null, null, null)).orElseThrow())
        .contains("state is required");
    assertThat(RequestRules.report(new Report(3L, "Applied", null, "v1")).orElseThrow())
        .contains("semantic version");
    assertThat(RequestRules.report(new Report(3L, "Failed", "x".repeat(4097), null)).orElseThrow())
        .contains("longer than 4096");
  }

  private static String rule(RegisterRequest request) {
    return RequestRules.register(request).orElse("");
  }
}
