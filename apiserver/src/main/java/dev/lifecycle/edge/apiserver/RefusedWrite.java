package dev.lifecycle.edge.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;

/**
 * Thrown from inside the store's write path when admission refuses the object, so that the store files nothing;
 * the dispatcher answers with the response it carries.
 */
final class RefusedWrite extends RuntimeException {

  private final transient MockResponse response;

  RefusedWrite(MockResponse response) {
    super(null, null, false, false);
    this.response = response;
  }

  MockResponse response() {
    return response;
  }
}
