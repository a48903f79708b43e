/**
 * The edge.lifecycle.dev/v1alpha1 API: ClusterProfile, RegistrationToken, EdgeHost and EdgeCluster.
 *
 * <p>Field documentation lives in {@code @JsonPropertyDescription}: the CRD generator copies it into
 * the CRD's {@code description}, which is what {@code kubectl explain} prints. Validation lives in
 * the schema annotations ({@code @Required}, {@code @Size}, {@code @Min}, ...) and in CEL rules
 * ({@code @ValidationRule}) whose messages are written for the person who applied the resource.
 */
package dev.lifecycle.edge.api.v1alpha1;
