package dev.lifecycle.edge.site.registry;

import java.util.regex.Pattern;

/**
 * A read request of the distribution API, parsed from the raw request path; or why it is refused. Names and
 * references are checked against the grammar of the distribution spec, so that nothing else (a {@code ..}, a
 * percent-encoded character, a malformed digest) reaches the store.
 */
sealed interface DistributionRequest {

  /** {@code /v2/}: the API version check. */
  record Base() implements DistributionRequest {
  }

  /** {@code /v2/_catalog}. */
  record Catalog() implements DistributionRequest {
  }

  /** {@code /v2/<name>/manifests/<reference>}: {@code digest} set when the reference is one. */
  record Manifest(String name, String tag, String digest) implements DistributionRequest {
  }

  /** {@code /v2/<name>/blobs/<digest>}. */
  record Blob(String name, String digest) implements DistributionRequest {
  }

  /** {@code /v2/<name>/tags/list}. */
  record Tags(String name) implements DistributionRequest {
  }

  /** Refused: 400 for a malformed name, reference or digest, 404 for a path the API does not have. */
  record Refused(int status, String code, String message) implements DistributionRequest {
  }

  Pattern NAME = Pattern.compile("[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
  Pattern TAG = Pattern.compile("[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
  Pattern DIGEST_SHAPE = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
  Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");
  int MAX_NAME = 255;

  static DistributionRequest parse(String rawPath) {
    if (rawPath.equals("/v2") || rawPath.equals("/v2/")) {
      return new Base();
    }
    if (!rawPath.startsWith("/v2/")) {
      return notFound(rawPath);
    }
    String rest = rawPath.substring("/v2/".length());
    if (rest.contains("%") || rest.contains("\\") || rest.contains("//") || rest.contains("/../")
        || rest.startsWith("../") || rest.endsWith("/..") || rest.equals("..") || rest.contains("/./")) {
      return new Refused(400, "NAME_INVALID", "the path " + rawPath + " is not a repository path: no '..', '.', "
          + "empty or percent-encoded segments");
    }
    if (rest.equals("_catalog")) {
      return new Catalog();
    }
    if (rest.endsWith("/tags/list")) {
      String name = rest.substring(0, rest.length() - "/tags/list".length());
      Refused bad = checkName(name);
      return bad != null ? bad : new Tags(name);
    }
    int manifests = rest.lastIndexOf("/manifests/");
    int blobs = rest.lastIndexOf("/blobs/");
    if (manifests > 0 && manifests > blobs) {
      String name = rest.substring(0, manifests);
      String reference = rest.substring(manifests + "/manifests/".length());
      Refused bad = checkName(name);
      if (bad != null) {
        return bad;
      }
      if (reference.contains(":")) {
        Refused badDigest = checkDigest(reference);
        return badDigest != null ? badDigest : new Manifest(name, null, reference);
      }
      if (!TAG.matcher(reference).matches()) {
        return new Refused(400, "TAG_INVALID", "\"" + reference + "\" is neither a tag (letters, digits, '_', '.', "
            + "'-'; at most 128; not starting with '.' or '-') nor a digest");
      }
      return new Manifest(name, reference, null);
    }
    if (blobs > 0) {
      String name = rest.substring(0, blobs);
      String digest = rest.substring(blobs + "/blobs/".length());
      Refused bad = checkName(name);
      if (bad != null) {
        return bad;
      }
      if (digest.startsWith("uploads")) {
        return new Refused(405, "UNSUPPORTED", "the site registry is read-only: uploads are not accepted (content "
            + "arrives in signed bundles through the site API)");
      }
      Refused badDigest = checkDigest(digest);
      return badDigest != null ? badDigest : new Blob(name, digest);
    }
    return notFound(rawPath);
  }

  private static Refused checkName(String name) {
    if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
      return new Refused(400, "NAME_INVALID", "\"" + name + "\" is not a repository name (lower-case letters and "
          + "digits in components separated by '/', joined by '.', '_', '__' or '-'; at most " + MAX_NAME + ")");
    }
    return null;
  }

  private static Refused checkDigest(String digest) {
    if (!DIGEST_SHAPE.matcher(digest).matches()) {
      return new Refused(400, "DIGEST_INVALID", "\"" + digest + "\" is not a digest (algorithm:hex)");
    }
    if (!SHA256.matcher(digest).matches()) {
      return new Refused(400, "DIGEST_INVALID", "\"" + digest + "\" is not a sha256 digest of 64 lower-case hex "
          + "digits, the only kind the site registry holds");
    }
    return null;
  }

  private static Refused notFound(String rawPath) {
    return new Refused(404, "NAME_UNKNOWN", "the site registry has no " + rawPath + "; it serves GET and HEAD of /v2/, "
        + "/v2/_catalog, /v2/<name>/tags/list, /v2/<name>/manifests/<tag or digest> and /v2/<name>/blobs/<digest>");
  }
}
