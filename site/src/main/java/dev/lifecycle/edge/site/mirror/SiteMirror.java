package dev.lifecycle.edge.site.mirror;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ImageRegistry;
import dev.lifecycle.edge.api.v1alpha1.ImageRegistrySpec;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.RegistryCa;
import dev.lifecycle.edge.site.SiteIdentity;
import dev.lifecycle.edge.site.content.BundleRecord;
import dev.lifecycle.edge.site.content.ContentStore;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The site controller as its hosts' image mirror: keeps the ImageRegistry {@value #NAME} of the site's namespace
 * pointing at the site's own port (endpoint its URL, CA its certificate), with a rule per source registry that the
 * bundles the site holds and the ClusterProfiles of its namespace name ({@link MirrorRules}). Clusters created at
 * the site name it in {@code spec.registryRef}, so the operator writes their hosts' plans with images of the site
 * registry ({@code <site-host>:<port>/<repository>:<tag>}) and gives the hosts the rules as k3s mirrors.
 */
public final class SiteMirror {

  /** The ImageRegistry's name in the site's namespace. */
  public static final String NAME = "site-registry";

  private static final Logger LOG = LoggerFactory.getLogger(SiteMirror.class);

  private final KubernetesClient client;
  private final String namespace;
  private final SiteIdentity identity;
  private final Optional<ContentStore> content;

  /** @param content the site's content store; empty when the site trusts no key and so holds no bundle */
  public SiteMirror(KubernetesClient client, String namespace, SiteIdentity identity, Optional<ContentStore> content) {
    this.client = client;
    this.namespace = namespace;
    this.identity = identity;
    this.content = content;
  }

  /** The site registry's host and port, as rules and plans name it. */
  public String authority() {
    return identity.url().getAuthority();
  }

  /**
   * Writes the ImageRegistry as the site's content and profiles make it now (nothing when it is so already).
   *
   * @return its name, or empty when no bundle or profile names an image yet (an ImageRegistry needs a rule)
   */
  public synchronized Optional<String> refresh() {
    List<String> references = new ArrayList<>();
    content.ifPresent(store -> store.bundles().stream().map(BundleRecord::artifacts).flatMap(List::stream)
        .map(BundleRecord.Artifact::reference).forEach(references::add));
    for (ClusterProfile profile : client.resources(ClusterProfile.class).inNamespace(namespace).list().getItems()) {
      if (profile.getSpec() == null || profile.getSpec().getLayers() == null) {
        continue;
      }
      for (ProfileLayer layer : profile.getSpec().getLayers()) {
        references.add(layer.getImage());
        if (layer.getChart() != null && layer.getChart().getRepository() != null) {
          references.add(layer.getChart().getRepository());
        }
      }
    }
    MirrorRules.Decision decision = MirrorRules.decide(references, authority());
    if (!decision.leftOut().isEmpty()) {
      LOG.warn("the site registry mirrors at most {} source registries; these are not mirrored: {}",
          MirrorRules.MAX_RULES, decision.leftOut());
    }
    if (decision.rules().isEmpty()) {
      return Optional.empty();
    }
    ImageRegistrySpec spec = new ImageRegistrySpec();
    spec.setEndpoint("https://" + authority());
    RegistryCa ca = new RegistryCa();
    ca.setPem(identity.certificatePem());
    spec.setCa(ca);
    spec.setRules(decision.rules());
    ImageRegistry existing = client.resources(ImageRegistry.class).inNamespace(namespace).withName(NAME).get();
    if (existing == null) {
      ImageRegistry registry = new ImageRegistry();
      registry.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(namespace).build());
      registry.setSpec(spec);
      client.resource(registry).create();
      LOG.info("the site registry mirrors {} for the site's hosts", decision.rules().stream()
          .map(rule -> rule.getFrom()).toList());
    } else if (!same(existing.getSpec(), spec)) {
      existing.setSpec(spec);
      client.resource(existing).update();
      LOG.info("the site registry now mirrors {} for the site's hosts", decision.rules().stream()
          .map(rule -> rule.getFrom()).toList());
    }
    return Optional.of(NAME);
  }

  private static boolean same(ImageRegistrySpec a, ImageRegistrySpec b) {
    return a != null && Objects.equals(a.getEndpoint(), b.getEndpoint()) && a.getCredentialsSecretRef() == null
        && a.getCa() != null && Objects.equals(a.getCa().getPem(), b.getCa().getPem())
        && a.getRules().size() == b.getRules().size()
        && java.util.stream.IntStream.range(0, a.getRules().size()).allMatch(i ->
            a.getRules().get(i).getFrom().equals(b.getRules().get(i).getFrom())
                && a.getRules().get(i).getTo().equals(b.getRules().get(i).getTo()));
  }
}
