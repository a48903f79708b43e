package dev.lifecycle.edge.site.registry;

import java.util.List;

/**
 * The distribution spec's pagination of tags and catalogs: {@code n} entries at most, after {@code last} (lexically);
 * a next page is announced with a {@code Link} header.
 */
final class Pagination {

  /** The most entries one answer holds, whatever {@code n} asks. */
  static final int MAX_PAGE = 1000;

  /** One page, and the {@code last} of the next one (null when this is the last page). */
  record Page(List<String> items, String next) {
  }

  private Pagination() {
  }

  /**
   * @param sorted every entry, sorted
   * @param n      the {@code n} parameter, or null
   * @param last   the {@code last} parameter, or null
   * @throws IllegalArgumentException {@code n} is not a non-negative integer
   */
  static Page page(List<String> sorted, String n, String last) {
    int limit = MAX_PAGE;
    if (n != null) {
      try {
        limit = Integer.parseInt(n);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 0) {
        throw new IllegalArgumentException("n=" + n + " is not a number of entries (a non-negative integer)");
      }
      limit = Math.min(limit, MAX_PAGE);
    }
    int start = 0;
    if (last != null) {
      while (start < sorted.size() && sorted.get(start).compareTo(last) <= 0) {
        start++;
      }
    }
    int end = Math.min(sorted.size(), start + limit);
    List<String> items = sorted.subList(start, end);
    String next = end < sorted.size() && !items.isEmpty() ? items.get(items.size() - 1) : null;
    return new Page(List.copyOf(items), next);
  }
}
