package dev.lifecycle.edge.operator.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A client that writes exact bytes to the gateway and reads what comes back, byte by byte: the
 * requests are what an attacker sends, not what a well-behaved HTTP client would make of them.
 */
final class RawHttp implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  /** A gateway answer: status, headers by lower-case name, body. */
  record Answer(int status, Map<String, String> headers, String body) {
  }

  RawHttp(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(10_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request as a client writes it: request line, Host, the headers, Content-Length when there is a body. */
  static byte[] request(String method, String path, Map<String, String> headers, String body) {
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: gateway\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    if (body != null) {
      head.append("Content-Length: ").append(bytes.length).append("\r\n");
    }
    head.append("\r\n");
    return concat(head.toString().getBytes(StandardCharsets.UTF_8), bytes);
  }

  static byte[] concat(byte[] first, byte[] second) {
    byte[] both = new byte[first.length + second.length];
    System.arraycopy(first, 0, both, 0, first.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }

  RawHttp send(String text) {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes the bytes; a gateway that already closed the connection is no error here (the answer says). */
  RawHttp send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (SocketException e) {
      // the gateway closed the connection while the request was written: what it answered is still readable
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** The next answer on the connection; fails when the connection ends or stays silent for 10 s first. */
  Answer read() {
    return read(true);
  }

  /** The next answer to a HEAD request: its headers name a length, but no body follows. */
  Answer readHead() {
    return read(false);
  }

  private Answer read(boolean body) {
    try {
      String head = head();
      String[] lines = head.split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      Map<String, String> headers = new TreeMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      int length = body ? Integer.parseInt(headers.getOrDefault("content-length", "0")) : 0;
      return new Answer(status, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether an answer (or its first bytes) is waiting to be read. */
  boolean answered() {
    try {
      return in.available() > 0;
    } catch (IOException e) {
      return true;
    }
  }

  /** Whether the gateway closes the connection (end of stream or reset) within the given time, reading on. */
  boolean closedWithin(Duration wait) {
    long end = System.nanoTime() + wait.toNanos();
    try {
      while (System.nanoTime() < end) {
        socket.setSoTimeout((int) Math.max(1, (end - System.nanoTime()) / 1_000_000));
        if (in.read() == -1) {
          return true;
        }
      }
      return false;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String head() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b == -1) {
        throw new IOException("the gateway closed the connection without an answer"
            + (head.size() == 0 ? "" : " after " + head.toString(StandardCharsets.ISO_8859_1)));
      }
      head.write(b);
      matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1).trim();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a socket the gateway may have closed already
    }
  }
}
