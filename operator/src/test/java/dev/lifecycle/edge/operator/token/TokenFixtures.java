package dev.lifecycle.edge.operator.token;

import dev.lifecycle.edge.api.v1alpha1.Condition;
import dev.lifecycle.edge.api.v1alpha1.EdgeHost;
import dev.lifecycle.edge.api.v1alpha1.EdgeHostSpec;
import dev.lifecycle.edge.api.v1alpha1.InstallerUserData;
import dev.lifecycle.edge.api.v1alpha1.RegistrationToken;
import dev.lifecycle.edge.api.v1alpha1.RegistrationTokenSpec;
import dev.lifecycle.edge.api.v1alpha1.UserAccount;
import dev.lifecycle.edge.operator.host.AgentStatusWriter;
import dev.lifecycle.edge.operator.status.StatusWriter;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads and writes the objects the token tests need, against the embedded API. */
final class TokenFixtures {

  private final KubernetesClient client;

  TokenFixtures(KubernetesClient client) {
    this.client = client;
  }

  static RegistrationTokenSpec ttl(String ttl) {
    RegistrationTokenSpec spec = new RegistrationTokenSpec();
    spec.setTtl(ttl);
    return spec;
  }

  static InstallerUserData installerDefaults(String gatewayUrl, String userName) {
    UserAccount user = new UserAccount();
    user.setName(userName);
    user.setGroups(List.of("sudo"));
    user.setSshAuthorizedKeys(List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA " + userName + "@example.com"));
    InstallerUserData data = new InstallerUserData();
    data.setGatewayUrl(gatewayUrl);
    data.setUsers(List.of(user));
    return data;
  }

  RegistrationToken create(String namespace, String name, RegistrationTokenSpec spec) {
    RegistrationToken token = new RegistrationToken();
    token.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    token.setSpec(spec);
    return client.resource(token).create();
  }

  Resource<RegistrationToken> token(String namespace, String name) {
    return client.resources(RegistrationToken.class).inNamespace(namespace).withName(name);
  }

  Optional<Secret> secret(String namespace, String name) {
    return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
  }

  Optional<String> tokenValue(String namespace, String name) {
    return secret(namespace, name).flatMap(TokenSecrets::tokenOf);
  }

  Optional<String> userData(String namespace, String name) {
    return secret(namespace, name).flatMap(TokenSecrets::userDataOf);
  }

  Optional<Condition> condition(String namespace, String name, String type) {
    RegistrationToken token = token(namespace, name).get();
    return token == null || token.getStatus() == null ? Optional.empty() : token.getStatus().condition(type);
  }

  List<Event> events(String namespace, String name) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  List<String> eventReasons(String namespace, String name) {
    return events(namespace, name).stream().map(Event::getReason).toList();
  }

  /** Creates an EdgeHost and records it as registered with the token, as the gateway does. */
  EdgeHost registeredHost(String namespace, String hostName, String tokenName) {
    EdgeHost host = new EdgeHost();
    host.setMetadata(new ObjectMetaBuilder().withName(hostName).withNamespace(namespace).build());
    host.setSpec(new EdgeHostSpec("machine-" + hostName));
    EdgeHost created = client.resource(host).create();
    return new AgentStatusWriter(new StatusWriter(client))
        .registered(created, tokenName, "machine-" + hostName, null, Instant.now())
        .orElseThrow();
  }
}
