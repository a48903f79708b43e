package dev.lifecycle.edge.operator.registry;

import dev.lifecycle.edge.api.v1alpha1.Validation;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One mapping rule, parsed: an exact repository to a repository, or every repository under a prefix to the same
 * path under another prefix. The source is normalized as references are (docker.io/nginx is
 * docker.io/library/nginx; index.docker.io is docker.io), so a rule matches what the runtime pulls.
 *
 * @param from the rule's from, as written
 * @param fromRegistry the registry it matches
 * @param fromPath the repository (exact) or the prefix without "/*" (empty: the whole registry)
 * @param toRegistry the registry it maps onto
 * @param toPath the repository or prefix there (empty: the registry's root)
 * @param prefix whether the rule maps a prefix
 */
public record MappingRule(String from, String fromRegistry, String fromPath, String toRegistry, String toPath,
    boolean prefix) {

  private static final Pattern SHAPE = Pattern.compile(Validation.REPOSITORY_PATTERN_REGEX);

  /** The rule, or why it cannot be one (the API server refuses these too; an embedded store may not). */
  static MappingRule parse(String from, String to) {
    if (from == null || !SHAPE.matcher(from).matches()) {
      throw new IllegalArgumentException("from " + from + " is not a repository with its registry or a prefix "
          + "ending in /*");
    }
    if (to == null || !SHAPE.matcher(to).matches()) {
      throw new IllegalArgumentException("to " + to + " is not a repository with its registry or a prefix ending "
          + "in /*");
    }
    boolean prefix = from.endsWith("/*");
    if (prefix != to.endsWith("/*")) {
      throw new IllegalArgumentException("rule " + from + " -> " + to + " maps a prefix onto a repository or the "
          + "reverse: both must end in /* or neither");
    }
    String fromName = prefix ? from.substring(0, from.length() - 2) : from;
    String toName = prefix ? to.substring(0, to.length() - 2) : to;
    ImageReference source = split(fromName, prefix);
    ImageReference target = split(toName, true);
    return new MappingRule(from, source.registry(), source.path(), target.registry(), target.path(), prefix);
  }

  /** Registry and path of a rule's side: its first component is always the registry (the schema says so). */
  private static ImageReference split(String name, boolean verbatim) {
    if (!verbatim) {
      return ImageReference.repository(name);
    }
    int slash = name.indexOf('/');
    String registry = slash < 0 ? name : name.substring(0, slash);
    String path = slash < 0 ? "" : name.substring(slash + 1);
    return new ImageReference(registry.equals("index.docker.io") ? ImageReference.DOCKER_HUB : registry, path, "");
  }

  /** The reference this rule maps the given one to, if it matches. */
  Optional<String> map(ImageReference reference) {
    if (!reference.registry().equals(fromRegistry)) {
      return Optional.empty();
    }
    String remainder;
    if (!prefix) {
      if (!reference.path().equals(fromPath)) {
        return Optional.empty();
      }
      remainder = null;
    } else if (fromPath.isEmpty()) {
      remainder = reference.path();
    } else if (reference.path().startsWith(fromPath + "/")) {
      remainder = reference.path().substring(fromPath.length() + 1);
    } else {
      return Optional.empty();
    }
    String path = remainder == null ? toPath : toPath.isEmpty() ? remainder : toPath + "/" + remainder;
    return Optional.of(toRegistry + "/" + path + reference.suffix());
  }

  /** A repository this rule matches: the exact one, or one just below the prefix. */
  ImageReference sample() {
    String path = !prefix ? fromPath : fromPath.isEmpty() ? "x" : fromPath + "/x";
    return new ImageReference(fromRegistry, path, "");
  }

  /** k3s's rewrite for this rule: a regular expression over the repository path (on the source registry). */
  String rewritePattern() {
    if (!prefix) {
      return "^" + quote(fromPath) + "$";
    }
    return fromPath.isEmpty() ? "^(.*)$" : "^" + quote(fromPath) + "/(.*)$";
  }

  /** The replacement of {@link #rewritePattern()}: the path on the mirror. */
  String rewriteReplacement() {
    if (!prefix) {
      return toPath;
    }
    return toPath.isEmpty() ? "$1" : toPath + "/$1";
  }

  /** Repository paths hold letters, digits, '.', '_', '-' and '/': only '.' means something in a pattern. */
  private static String quote(String path) {
    return path.replace(".", "\\.");
  }

  @Override
  public String toString() {
    return from + " -> " + toRegistry + "/" + toPath + (prefix ? "/*" : "");
  }
}
