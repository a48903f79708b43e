/**
 * The clusters of a disconnected site (docs/disconnected-sites.md, "Clusters at a site"), as services over the
 * site's KubernetesClient, without HTTP: the site API mounts each as a thin route.
 *
 * <ul>
 *   <li>{@link dev.lifecycle.edge.site.clusters.SiteDefinitions}: upload (verified before anything is kept), list,
 *       describe and delete cluster definitions under {@code DIR/content/definitions}, and apply their
 *       ClusterProfiles;</li>
 *   <li>{@link dev.lifecycle.edge.site.clusters.ClusterCreation}: the linked hosts, and creating a cluster from a
 *       definition, decided by the pure {@link dev.lifecycle.edge.site.clusters.ClusterCreationPlan};</li>
 *   <li>{@link dev.lifecycle.edge.site.clusters.ClusterUpdates}: preview and apply an update to another definition
 *       version, decided by the pure {@link dev.lifecycle.edge.site.clusters.ClusterUpdatePlan};</li>
 *   <li>{@link dev.lifecycle.edge.site.clusters.ClusterControl}: progress, pause and resume.</li>
 * </ul>
 *
 * <p>Inputs and results are records; every refusal is a {@link dev.lifecycle.edge.site.clusters.RequestRefused}
 * with an HTTP status, a code and a sentence a person understands, and it changes nothing.
 */
package dev.lifecycle.edge.site.clusters;
