package dev.lifecycle.edge.apiserver;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewSpec;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewSpec;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectRulesReviewStatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;

/**
 * The embedded API has no authorization: everyone may do everything. It says so when asked, the way a
 * real API server answers a review (created, with a status, stored nowhere): a SelfSubjectRulesReview
 * (java-operator-sdk asks one before it competes for its leader Lease) lists one rule allowing every
 * verb on every resource; a SelfSubjectAccessReview ({@code kubectl auth can-i}) is allowed.
 */
final class AccessReviews {

  static final String GROUP_VERSION = "authorization.k8s.io/v1";
  static final String RULES_PATH = "/apis/" + GROUP_VERSION + "/selfsubjectrulesreviews";
  static final String ACCESS_PATH = "/apis/" + GROUP_VERSION + "/selfsubjectaccessreviews";
  private static final String REASON = "the embedded Kubernetes API authorizes every request";

  private AccessReviews() {
  }

  /** The answer to a POST of the path with the body, or empty when the path is no review. */
  static Optional<MockResponse> answer(String path, String body) {
    if (path.equals(RULES_PATH)) {
      SelfSubjectRulesReview review = Serialization.unmarshal(body, SelfSubjectRulesReview.class);
      if (review.getSpec() == null) {
        review.setSpec(new SelfSubjectRulesReviewSpec());
      }
      review.setStatus(new SubjectRulesReviewStatusBuilder()
          .withResourceRules(new ResourceRuleBuilder().withApiGroups("*").withResources("*").withVerbs("*").build())
          .withNonResourceRules(List.of())
          .withIncomplete(false)
          .build());
      return Optional.of(created(review));
    }
    if (path.equals(ACCESS_PATH)) {
      SelfSubjectAccessReview review = Serialization.unmarshal(body, SelfSubjectAccessReview.class);
      if (review.getSpec() == null) {
        review.setSpec(new SelfSubjectAccessReviewSpec());
      }
      review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(true).withReason(REASON).build());
      return Optional.of(created(review));
    }
    return Optional.empty();
  }

  private static MockResponse created(Object review) {
    return new MockResponse().setResponseCode(HttpURLConnection.HTTP_CREATED)
        .setHeader(Responses.CONTENT_TYPE, Responses.JSON)
        .setBody(Serialization.asJson(review));
  }
}
