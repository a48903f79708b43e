package dev.lifecycle.edge.site.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.lifecycle.edge.wire.LinkToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class QrCodeSvgTest {

  private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
  private static final Pattern RUN = Pattern.compile("M(\\d+),(\\d+)h(\\d+)v1h-(\\d+)z");
  private static final Pattern PATH = Pattern.compile(" d=\"([^\"]*)\"");
  private static final int PIXELS_PER_MODULE = 4;

  @Test
  @DisplayName("When a link token is drawn, then another library's QR reader reads the very text back from the drawing")
  void linkTokenReadsBack() throws Exception {
    String text = new LinkToken(URI.create("https://10.20.30.40:5080"), "sha256:" + "6f".repeat(32), "store-0042",
        "site", "link-4k2x9a7qbm", "Qm9hcmQtc2VjcmV0LXZhbHVlLTI1Ni1iaXRzLWxvbmctdG9rZW4", 1_799_999_999L).encode();

    QrCodeSvg code = QrCodeSvg.of(text);

    assertThat(read(code.svg())).isEqualTo(text);
    String fromDataUri = new String(Base64.getDecoder().decode(code.dataUri()
        .substring("data:image/svg+xml;base64,".length())), StandardCharsets.UTF_8);
    assertThat(fromDataUri).isEqualTo(code.svg());
  }

  @Test
  @DisplayName("When the drawing is made, then a light margin of 4 modules surrounds every dark module")
  void quietZone() {
    String svg = QrCodeSvg.of("edgelink1.short").svg();
    int size = viewBoxSize(svg);
    Matcher run = RUN.matcher(path(svg));
    int runs = 0;
    while (run.find()) {
      runs++;
      int x = Integer.parseInt(run.group(1));
      int y = Integer.parseInt(run.group(2));
      int length = Integer.parseInt(run.group(3));
      assertThat(x).isGreaterThanOrEqualTo(QrCodeSvg.QUIET_ZONE);
      assertThat(y).isBetween(QrCodeSvg.QUIET_ZONE, size - QrCodeSvg.QUIET_ZONE - 1);
      assertThat(x + length).isLessThanOrEqualTo(size - QrCodeSvg.QUIET_ZONE);
    }
    assertThat(runs).isPositive();
  }

  @Test
  @DisplayName("When a text is too long for any QR code, then the error says how long it was")
  void tooLong() {
    assertThatThrownBy(() -> QrCodeSvg.of("x".repeat(5000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a text of 5000 bytes is too long for a QR code");
  }

  /** Paints the drawing's runs into pixels, as a screen would show it, and decodes them with zxing. */
  private static String read(String svg) throws Exception {
    int modules = viewBoxSize(svg);
    int side = modules * PIXELS_PER_MODULE;
    int[] pixels = new int[side * side];
    Arrays.fill(pixels, 0xFFFFFF);
    Matcher run = RUN.matcher(path(svg));
    while (run.find()) {
      int x = Integer.parseInt(run.group(1));
      int y = Integer.parseInt(run.group(2));
      int length = Integer.parseInt(run.group(3));
      for (int py = y * PIXELS_PER_MODULE; py < (y + 1) * PIXELS_PER_MODULE; py++) {
        for (int px = x * PIXELS_PER_MODULE; px < (x + length) * PIXELS_PER_MODULE; px++) {
          pixels[py * side + px] = 0;
        }
      }
    }
    BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)));
    return new QRCodeReader().decode(bitmap).getText();
  }

  private static int viewBoxSize(String svg) {
    Matcher box = VIEW_BOX.matcher(svg);
    assertThat(box.find()).isTrue();
    assertThat(box.group(1)).isEqualTo(box.group(2));
    return Integer.parseInt(box.group(1));
  }

  private static String path(String svg) {
    Matcher path = PATH.matcher(svg);
    assertThat(path.find()).isTrue();
    return path.group(1);
  }
}
