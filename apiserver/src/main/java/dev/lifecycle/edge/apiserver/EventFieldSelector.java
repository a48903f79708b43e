package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A field selector on a list of core {@code v1} Events, such as the one {@code kubectl describe} sends
 * to find an object's Events ({@code involvedObject.name=store-0042,involvedObject.kind=EdgeCluster,...}).
 * The mock store cannot match fields of an Event's body, so the list is read without the selector and
 * filtered here: every term ({@code key=value}, {@code key==value} or {@code key!=value}, the key a
 * dotted path into the Event) must hold.
 */
final class EventFieldSelector {

  private static final Pattern EVENTS_LIST = Pattern.compile("/api/v1(/namespaces/[^/]+)?/events");

  private final List<Term> terms;

  private EventFieldSelector(List<Term> terms) {
    this.terms = terms;
  }

  /** Whether the path is a list of core Events, in a namespace or in all. */
  static boolean namesEvents(String path) {
    return EVENTS_LIST.matcher(path).matches();
  }

  /**
   * The selector of a list of Events (not a watch) that carries one, or empty: then the store answers
   * the request as it is.
   */
  static Optional<EventFieldSelector> of(String path, String query) {
    if (!namesEvents(path) || query.isEmpty()) {
      return Optional.empty();
    }
    String selector = null;
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("watch=")) {
        return Optional.empty();
      }
      if (parameter.startsWith("fieldSelector=")) {
        selector = URLDecoder.decode(parameter.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
      }
    }
    if (selector == null || selector.isBlank()) {
      return Optional.empty();
    }
    List<Term> terms = new ArrayList<>();
    for (String term : selector.split(",")) {
      terms.add(Term.parse(term.trim()));
    }
    return Optional.of(new EventFieldSelector(terms));
  }

  /** The query without its field selector, for the store. */
  static String withoutSelector(String query) {
    List<String> kept = new ArrayList<>();
    for (String parameter : query.split("&")) {
      if (!parameter.startsWith("fieldSelector=") && !parameter.isEmpty()) {
        kept.add(parameter);
      }
    }
    return String.join("&", kept);
  }

  /**
   * The list with only the Events every term matches, of kind EventList as a real API server names it
   * (the store says List, which kubectl's typed client cannot read as a list of Events).
   */
  JsonNode filter(JsonNode list) {
    ObjectNode filtered = list.deepCopy();
    filtered.put("kind", "EventList");
    ArrayNode items = filtered.putArray("items");
    list.path("items").forEach(event -> {
      if (terms.stream().allMatch(term -> term.matches(event))) {
        items.add(event);
      }
    });
    return filtered;
  }

  private record Term(String[] path, String value, boolean equal) {

    static Term parse(String text) {
      int notEqual = text.indexOf("!=");
      if (notEqual > 0) {
        return new Term(text.substring(0, notEqual).split("\\."), text.substring(notEqual + 2), false);
      }
      int equal = text.indexOf('=');
      if (equal <= 0) {
        throw new IllegalArgumentException("not a field selector term: " + text);
      }
      String value = text.substring(equal + 1);
      return new Term(text.substring(0, equal).split("\\."), value.startsWith("=") ? value.substring(1) : value,
          true);
    }

    boolean matches(JsonNode event) {
      JsonNode node = event;
      for (String field : path) {
        node = node.path(field);
      }
      String actual = node.isValueNode() ? node.asText() : "";
      return actual.equals(value) == equal;
    }
  }
}
