package dev.lifecycle.edge.operator.variables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lifecycle.edge.api.v1alpha1.ProfileLayer;
import dev.lifecycle.edge.api.v1alpha1.SecretVariable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Layers as a rollout compares them: the references to values from Secrets (which stay references in plans)
 * stand for the digests of those values, so a layer whose Secret value changed reads as changed, and one that
 * does not refer to it as unchanged. Pure.
 */
public final class VariableImpact {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private VariableImpact() {
  }

  /** Copies of the layers, with each reference to a variable of {@code secrets} replaced by its value's digest. */
  @SuppressWarnings("unchecked")
  public static List<ProfileLayer> comparable(List<ProfileLayer> layers, List<SecretVariable> secrets) {
    if (layers == null || secrets == null || secrets.isEmpty()) {
      return layers;
    }
    Map<String, JsonNode> digests = new HashMap<>();
    secrets.forEach(s -> digests.put(s.getName(), TextNode.valueOf("(value from a Secret, digest "
        + s.getDigest() + ")")));
    return layers.stream().map(layer -> {
      ProfileLayer copy = MAPPER.convertValue(layer, ProfileLayer.class);
      if (layer.getValues() != null) {
        copy.setValues(MAPPER.convertValue(VariableSyntax.substitute(MAPPER.valueToTree(layer.getValues()),
            name -> Optional.ofNullable(digests.get(name)), false), Map.class));
      }
      return copy;
    }).toList();
  }
}
