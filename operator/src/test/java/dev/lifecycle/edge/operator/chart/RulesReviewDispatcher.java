package dev.lifecycle.edge.operator.chart;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * The fabric8 CRUD dispatcher, but a SelfSubjectRulesReview is answered the way the API server answers
 * it: with the resource rules the caller holds in the review's namespace, which a function gives.
 */
final class RulesReviewDispatcher extends KubernetesCrudDispatcher {

  static final String PATH = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

  private final Function<String, List<ResourceRule>> rulesInNamespace;

  RulesReviewDispatcher(Function<String, List<ResourceRule>> rulesInNamespace) {
    this.rulesInNamespace = rulesInNamespace;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (!"POST".equals(request.getMethod()) || !PATH.equals(request.getPath())) {
      return super.dispatch(request);
    }
    SelfSubjectRulesReview review = Serialization.unmarshal(
        new String(request.getBody().getBytes(), StandardCharsets.UTF_8), SelfSubjectRulesReview.class);
    review.setStatus(new SubjectRulesReviewStatusBuilder()
        .withResourceRules(rulesInNamespace.apply(review.getSpec().getNamespace()))
        .withIncomplete(false)
        .build());
    return new MockResponse().setResponseCode(HttpURLConnection.HTTP_CREATED)
        .setHeader("Content-Type", "application/json").setBody(Serialization.asJson(review));
  }
}
