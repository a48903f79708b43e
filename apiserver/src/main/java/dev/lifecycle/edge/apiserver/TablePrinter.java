package dev.lifecycle.edge.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Prints an object or a list as the Table {@code kubectl get} shows, with ages as of {@code now}. */
interface TablePrinter {

  JsonNode table(JsonNode body, Instant now);
}
