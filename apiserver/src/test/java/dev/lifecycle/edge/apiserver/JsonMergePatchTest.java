package dev.lifecycle.edge.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonMergePatchTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  private static JsonNode patched(String target, String patch) throws Exception {
    return JsonMergePatch.apply(json(target), json(patch));
  }

  @Test
  @DisplayName("When a patch gives a list, then it replaces the list whole, never appends to it")
  void listReplacedWhole() throws Exception {
    assertThat(patched("{'spec':{'variables':[{'name':'a','value':'1'},{'name':'b','value':'2'}],'n':1}}",
        "{'spec':{'variables':[{'name':'a','value':'3'},{'name':'b','value':'2'}]}}"))
        .isEqualTo(json("{'spec':{'variables':[{'name':'a','value':'3'},{'name':'b','value':'2'}],'n':1}}"));
  }

  @Test
  @DisplayName("When a patch member is null, then the member is removed; objects merge member by member")
  void nullRemovesAndObjectsMerge() throws Exception {
    assertThat(patched("{'a':{'b':1,'c':2},'d':3}", "{'a':{'c':null,'e':4},'d':null}"))
        .isEqualTo(json("{'a':{'b':1,'e':4}}"));
  }

  @Test
  @DisplayName("The RFC 7386 examples: a non-object patch replaces; an object patch over a non-object makes one")
  void rfcExamples() throws Exception {
    assertThat(patched("{'a':'b'}", "{'a':'c'}")).isEqualTo(json("{'a':'c'}"));
    assertThat(patched("{'a':['b']}", "{'a':'c'}")).isEqualTo(json("{'a':'c'}"));
    assertThat(patched("{'a':'foo'}", "'bar'")).isEqualTo(json("'bar'"));
    assertThat(patched("['a','b']", "['c','d']")).isEqualTo(json("['c','d']"));
    assertThat(patched("{'e':null}", "{'a':1}")).isEqualTo(json("{'e':null,'a':1}"));
    assertThat(patched("[1,2]", "{'a':'b','c':null}")).isEqualTo(json("{'a':'b'}"));
    assertThat(patched("{}", "{'a':{'bb':{'ccc':null}}}")).isEqualTo(json("{'a':{'bb':{}}}"));
  }

  @Test
  @DisplayName("The target is left unchanged")
  void targetUnchanged() throws Exception {
    JsonNode target = json("{'a':[1],'b':{'c':1}}");
    JsonMergePatch.apply(target, json("{'a':[2],'b':{'c':null}}"));
    assertThat(target).isEqualTo(json("{'a':[1],'b':{'c':1}}"));
  }
}
