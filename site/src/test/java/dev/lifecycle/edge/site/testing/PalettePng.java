package dev.lifecycle.edge.site.testing;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A screenshot as a palette PNG of its 256 most used colours, every other colour drawn as the nearest of those: a
 * page's screenshot (flat colours, anti-aliased text) looks the same and takes a third of the space, so the
 * documentation's copies stay small.
 */
public final class PalettePng {

  static final int COLOURS = 256;

  private PalettePng() {
  }

  /** The PNG {@code png} (as a browser writes it) with a palette of at most 256 colours. */
  public static byte[] of(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      int width = image.getWidth();
      int height = image.getHeight();
      int[] pixels = image.getRGB(0, 0, width, height, null, 0, width);
      int[] palette = palette(pixels);
      byte[] r = new byte[palette.length];
      byte[] g = new byte[palette.length];
      byte[] b = new byte[palette.length];
      for (int i = 0; i < palette.length; i++) {
        r[i] = (byte) (palette[i] >> 16);
        g[i] = (byte) (palette[i] >> 8);
        b[i] = (byte) palette[i];
      }
      IndexColorModel model = new IndexColorModel(8, palette.length, r, g, b);
      BufferedImage indexed = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, model);
      byte[] target = ((java.awt.image.DataBufferByte) indexed.getRaster().getDataBuffer()).getData();
      Map<Integer, Integer> nearest = new HashMap<>();
      for (int i = 0; i < pixels.length; i++) {
        int rgb = pixels[i] & 0xffffff;
        target[i] = (byte) (int) nearest.computeIfAbsent(rgb, colour -> nearest(palette, colour));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(indexed, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The most used colours, most used first. */
  static int[] palette(int[] pixels) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int pixel : pixels) {
      counts.merge(pixel & 0xffffff, 1, Integer::sum);
    }
    return counts.entrySet().stream().sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed())
        .limit(COLOURS).mapToInt(Map.Entry::getKey).toArray();
  }

  static int nearest(int[] palette, int rgb) {
    int best = 0;
    long bestDistance = Long.MAX_VALUE;
    for (int i = 0; i < palette.length; i++) {
      long dr = ((palette[i] >> 16) & 0xff) - ((rgb >> 16) & 0xff);
      long dg = ((palette[i] >> 8) & 0xff) - ((rgb >> 8) & 0xff);
      long db = (palette[i] & 0xff) - (rgb & 0xff);
      long distance = 3 * dr * dr + 4 * dg * dg + 2 * db * db;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    return best;
  }
}
