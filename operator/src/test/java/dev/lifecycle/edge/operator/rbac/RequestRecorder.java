package dev.lifecycle.edge.operator.rbac;

import dev.lifecycle.edge.apiserver.ApiRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Keeps the requests of one client, told apart from the others by its User-Agent. */
final class RequestRecorder implements Consumer<ApiRequest> {

  private final String userAgent;
  private final List<ApiRequest> requests = new CopyOnWriteArrayList<>();

  RequestRecorder(String userAgent) {
    this.userAgent = userAgent;
  }

  @Override
  public void accept(ApiRequest request) {
    if (userAgent.equals(request.userAgent())) {
      requests.add(request);
    }
  }

  List<RequestAttributes> recorded() {
    return requests.stream().map(RequestAttributes::of).toList();
  }
}
