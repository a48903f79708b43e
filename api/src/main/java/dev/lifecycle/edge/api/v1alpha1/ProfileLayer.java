package dev.lifecycle.edge.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One layer of a profile: what it installs, at which version, from which image or chart. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(value = "has(self.image) != has(self.chart)",
    message = "a layer takes its content from exactly one of image or chart")
public class ProfileLayer {

  @Required
  @Size(min = 1, max = 63)
  @ValidationRule(value = Validation.DNS1123_LABEL_RULE,
      message = "layer name must be a DNS-1123 label: lower-case letters, digits and '-', starting and "
          + "ending with a letter or digit")
  @JsonPropertyDescription("Name of the layer, unique within the profile, such as ubuntu, k3s, cilium or "
      + "monitoring. Upgrades compare layers of two versions by this name.")
  private String name;

  @Required
  @JsonPropertyDescription("What the layer installs: os, kubernetes, cni, csi or addon. The type decides "
      + "what a change costs a host during an upgrade (an os change reboots it).")
  private LayerType type;

  @Required
  @Size(max = 64)
  @ValidationRule(value = Validation.SEMVER_RULE,
      message = "layer version must be a semantic version such as 1.30.2 (MAJOR.MINOR.PATCH, no leading v)")
  @JsonPropertyDescription("Version of what the layer installs, a semantic version such as 1.30.2.")
  private String version;

  @Size(max = 512)
  @ValidationRule(value = "self.matches('^[a-z0-9]+([._/:@-][A-Za-z0-9]+)*$')",
      message = "image must be an OCI image reference such as registry.example.com/os/ubuntu:22.04")
  @JsonPropertyDescription("OCI image reference the layer is installed from, such as "
      + "registry.example.com/edge/ubuntu:22.04. Set image or chart, not both.")
  private String image;

  @JsonPropertyDescription("Helm chart the layer is installed from. Set image or chart, not both.")
  private ChartReference chart;

  // Free-form: any JSON object. Without the schema from ObjectNode the generator declares every value of the
  // map an object, and the API server would reject a scalar value such as kubeProxyReplacement: true.
  @SchemaFrom(type = ObjectNode.class)
  @PreserveUnknownFields
  @JsonPropertyDescription("Free-form values for the layer (Helm values for a chart, settings for an "
      + "image). A change of values alone costs a host no restart.")
  private Map<String, Object> values;

  @Size(max = 64)
  @ValidationRule(value = "self.all(i, size(i) <= 512 && i.matches('^[a-z0-9]+([._/:@-][A-Za-z0-9]+)*$'))",
      message = "extraImages must be OCI image references such as registry.example.com/edge/agent:1.2, "
          + "at most 512 characters each")
  @JsonPropertyDescription("OCI images the layer needs that neither its image nor its chart's rendered "
      + "manifests name: images that only appear at run time (pulled by an operator the chart installs, named "
      + "in a ConfigMap, chosen by a per-site variable). A content bundle for disconnected sites includes them, "
      + "and its build fails when one is missing from its registry.")
  private List<String> extraImages = new ArrayList<>();

  public ProfileLayer() {
  }

  public ProfileLayer(String name, LayerType type, String version) {
    this.name = name;
    this.type = type;
    this.version = version;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public LayerType getType() {
    return type;
  }

  public void setType(LayerType type) {
    this.type = type;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public ChartReference getChart() {
    return chart;
  }

  public void setChart(ChartReference chart) {
    this.chart = chart;
  }

  public List<String> getExtraImages() {
    return extraImages;
  }

  public void setExtraImages(List<String> extraImages) {
    this.extraImages = extraImages == null ? new ArrayList<>() : extraImages;
  }

  public Map<String, Object> getValues() {
    return values;
  }

  public void setValues(Map<String, Object> values) {
    this.values = values;
  }
}
