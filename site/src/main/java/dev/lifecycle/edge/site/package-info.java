/**
 * The site controller of a disconnected site: the operator's reconcilers and gateway over a durable
 * embedded store, with the site API, the site registry and the content store on one HTTPS port
 * (see docs/disconnected-sites.md).
 */
package dev.lifecycle.edge.site;
