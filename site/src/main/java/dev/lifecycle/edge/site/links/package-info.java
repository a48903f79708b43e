/**
 * Link tokens (a 2-minute, one-host RegistrationToken under each), the site's hosts (list, reset, unlink) and its
 * Events, over a KubernetesClient of the site's namespace, and their routes.
 */
package dev.lifecycle.edge.site.links;
