package dev.lifecycle.edge.site.registry;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range} header asks of a blob (RFC 9110, single byte ranges as registries serve them): the whole blob,
 * one part of it, or nothing it could have. Several ranges in one header are answered with the whole blob, which the
 * RFC allows.
 */
sealed interface ByteRange {

  /** No range asked (or several): 200 with the whole blob. */
  record Whole() implements ByteRange {
  }

  /** 206 with bytes {@code first} to {@code last} inclusive. */
  record Part(long first, long last) implements ByteRange {
    long length() {
      return last - first + 1;
    }
  }

  /** 416: the range is malformed or starts past the end. */
  record Unsatisfiable(String message) implements ByteRange {
  }

  Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

  static ByteRange of(String header, long size) {
    if (header == null || header.isBlank()) {
      return new Whole();
    }
    String value = header.strip();
    if (value.startsWith("bytes=") && value.contains(",")) {
      return new Whole();
    }
    Matcher matcher = SINGLE.matcher(value);
    if (!matcher.matches() || matcher.group(1).isEmpty() && matcher.group(2).isEmpty()) {
      return new Unsatisfiable("the Range header \"" + value + "\" is not of the form bytes=FIRST-LAST, "
          + "bytes=FIRST- or bytes=-SUFFIX");
    }
    if (matcher.group(1).isEmpty()) {
      long suffix = Long.parseLong(matcher.group(2));
      if (suffix == 0 || size == 0) {
        return new Unsatisfiable("the range " + value + " asks for no bytes of a blob of " + size + " bytes");
      }
      return new Part(Math.max(0, size - suffix), size - 1);
    }
    long first = Long.parseLong(matcher.group(1));
    long last = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
    if (first >= size) {
      return new Unsatisfiable("the range " + value + " starts past the end of the blob (" + size + " bytes)");
    }
    if (!matcher.group(2).isEmpty() && Long.parseLong(matcher.group(2)) < first) {
      return new Unsatisfiable("the range " + value + " ends before it starts");
    }
    return new Part(first, last);
  }
}
