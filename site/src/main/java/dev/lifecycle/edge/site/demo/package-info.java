/**
 * What a site demonstration and the site's end-to-end test need besides the controller: a small signed cluster
 * definition and content bundles made on the spot ({@link SiteDemoContent}), and a client of the site API
 * ({@link SiteApiClient}) that pins the controller's certificate.
 */
package dev.lifecycle.edge.site.demo;
