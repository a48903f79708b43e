package dev.lifecycle.edge.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Asks an operator's /healthz and /readyz every 100 ms from a small JVM of its own, as a kubelet probes a pod: a
 * new connection per probe ({@code Connection: close}), the time from connecting to the last byte of the answer.
 * Prints a line per probe to standard output: {@code <path> <nanoseconds>}, {@code <path> down} (nothing listens)
 * or {@code <path> timeout} (no whole answer within 5 s). Runs until its standard input closes (its parent ended).
 *
 * <p>Apart from the benchmark's JVM, which holds the embedded API server and thousands of simulated agents: probes
 * sent from there also measured that JVM's own collections and run queue, which no kubelet shares.
 */
public final class ProbeLoop {

  static final long PERIOD_MILLIS = 100;
  static final int TIMEOUT_MILLIS = 5_000;
  static final List<String> PATHS = List.of("/healthz", "/readyz");

  private ProbeLoop() {
  }

  /** @param args the operator's metrics port */
  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
    Thread parentGone = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // The parent writes nothing: end of input means it ended.
        }
      } catch (IOException e) {
        // Same: the parent is gone.
      }
      System.exit(0);
    }, "parent-watch");
    parentGone.setDaemon(true);
    parentGone.start();
    long next = System.nanoTime();
    while (true) {
      for (String path : PATHS) {
        out.println(path + " " + probe(port, path));
      }
      next += PERIOD_MILLIS * 1_000_000;
      long wait = next - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } else {
        next = System.nanoTime();
      }
    }
  }

  /** How long one probe took in nanoseconds, or why it has no time. */
  static String probe(int port, String path) {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream request = socket.getOutputStream();
      request.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUser-Agent: probe-loop\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      request.flush();
      InputStream answer = socket.getInputStream();
      byte[] buffer = new byte[4096];
      int total = 0;
      for (int n; (n = answer.read(buffer)) >= 0; ) {
        total += n;
      }
      if (total == 0) {
        return "down";
      }
      return String.valueOf(System.nanoTime() - start);
    } catch (ConnectException e) {
      return "down";
    } catch (SocketTimeoutException e) {
      return "timeout";
    } catch (IOException e) {
      // Reset while the process stops: nothing answered.
      return "down";
    }
  }
}
