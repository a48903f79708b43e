package dev.lifecycle.edge.api.v1alpha1.gitops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * Runs an Argo CD health check (as {@link ArgoCdHealthScripts} generates it) the way Argo CD does:
 * the live object, converted from JSON to Lua tables (objects to tables keyed by field name, arrays to
 * tables indexed from 1, numbers to numbers), is the global {@code obj}; the script returns a table with
 * {@code status} and {@code message}. Only the libraries Argo CD opens by default are loaded (base,
 * package, table, string, math): a script that reaches for os or io fails here as it would there.
 */
public final class ArgoCdHealth {

  /** The statuses Argo CD accepts from a health check. */
  public static final List<String> STATUSES = List.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing",
      "Unknown");

  /** The verdict of a health check. */
  public record Verdict(String status, String message) {
  }

  private ArgoCdHealth() {
  }

  /** Runs the health check of {@code object}'s kind on it. */
  public static Verdict assess(JsonNode object) {
    String kind = object.path("kind").asText();
    return assess(ArgoCdHealthScripts.render(kind), object, kind + "/health.lua");
  }

  static Verdict assess(String script, JsonNode object, String chunkName) {
    Globals globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    globals.load(new StringLib());
    globals.load(new JseMathLib());
    LoadState.install(globals);
    LuaC.install(globals);
    globals.set("obj", toLua(object));
    LuaValue hs = globals.load(script, chunkName).call();
    if (!hs.istable()) {
      throw new IllegalStateException(chunkName + " returned " + hs.typename() + ", not a table");
    }
    LuaValue message = hs.get("message");
    return new Verdict(hs.get("status").optjstring(null), message.isnil() ? null : message.tojstring());
  }

  /** A JSON value as Argo CD hands it to Lua; null fields are absent, as in an unstructured object. */
  static LuaValue toLua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        table.set(field.getKey(), toLua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      int index = 1;
      for (JsonNode item : node) {
        table.set(index++, toLua(item));
      }
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    return LuaValue.valueOf(node.asText());
  }
}
