package dev.lifecycle.edge.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CEL side of CRD validation with cel-java: the environment a rule compiles in (self and oldSelf,
 * typed from the schema as far as a map-based value allows, dyn otherwise), compiled programs, and the
 * conversion of JSON values into CEL values the way the API server exposes them.
 */
public final class CelRules {

  /** CEL keywords that the API server escapes as __keyword__ when they name a property. */
  private static final Set<String> RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
      "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return",
      "var", "void", "while");

  /** cel-go semantics as the API server runs them: matches() finds, numbers compare across types. */
  private static final CelOptions OPTIONS = CelOptions.current()
      .enableRegexPartialMatch(true)
      .enableHeterogeneousNumericComparisons(true)
      .build();

  private static final Map<CelType, Cel> ENVIRONMENTS = new ConcurrentHashMap<>();
  private static final Map<CelRule, Compiled> COMPILED = new ConcurrentHashMap<>();

  private CelRules() {
  }

  /** A rule compiled in the environment of its schema node. */
  public record Compiled(CelRule rule, CelAbstractSyntaxTree ast, CelRuntime.Program program,
      CelRuntime.Program messageProgram) {

    /** A transition rule refers to oldSelf: the API server evaluates it only on update. */
    public boolean isTransition() {
      return ast.getReferenceMap().values().stream().anyMatch(r -> r.name().equals("oldSelf"));
    }
  }

  /** Every rule of a CRD's schema, in schema order. */
  public static List<CelRule> rulesOf(JsonNode crd) {
    List<CelRule> rules = new ArrayList<>();
    String name = crd.path("metadata").path("name").asText();
    collect(name, "", openApiSchema(crd), rules);
    return rules;
  }

  public static JsonNode openApiSchema(JsonNode crd) {
    return crd.path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
  }

  private static void collect(String crd, String path, JsonNode schema, List<CelRule> rules) {
    for (JsonNode entry : schema.path("x-kubernetes-validations")) {
      rules.add(CelRule.of(crd, path.isEmpty() ? "<root>" : path, schema, entry));
    }
    schema.path("properties").fields().forEachRemaining(
        p -> collect(crd, path.isEmpty() ? p.getKey() : path + "." + p.getKey(), p.getValue(), rules));
    JsonNode mapValues = StructuralSchemas.mapValues(schema);
    if (mapValues != null) {
      collect(crd, path + "[*]", mapValues, rules);
    }
    if (schema.has("items")) {
      collect(crd, path + "[*]", schema.get("items"), rules);
    }
  }

  /**
   * Compiles a rule (and its messageExpression, if any) as the API server would at CRD creation.
   *
   * @throws CelValidationException naming the problem when it does not compile or is not a boolean
   */
  public static Compiled compile(CelRule rule) throws CelValidationException {
    Compiled compiled = COMPILED.get(rule);
    if (compiled == null) {
      Cel cel = environment(celType(rule.schema()));
      CelValidationResult result = cel.compile(rule.rule());
      CelAbstractSyntaxTree ast = result.getAst();
      if (!ast.getResultType().equals(SimpleType.BOOL) && !ast.getResultType().equals(SimpleType.DYN)) {
        throw new IllegalArgumentException("rule must evaluate to a bool, not " + ast.getResultType() + ": "
            + rule.rule());
      }
      CelRuntime.Program messageProgram = null;
      if (rule.messageExpression() != null) {
        messageProgram = programOf(cel, cel.compile(rule.messageExpression()).getAst());
      }
      compiled = new Compiled(rule, ast, programOf(cel, ast), messageProgram);
      COMPILED.put(rule, compiled);
    }
    return compiled;
  }

  private static CelRuntime.Program programOf(Cel cel, CelAbstractSyntaxTree ast) {
    try {
      return cel.createProgram(ast);
    } catch (CelEvaluationException e) {
      throw new IllegalStateException("cannot plan " + ast.getSource().getContent(), e);
    }
  }

  /** Evaluates a compiled rule; self and oldSelf are CEL values (see {@link #toCel}). */
  static Object evaluate(CelRuntime.Program program, Object self, Object oldSelf) throws CelEvaluationException {
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put("self", self);
    if (oldSelf != null) {
      variables.put("oldSelf", oldSelf);
    }
    return program.eval(variables);
  }

  private static Cel environment(CelType selfType) {
    return ENVIRONMENTS.computeIfAbsent(selfType, type -> CelFactory.standardCelBuilder()
        .setOptions(OPTIONS)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addCompilerLibraries(CelExtensions.strings())
        .addRuntimeLibraries(CelExtensions.strings())
        .addVar("self", type)
        .addVar("oldSelf", type)
        .build());
  }

  /**
   * The CEL type of a value of this schema. Scalars, lists and maps are typed as the API server types
   * them; an object with declared properties is a map of dyn here (the API server gives it an object type
   * with typed fields, which cel-java would need a type provider for), and int-or-string and free-form
   * values are dyn, as on the server.
   */
  static CelType celType(JsonNode schema) {
    if (schema == null || schema.path("x-kubernetes-int-or-string").asBoolean()
        || StructuralSchemas.preservesUnknownFields(schema) && !schema.has("properties")) {
      return SimpleType.DYN;
    }
    String format = schema.path("format").asText("");
    return switch (schema.path("type").asText("")) {
      case "string" -> format.isEmpty() ? SimpleType.STRING : SimpleType.DYN;
      case "integer" -> SimpleType.INT;
      case "number" -> SimpleType.DOUBLE;
      case "boolean" -> SimpleType.BOOL;
      case "array" -> ListType.create(celType(schema.get("items")));
      case "object" -> {
        JsonNode mapValues = StructuralSchemas.mapValues(schema);
        yield MapType.create(SimpleType.STRING, mapValues != null ? celType(mapValues) : SimpleType.DYN);
      }
      default -> SimpleType.DYN;
    };
  }

  /**
   * A JSON value as CEL sees it: objects are maps (declared property names escaped as the API server
   * escapes them), arrays are lists, integers are longs, other numbers doubles. At the resource root, only
   * metadata.name and metadata.generateName are visible, as on the server.
   */
  static Object toCel(JsonNode value, JsonNode schema, boolean root) {
    if (value.isObject()) {
      boolean declared = schema != null && schema.has("properties");
      Map<String, Object> map = new LinkedHashMap<>();
      value.fields().forEachRemaining(field -> {
        String name = field.getKey();
        JsonNode fieldSchema = fieldSchema(schema, name);
        if (root && name.equals("metadata")) {
          Map<String, Object> metadata = new LinkedHashMap<>();
          for (String visible : List.of("name", "generateName")) {
            if (field.getValue().hasNonNull(visible)) {
              metadata.put(visible, field.getValue().get(visible).asText());
            }
          }
          map.put(name, metadata);
        } else {
          map.put(declared && schema.path("properties").has(name) ? escape(name) : name,
              toCel(field.getValue(), fieldSchema, false));
        }
      });
      return map;
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>();
      value.forEach(item -> list.add(toCel(item, schema == null ? null : schema.get("items"), false)));
      return list;
    }
    if (value.isIntegralNumber()) {
      return value.asLong();
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isNull()) {
      return dev.cel.common.values.NullValue.NULL_VALUE;
    }
    return value.asText();
  }

  static JsonNode fieldSchema(JsonNode schema, String name) {
    if (schema == null) {
      return null;
    }
    JsonNode property = schema.path("properties").get(name);
    return property != null ? property : StructuralSchemas.mapValues(schema);
  }

  /** A property name as a CEL rule writes it: keywords and '_', '.', '-', '/' escaped as on the server. */
  static String escape(String name) {
    if (RESERVED.contains(name)) {
      return "__" + name + "__";
    }
    return name.replace("__", "__underscores__").replace(".", "__dot__").replace("-", "__dash__")
        .replace("/", "__slash__");
  }
}
