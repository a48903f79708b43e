package dev.lifecycle.edge.site.api.content;

import dev.lifecycle.edge.api.v1alpha1.ClusterProfile;
import dev.lifecycle.edge.api.v1alpha1.ClusterProfileSpec;
import dev.lifecycle.edge.api.v1alpha1.ControlPlaneSpec;
import dev.lifecycle.edge.api.v1alpha1.EdgeCluster;
import dev.lifecycle.edge.api.v1alpha1.EdgeClusterSpec;
import dev.lifecycle.edge.api.v1alpha1.LayerType;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.ProfileReference;
import dev.lifecycle.edge.api.v1alpha1.WorkersSpec;
import dev.lifecycle.edge.apiserver.EmbeddedKubernetes;
import dev.lifecycle.edge.site.api.SiteApi;
import dev.lifecycle.edge.site.content.ContentLimits;
import dev.lifecycle.edge.site.content.ContentStore;
import dev.lifecycle.edge.site.content.TestBundles;
import dev.lifecycle.edge.site.testing.MutableClock;
import dev.lifecycle.edge.site.testing.SiteApiHarness;
import dev.lifecycle.edge.site.testing.SiteApiHarness.Answer;
import dev.lifecycle.edge.site.testing.SiteApiHarness.Session;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A site API with the content routes mounted, over a content store in {@code DIR/content}, for HTTP tests. */
final class ContentSite implements AutoCloseable {

  static final String BUNDLES = SiteApi.PREFIX + "/bundles";

  final SiteApiHarness api;
  final ContentStore store;
  final ContentRoutes routes;
  final Path content;

  ContentSite(Path dataDir, EmbeddedKubernetes kubernetes, String namespace, SiteApi.Limits apiLimits,
      ContentRoutes.Limits limits) {
    this.content = dataDir.resolve("content");
    MutableClock clock = new MutableClock(Instant.now());
    try {
      this.store = ContentStore.open(content, TestBundles.TRUST, ContentLimits.defaults(), clock);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ContentRoutes[] mounted = new ContentRoutes[1];
    this.api = new SiteApiHarness(dataDir, clock, kubernetes, namespace, apiLimits, (site, router) -> {
      mounted[0] = new ContentRoutes(store, new SiteClusterRuns(kubernetes.client(), namespace), site.audit, limits,
          apiLimits);
      mounted[0].mount(router);
    });
    this.routes = mounted[0];
  }

  /** Uploads {@code archive} as a Bearer client. */
  Answer upload(Session session, Path archive, String query) {
    try {
      return api.send("POST", BUNDLES + (query == null ? "" : "?" + query), HttpRequest.BodyPublishers.ofFile(archive),
          "Content-Type", "application/zstd", "Authorization", "Bearer " + session.token());
    } catch (java.io.FileNotFoundException e) {
      throw new UncheckedIOException(e);
    }
  }

  Answer upload(Session session, byte[] archive) {
    return api.send("POST", BUNDLES, HttpRequest.BodyPublishers.ofByteArray(archive), "Content-Type",
        "application/zstd", "Authorization", "Bearer " + session.token());
  }

  /** A ClusterProfile named {@code object} for profile {@code profile} at {@code version}, and a cluster running it. */
  void clusterRunning(String cluster, String object, String profile, String version) {
    ProfileLayer os = new ProfileLayer("edge-os", LayerType.OS, "1.4.0");
    os.setImage("registry.example.com/edge/os:1.4.0");
    ProfileLayer k3s = new ProfileLayer("k3s", LayerType.KUBERNETES, "1.30.4");
    k3s.setImage("registry.example.com/edge/k3s:1.30.4");
    ClusterProfile clusterProfile = new ClusterProfile();
    clusterProfile.setMetadata(new ObjectMetaBuilder().withName(object).withNamespace(api.namespace)
        .withLabels(Map.of(BundleUsage.PROFILE_LABEL, profile)).build());
    clusterProfile.setSpec(new ClusterProfileSpec(version, new ArrayList<>(List.of(os, k3s))));
    api.kubernetes.client().resources(ClusterProfile.class).inNamespace(api.namespace).resource(clusterProfile)
        .create();
    EdgeClusterSpec spec = new EdgeClusterSpec();
    spec.setProfileRef(new ProfileReference(object));
    spec.setControlPlane(new ControlPlaneSpec(1));
    spec.setWorkers(new WorkersSpec(0));
    EdgeCluster edgeCluster = new EdgeCluster();
    edgeCluster.setMetadata(new ObjectMetaBuilder().withName(cluster).withNamespace(api.namespace).build());
    edgeCluster.setSpec(spec);
    api.kubernetes.client().resources(EdgeCluster.class).inNamespace(api.namespace).resource(edgeCluster).create();
  }

  @Override
  public void close() {
    api.close();
  }
}
