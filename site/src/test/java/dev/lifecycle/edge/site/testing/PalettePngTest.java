package dev.lifecycle.edge.site.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PalettePngTest {

  @Test
  @DisplayName("An image of at most 256 colours comes back pixel for pixel; one of more keeps its most used colours "
      + "exactly and draws each rare one as the nearest kept colour")
  void keepsTheMostUsedColours() throws Exception {
    BufferedImage few = new BufferedImage(32, 8, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 32; x++) {
      for (int y = 0; y < 8; y++) {
        few.setRGB(x, y, x * 0x030201 + y * 0x10);
      }
    }
    BufferedImage back = read(PalettePng.of(png(few)));
    for (int x = 0; x < 32; x++) {
      for (int y = 0; y < 8; y++) {
        assertThat(back.getRGB(x, y) & 0xffffff).isEqualTo(few.getRGB(x, y) & 0xffffff);
      }
    }

    // 300 colours: grey levels 0..255 twice each (kept), then 44 reds once each (rare)
    BufferedImage many = new BufferedImage(556, 1, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 256; i++) {
      many.setRGB(2 * i, 0, i * 0x010101);
      many.setRGB(2 * i + 1, 0, i * 0x010101);
    }
    for (int i = 512; i < 556; i++) {
      many.setRGB(i, 0, 0xff0000 + (i - 512) * 0x000100);
    }
    BufferedImage reduced = read(PalettePng.of(png(many)));
    assertThat(reduced.getRGB(20, 0) & 0xffffff).isEqualTo(0x0a0a0a);
    int red = reduced.getRGB(555, 0) & 0xffffff;
    assertThat((red >> 16) & 0xff).as("a rare red becomes the nearest grey, not black").isGreaterThan(60);
  }

  private static byte[] png(BufferedImage image) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static BufferedImage read(byte[] png) throws Exception {
    return ImageIO.read(new ByteArrayInputStream(png));
  }
}
