package dev.lifecycle.edge.site.ui.clusters;

import dev.lifecycle.edge.site.clusters.CreateClusterRequest;
import dev.lifecycle.edge.site.clusters.CreateClusterRequest.HostChoice;
import dev.lifecycle.edge.site.clusters.CreateClusterRequest.NetworkSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the create-cluster wizard holds so far, carried from page to page in the form's fields (hidden on the pages
 * that do not ask for them), so that going back and forth keeps every answer. Nothing in it is trusted: the final
 * creation judges all of it again. Pure.
 *
 * @param name the cluster's name
 * @param definition the digest of the chosen definition
 * @param version the chosen version's object name
 * @param variables the values typed, by variable name (blank ones left out: the default applies)
 * @param roles the role chosen for each host, by host name ({@value #CONTROL_PLANE} or {@value #WORKER})
 * @param endpoint the control-plane address, or null
 * @param podRange the pod range, or null
 * @param serviceRange the service range, or null
 */
public record ClusterDraft(String name, String definition, String version, Map<String, String> variables,
    Map<String, String> roles, String endpoint, String podRange, String serviceRange) {

  public static final String CONTROL_PLANE = "control-plane";
  public static final String WORKER = "worker";
  /** Form field prefixes: {@code var.storeId}, {@code role.host-a}. */
  public static final String VARIABLE = "var.";
  public static final String ROLE = "role.";
  /** The step-1 choice, {@code <digest> <version>}, that sets {@code definition} and {@code version}. */
  public static final String PICK = "pick";

  /** One form field to carry. */
  public record Field(String name, String value) {
  }

  /** The draft a form's fields hold (each a list of values by name; the first counts). */
  public static ClusterDraft of(Map<String, List<String>> form) {
    String definition = text(form, "definition");
    String version = text(form, "version");
    String pick = text(form, PICK);
    if (pick != null && pick.contains(" ")) {
      definition = pick.substring(0, pick.indexOf(' '));
      version = pick.substring(pick.indexOf(' ') + 1).strip();
    }
    Map<String, String> variables = new LinkedHashMap<>();
    Map<String, String> roles = new LinkedHashMap<>();
    form.keySet().stream().sorted().forEach(key -> {
      String value = text(form, key);
      if (key.startsWith(VARIABLE) && key.length() > VARIABLE.length() && value != null) {
        variables.put(key.substring(VARIABLE.length()), value);
      } else if (key.startsWith(ROLE) && key.length() > ROLE.length() && value != null) {
        roles.put(key.substring(ROLE.length()), value);
      }
    });
    return new ClusterDraft(text(form, "name"), definition, version, variables, roles, text(form, "endpoint"),
        text(form, "podRange"), text(form, "serviceRange"));
  }

  /** The fields the pages of the other steps carry hidden (those of {@code shown} are asked on its page). */
  public List<Field> hiddenExcept(WizardStep shown) {
    List<Field> fields = new ArrayList<>();
    if (shown != WizardStep.DEFINITION) {
      add(fields, "name", name);
      add(fields, "definition", definition);
      add(fields, "version", version);
    }
    if (shown != WizardStep.VARIABLES) {
      variables.forEach((n, v) -> add(fields, VARIABLE + n, v));
    }
    if (shown != WizardStep.HOSTS) {
      roles.forEach((n, v) -> add(fields, ROLE + n, v));
    }
    if (shown != WizardStep.NETWORK) {
      add(fields, "endpoint", endpoint);
      add(fields, "podRange", podRange);
      add(fields, "serviceRange", serviceRange);
    }
    return fields;
  }

  /** Every field, for the review page's Create form. */
  public List<Field> hidden() {
    return hiddenExcept(WizardStep.REVIEW);
  }

  /**
   * This draft with only the values of these variables: those another version declared, carried since a person went
   * back and chose another version, are dropped (the creation would refuse them as undeclared).
   */
  public ClusterDraft onlyVariables(java.util.Set<String> declared) {
    Map<String, String> kept = new LinkedHashMap<>(variables);
    kept.keySet().retainAll(declared);
    return new ClusterDraft(name, definition, version, kept, roles, endpoint, podRange, serviceRange);
  }

  /** The value typed for a variable, or "" (for a form field). */
  public String variable(String variable) {
    return variables.getOrDefault(variable, "");
  }

  /** The role chosen for a host, or "" (not in the cluster). */
  public String role(String host) {
    return roles.getOrDefault(host, "");
  }

  /** The hosts chosen, in host-name order, with their roles (a host with no role is not chosen). */
  public List<HostChoice> hosts() {
    return roles.entrySet().stream().filter(e -> !e.getValue().isEmpty()).sorted(Map.Entry.comparingByKey())
        .map(e -> new HostChoice(e.getKey(), e.getValue())).toList();
  }

  /** The network settings, or null when none is given (the defaults apply). */
  public NetworkSettings network() {
    return endpoint == null && podRange == null && serviceRange == null ? null
        : new NetworkSettings(endpoint, podRange, serviceRange);
  }

  /** What the wizard asks the site to create. */
  public CreateClusterRequest request() {
    return new CreateClusterRequest(name, definition, version, Map.copyOf(variables), hosts(), network());
  }

  /** The value of a form field, stripped; null when absent or blank. */
  static String text(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    if (values == null || values.isEmpty() || values.get(0) == null) {
      return null;
    }
    String value = values.get(0).strip();
    return value.isEmpty() ? null : value;
  }

  private static void add(List<Field> fields, String name, String value) {
    if (value != null) {
      fields.add(new Field(name, value));
    }
  }

  @Override
  public String toString() {
    return "ClusterDraft[name=" + name + ", definition=" + definition + ", version=" + version + ", variables="
        + variables.keySet() + ", roles=" + roles + "]";
  }
}
