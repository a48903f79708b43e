package dev.lifecycle.edge.forge;

/**
 * An image a profile needs, and why: {@code layer 'os' in profile store-edge 1.1.0}, {@code extraImages of ...},
 * or {@code initContainer of Deployment web, rendered from chart oci://... 1.0.0 of layer 'web' in profile ...}.
 */
public record ImageNeed(String image, String neededBy) {
}
