package dev.lifecycle.edge.site.ui;

import io.nayuki.qrcodegen.DataTooLongException;
import io.nayuki.qrcodegen.QrCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A text drawn as a QR code in SVG, for a link token a host's camera or a phone reads off the screen. The library
 * encodes (error correction level M: a smudged screen still reads); this class draws its dark modules as one path,
 * each row's runs merged, inside the 4-module light margin readers need.
 */
public final class QrCodeSvg {

  /** The light margin around the code, in modules, as the QR standard asks. */
  static final int QUIET_ZONE = 4;

  private final String svg;

  private QrCodeSvg(String svg) {
    this.svg = svg;
  }

  /** @throws IllegalArgumentException when the text is too long for any QR code at level M */
  public static QrCodeSvg of(String text) {
    QrCode code;
    try {
      code = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
    } catch (DataTooLongException e) {
      throw new IllegalArgumentException("a text of " + text.getBytes(StandardCharsets.UTF_8).length
          + " bytes is too long for a QR code", e);
    }
    int size = code.size + 2 * QUIET_ZONE;
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < code.size; y++) {
      int x = 0;
      while (x < code.size) {
        if (!code.getModule(x, y)) {
          x++;
          continue;
        }
        int start = x;
        while (x < code.size && code.getModule(x, y)) {
          x++;
        }
        int run = x - start;
        path.append('M').append(start + QUIET_ZONE).append(',').append(y + QUIET_ZONE)
            .append('h').append(run).append("v1h-").append(run).append('z');
      }
    }
    return new QrCodeSvg("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
        + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size
        + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>");
  }

  /** The SVG document. */
  public String svg() {
    return svg;
  }

  /** As a {@code data:} URI for an {@code <img src>} (the Local UI's CSP allows {@code data:} images only). */
  public String dataUri() {
    return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
  }
}
