package dev.lifecycle.edge.operator.gateway.endpoints;

import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.operator.gateway.caches.HostDirectory;
import dev.lifecycle.edge.operator.gateway.http.ApiError;
import dev.lifecycle.edge.operator.gateway.http.BearerCredentials;
import dev.lifecycle.edge.operator.gateway.registration.HostCredential;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * Finds the host a request acts on from its {@code Authorization: Bearer <host credential>}: the host
 * the credential names, if the credential hashes to that host's stored hash (constant-time). From the
 * cache only: a wrong credential costs no API call. A credential only ever acts on the host it names.
 */
public final class HostAuthenticator {

  static final String REGISTER_AGAIN = "register again with the registration token";

  private final HostDirectory hosts;

  public HostAuthenticator(HostDirectory hosts) {
    this.hosts = hosts;
  }

  EdgeHost authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      throw ApiError.unauthorized("missing Authorization header: send 'Authorization: Bearer <host credential>'")
          .exception();
    }
    String credential = BearerCredentials.parse(header).orElseThrow(() -> ApiError.unauthorized(
        "the Authorization header must be 'Bearer <host credential>'").exception());
    HostCredential subject = HostCredential.parse(credential).orElseThrow(() -> ApiError.unauthorized(
        "malformed host credential: " + REGISTER_AGAIN).exception());
    return verified(credential, subject).orElseThrow(() -> ApiError.unauthorized("the host credential is not valid "
        + "(unknown, or replaced by a newer registration): " + REGISTER_AGAIN).exception());
  }

  /**
   * The key (namespace/name) of the host whose current credential the request carries, if it carries
   * one; never a refusal. What the rate limits judge an agent by.
   */
  public Optional<String> provenHost(RoutingContext ctx) {
    return BearerCredentials.parse(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))
        .flatMap(credential -> HostCredential.parse(credential).flatMap(subject -> verified(credential, subject)))
        .map(HostDirectory::key);
  }

  /** The host as the cache has it now, or empty once it is deleted. */
  Optional<EdgeHost> current(EdgeHost host) {
    return hosts.get(host.getMetadata().getNamespace(), host.getMetadata().getName());
  }

  private Optional<EdgeHost> verified(String credential, HostCredential subject) {
    Optional<EdgeHost> host = hosts.get(subject.namespace(), subject.host());
    return HostCredential.proves(credential, host) ? host : Optional.empty();
  }
}
