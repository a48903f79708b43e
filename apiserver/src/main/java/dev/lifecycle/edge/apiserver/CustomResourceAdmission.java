package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lifecycle.edge.validation.CrdValidator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the embedded API does to a custom resource before it stores it, as a real API server does: validates it
 * against its installed CRD's schema and CEL rules ({@link CrdValidator}), applies the defaults and prunes the
 * unknown fields. A write to the status subresource is judged on its status only. A refused object is never
 * stored: {@link #admit} throws {@link RefusedWrite} with the API server's answer (422 Invalid with its causes,
 * or 400 for unknown fields under {@code fieldValidation=Strict}).
 *
 * <p>Not thread-safe: the dispatcher calls it under its write lock, one write at a time, as
 * {@link #begin} (the request), then {@link #admit} (each new state the store would file), then {@link #answer}.
 */
final class CustomResourceAdmission {

  private static final ObjectMapper JSON = Serialization.jsonMapper();
  /**
   * Validators by the CRD's spec, shared by every embedded API of the process (tests start many): building one
   * compiles the schema and every CEL rule, seconds on a busy machine, so it is done once per CRD content.
   */
  private static final Map<String, CrdValidator> BY_SPEC = new java.util.concurrent.ConcurrentHashMap<>();

  private final Supplier<List<CustomResourceDefinition>> installedCrds;
  /**
   * Validators by group and plural, each built from its installed CRD when a write of its kind first needs it
   * (building compiles the schema and every CEL rule: seconds, which CRD writes must not pay for), forgotten
   * when a CRD changes. An empty value: no CRD serves that group and plural.
   */
  private final Map<String, Optional<CrdValidator>> validators = new HashMap<>();
  private FieldValidation directive;
  private String admitted;
  private final List<String> warnings = new ArrayList<>();

  CustomResourceAdmission(Supplier<List<CustomResourceDefinition>> installedCrds) {
    this.installedCrds = installedCrds;
  }

  /** A write begins: its fieldValidation directive, or empty when the query names an unknown one. */
  Optional<FieldValidation> begin(String query) {
    directive = FieldValidation.of(query).orElse(null);
    admitted = null;
    warnings.clear();
    return Optional.ofNullable(directive);
  }

  /** The write is over (answered or refused). */
  void end() {
    directive = null;
  }

  /** A CRD was written or deleted: the validators are rebuilt when next needed. */
  void crdsChanged() {
    validators.clear();
  }

  /**
   * The state to store instead of newState: validated, defaulted and pruned when it is a custom resource of an
   * installed CRD written by the current request; newState itself otherwise (a delete, a built-in kind).
   *
   * @param path the request path, without its query
   * @param previous the stored state it replaces, null on create
   * @throws RefusedWrite when the object is invalid
   */
  String admit(String path, String previous, String newState) {
    if (directive == null || newState == null) {
      return newState;
    }
    Optional<ResourcePath> resource = ResourcePath.parse(path);
    if (resource.isEmpty()) {
      return newState;
    }
    Optional<CrdValidator> found = validator(resource.get().group(), resource.get().plural());
    if (found.isEmpty()) {
      return newState;
    }
    CrdValidator validator = found.get();
    JsonNode object = parse(newState);
    JsonNode old = previous == null ? null : parse(previous);
    CrdValidator.Admission admission = validator.admit(old, object,
        resource.get().isStatus() ? CrdValidator.Scope.STATUS : CrdValidator.Scope.OBJECT,
        CrdValidator.RuleObserver.NONE);
    if (directive == FieldValidation.STRICT && !admission.unknownFields().isEmpty()) {
      throw new RefusedWrite(InvalidObjects.unknownFields(validator.kind(), resource.get().version(),
          admission.unknownFields()));
    }
    if (!admission.valid()) {
      throw new RefusedWrite(InvalidObjects.invalid(validator.kind(), validator.group(),
          object.path("metadata").path("name").asText(), admission.errors()));
    }
    if (directive == FieldValidation.WARN) {
      admission.unknownFields().forEach(field -> warnings.add(InvalidObjects.warning(field)));
    }
    ObjectNode stored = admission.object();
    GenerationOfDefaults.keep(old, stored);
    admitted = stored.toString();
    return admitted;
  }

  /** The write's answer as the API server gives it: the object as stored (defaults applied), and its warnings. */
  MockResponse answer(MockResponse response) {
    if (admitted != null && response.code() >= 200 && response.code() < 300) {
      response.setBody(admitted);
    }
    warnings.forEach(warning -> response.addHeader("Warning", warning));
    return response;
  }

  private Optional<CrdValidator> validator(String group, String plural) {
    return validators.computeIfAbsent(group + "/" + plural, key -> installedCrds.get().stream()
        .filter(crd -> crd.getSpec().getGroup().equals(group) && crd.getSpec().getNames().getPlural().equals(plural))
        .findFirst()
        .map(crd -> BY_SPEC.computeIfAbsent(Serialization.asJson(crd.getSpec()),
            spec -> new CrdValidator(JSON.valueToTree(crd)))));
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
