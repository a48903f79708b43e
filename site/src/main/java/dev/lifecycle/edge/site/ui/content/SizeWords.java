package dev.lifecycle.edge.site.ui.content;

import java.util.Locale;

/** A size in bytes as a person reads it: "812 bytes", "4.2 kB", "1.5 MB", "2.3 GB" (decimal units). Pure. */
public final class SizeWords {

  private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB"};

  private SizeWords() {
  }

  public static String of(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size is not negative: " + bytes);
    }
    if (bytes < 1000) {
      return bytes == 1 ? "1 byte" : bytes + " bytes";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 999.95 && unit < UNITS.length - 1) {
      value /= 1000;
      unit++;
    }
    return (value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value))
        + " " + UNITS[unit];
  }
}
