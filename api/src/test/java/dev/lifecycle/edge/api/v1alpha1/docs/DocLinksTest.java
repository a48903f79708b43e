package dev.lifecycle.edge.api.v1alpha1.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The guides in docs/ hold together: every relative link points at a file or folder of the repository, every
 * {@code #anchor} at a heading (GitHub's slug of it) or an {@code <a id>} of its page, and docs/README.md
 * links every guide. Links inside code (fenced blocks, inline code spans) are not links and are skipped.
 */
class DocLinksTest {

  private static final Path DOCS = Path.of("..", "docs");
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
  private static final Pattern EXPLICIT_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

  record Link(Path from, int line, String target) {
    @Override
    public String toString() {
      return from.getFileName() + ":" + line + " -> " + target;
    }
  }

  static List<Path> guides() throws IOException {
    try (Stream<Path> files = Files.list(DOCS)) {
      return files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
    }
  }

  /** The links of a page, outside code. */
  static List<Link> links(Path page) throws IOException {
    List<Link> links = new ArrayList<>();
    List<String> lines = Files.readAllLines(page);
    boolean fenced = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.trim().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
      while (m.find()) {
        links.add(new Link(page, i + 1, m.group(1)));
      }
    }
    return links;
  }

  /** The anchors a page offers: GitHub's slug of each heading (repeats get -1, -2, ...) and explicit ids. */
  static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    for (String line : Files.readAllLines(page)) {
      if (line.trim().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      Matcher explicit = EXPLICIT_ANCHOR.matcher(line);
      while (explicit.find()) {
        anchors.add(explicit.group(1));
      }
      if (line.matches("#{1,6} .*")) {
        String slug = slug(line.replaceFirst("^#{1,6} ", ""));
        int n = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(n == 0 ? slug : slug + "-" + n);
      }
    }
    return anchors;
  }

  /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
  static String slug(String heading) {
    return heading.trim().toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N} _-]", "")
        .replace(' ', '-');
  }

  private static boolean external(String target) {
    return target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
  }

  @Test
  @DisplayName("When a guide links to a file, a folder or a heading, then it exists")
  void everyRelativeLinkResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    int anchored = 0;
    for (Path page : guides()) {
      for (Link link : links(page)) {
        if (external(link.target())) {
          continue;
        }
        checked++;
        String[] parts = link.target().split("#", 2);
        Path target = parts[0].isEmpty() ? page : page.getParent().resolve(parts[0]);
        Path absolute = target.toAbsolutePath().normalize();
        if (!absolute.startsWith(ROOT) || !Files.exists(absolute)) {
          broken.add(link + " (no such file or folder in the repository)");
          continue;
        }
        if (parts.length == 2) {
          anchored++;
          if (!absolute.toString().endsWith(".md")) {
            broken.add(link + " (an anchor into a file that is not Markdown)");
          } else if (!anchors(absolute).contains(parts[1])) {
            broken.add(link + " (no heading or <a id> '" + parts[1] + "' in " + ROOT.relativize(absolute) + ")");
          }
        }
      }
    }
    assertThat(broken).as("broken links in docs/").isEmpty();
    assertThat(checked).as("relative links checked (a broken scan finds none)").isGreaterThan(30);
    assertThat(anchored).as("links with an anchor checked").isGreaterThan(10);
  }

  @Test
  @DisplayName("When a guide is added to docs/, then docs/README.md links it")
  void theIndexLinksEveryGuide() throws IOException {
    Path index = DOCS.resolve("README.md");
    Set<String> linked = links(index).stream().map(Link::target).map(t -> t.split("#", 2)[0])
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> guides = guides().stream().map(p -> p.getFileName().toString())
        .filter(name -> !name.equals("README.md")).collect(Collectors.toCollection(TreeSet::new));
    assertThat(guides).as("guides in docs/").contains("troubleshooting.md", "gitops.md", "api-reference.md");
    assertThat(linked).as("guides docs/README.md links").containsAll(guides);
  }

  @Test
  @DisplayName("When a heading carries code and punctuation, then its anchor is the one GitHub makes")
  void slugsAreGitHubs() {
    assertThat(slug("The gateway (agent side)")).isEqualTo("the-gateway-agent-side");
    assertThat(slug("`Expired`, `Revoked`, `Exhausted`: hosts are refused"))
        .isEqualTo("expired-revoked-exhausted-hosts-are-refused");
    assertThat(slug("After `RolledBack`: repoint `spec.profileRef`")).isEqualTo("after-rolledback-repoint-specprofileref");
    assertThat(slug("POST /v1/register")).isEqualTo("post-v1register");
  }
}
