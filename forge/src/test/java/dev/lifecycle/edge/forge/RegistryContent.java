package dev.lifecycle.edge.forge;

import com.marcnuri.helm.Helm;
import dev.lifecycle.edge.oci.Descriptor;
import dev.lifecycle.edge.oci.Digest;
import dev.lifecycle.edge.oci.ImageReference;
import dev.lifecycle.edge.oci.MediaTypes;
import dev.lifecycle.edge.oci.RegistryClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Small real images pushed into a registry: each layer a gzipped tar with its diff_id in the config, multi-arch
 * OCI indexes (linux/amd64 and linux/arm64) whose images share a base layer, a single-arch image, and a Helm
 * chart packaged and pushed by real Helm (helm package, helm push). Public in forge's test-jar: the launcher's
 * system test builds a bundle with edge-operator.jar from the same content.
 */
public final class RegistryContent {

  /** A layer: its descriptor, the sha256 of its uncompressed tar, its bytes. */
  public record Layer(Descriptor descriptor, String diffId, byte[] bytes) {
  }

  /** What a pushed image or chart is: its top descriptor and every digest a bundle of it holds, by platform. */
  public record Pushed(ImageReference reference, Descriptor top, byte[] topBytes, Map<String, Descriptor> manifests,
      Map<String, byte[]> manifestBytes, Set<String> digests) {
  }

  public final Map<String, byte[]> blobs = new LinkedHashMap<>();
  private final RegistryClient client;

  public RegistryContent(RegistryClient client) {
    this.client = client;
  }

  public Layer layer(ImageReference repository, String file, String content) throws IOException {
    byte[] tar = tar(file, content);
    byte[] gzipped = gzip(tar);
    Descriptor pushed = push(repository, MediaTypes.OCI_LAYER_TAR_GZIP, gzipped);
    return new Layer(pushed, Digest.sha256(tar).toString(), gzipped);
  }

  /** An OCI index for each architecture, each image the shared layer and one of its own. */
  public Pushed multiArch(ImageReference reference, Layer shared, String... architectures) throws IOException {
    Set<String> digests = new LinkedHashSet<>();
    Map<String, Descriptor> manifests = new LinkedHashMap<>();
    Map<String, byte[]> manifestBytes = new LinkedHashMap<>();
    StringBuilder entries = new StringBuilder();
    for (String arch : architectures) {
      push(reference, MediaTypes.OCI_LAYER_TAR_GZIP, shared.bytes());
      Layer own = layer(reference, reference.repository().replace('/', '-') + "-" + arch, reference + " for " + arch);
      byte[] config = config(arch, shared, own);
      Descriptor configDescriptor = push(reference, MediaTypes.OCI_CONFIG, config);
      byte[] manifest = manifest(MediaTypes.OCI_MANIFEST, configDescriptor, List.of(shared.descriptor(), own.descriptor()));
      Descriptor pushed = client.pushManifest(new ImageReference(reference.registry(), reference.repository(), null,
          Digest.sha256(manifest)),
          MediaTypes.OCI_MANIFEST, manifest);
      manifests.put("linux/" + arch, pushed);
      manifestBytes.put("linux/" + arch, manifest);
      digests.addAll(List.of(pushed.digest().toString(), configDescriptor.digest().toString(),
          shared.descriptor().digest().toString(), own.descriptor().digest().toString()));
      entries.append(entries.length() == 0 ? "" : ",").append(json(pushed).replaceFirst("}$",
          ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + arch + "\"}}"));
    }
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[" + entries
        + "]}").getBytes(StandardCharsets.UTF_8);
    Descriptor top = client.pushManifest(reference, MediaTypes.OCI_INDEX, index);
    digests.add(top.digest().toString());
    return new Pushed(reference, top, index, manifests, manifestBytes, digests);
  }

  /** One manifest, no index: an image for one architecture only. */
  public Pushed single(ImageReference reference, String arch) throws IOException {
    Layer own = layer(reference, "single-" + arch, reference + " only for " + arch);
    byte[] config = config(arch, null, own);
    Descriptor configDescriptor = push(reference, MediaTypes.OCI_CONFIG, config);
    byte[] manifest = manifest(MediaTypes.OCI_MANIFEST, configDescriptor, List.of(own.descriptor()));
    Descriptor top = client.pushManifest(reference, MediaTypes.OCI_MANIFEST, manifest);
    return new Pushed(reference, top, manifest, Map.of("linux/" + arch, top), Map.of("linux/" + arch, manifest),
        new LinkedHashSet<>(List.of(top.digest().toString(), configDescriptor.digest().toString(),
            own.descriptor().digest().toString())));
  }

  /**
   * The chart "web": a Deployment with an init container, a CronJob and a Service, whose images are
   * {@code {{registry}}/app/web:{{webTag}}}, {@code .../app/migrate:{{migrateTag}}} and
   * {@code .../app/cleanup:{{cleanupTag}}}; packaged by helm and pushed by helm to {@code oci://host/charts}.
   */
  public static Path packageWebChart(Path directory, String version) throws IOException {
    Path chart = Files.createDirectories(directory.resolve("web-" + version + "-src/web"));
    Files.writeString(chart.resolve("Chart.yaml"), """
        apiVersion: v2
        name: web
        description: A test chart naming images in a Deployment, its init container and a CronJob.
        version: %s
        appVersion: "1.0"
        """.formatted(version));
    Files.writeString(chart.resolve("values.yaml"), """
        registry: registry.invalid
        webTag: "1.0"
        migrateTag: "2.0"
        cleanupTag: "3"
        replicas: 1
        """);
    Path templates = Files.createDirectories(chart.resolve("templates"));
    Files.writeString(templates.resolve("deployment.yaml"), """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
        spec:
          replicas: {{ .Values.replicas }}
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              initContainers:
                - name: migrate
                  image: "{{ .Values.registry }}/app/migrate:{{ .Values.migrateTag }}"
              containers:
                - name: web
                  image: "{{ .Values.registry }}/app/web:{{ .Values.webTag }}"
        """);
    Files.writeString(templates.resolve("cronjob.yaml"), """
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: cleanup
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                    - name: cleanup
                      image: "{{ .Values.registry }}/app/cleanup:{{ .Values.cleanupTag }}"
        """);
    Files.writeString(templates.resolve("service.yaml"), """
        apiVersion: v1
        kind: Service
        metadata:
          name: {{ .Release.Name }}
        spec:
          selector: {app: web}
          ports: [{port: 80}]
        """);
    Path out = Files.createDirectories(directory.resolve("packaged"));
    new Helm(chart).packageIt().withDestination(out).call();
    return out.resolve("web-" + version + ".tgz");
  }

  public static void helmPush(Path chartArchive, String registryHost) {
    Helm.push().withChart(chartArchive).withRemote(URI.create("oci://" + registryHost + "/charts")).plainHttp().call();
  }

  private Descriptor push(ImageReference repository, String mediaType, byte[] content) {
    Descriptor pushed = client.pushBlob(repository, mediaType, content);
    blobs.put(pushed.digest().toString(), content);
    return pushed;
  }

  private static byte[] config(String arch, Layer shared, Layer own) {
    List<String> diffIds = new ArrayList<>();
    if (shared != null) {
      diffIds.add("\"" + shared.diffId() + "\"");
    }
    diffIds.add("\"" + own.diffId() + "\"");
    return ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{\"Cmd\":[\"/bin/true\"]},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + String.join(",", diffIds) + "]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] manifest(String mediaType, Descriptor config, List<Descriptor> layers) {
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":"
        + json(config) + ",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      json.append(i > 0 ? "," : "").append(json(layers.get(i)));
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String json(Descriptor descriptor) {
    return "{\"mediaType\":\"" + descriptor.mediaType() + "\",\"digest\":\"" + descriptor.digest() + "\",\"size\":"
        + descriptor.size() + "}";
  }

  private static byte[] tar(String name, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(data.length);
      tar.putArchiveEntry(entry);
      tar.write(data);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(content);
    }
    return out.toByteArray();
  }
}
