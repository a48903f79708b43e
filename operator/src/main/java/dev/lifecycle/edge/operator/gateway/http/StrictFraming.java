package dev.lifecycle.edge.operator.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request whose framing cannot be trusted is refused with a JSON 4xx and its connection closed, so
 * nothing after it on the connection is read as a request (RFC 9112 §6.1, §6.3). Among them a request with
 * both Content-Length and Transfer-Encoding: Netty frames it by Transfer-Encoding and drops the
 * Content-Length, which is how a tail is smuggled past a proxy that framed it by Content-Length. Vert.x 4.5
 * has no option for that, so each HTTP/1.1 connection gets a decoder that refuses it instead (Vert.x's own,
 * by its internal class and pipeline name: a Vert.x that renames them fails every connection here, loudly,
 * rather than serving without the check). A body it cannot decode (an invalid chunk) fails the request
 * with {@link InvalidBody}, which the failure handler answers with 400 rather than 500.
 */
public final class StrictFraming {

  private static final Logger LOG = LoggerFactory.getLogger(StrictFraming.class);
  private static final String DECODER = "httpDecoder";

  private final HttpServerOptions options;

  public StrictFraming(HttpServerOptions options) {
    this.options = options;
  }

  /** For every new connection, before it is read. */
  public void install(HttpConnection connection) {
    ChannelPipeline pipeline = ((ConnectionBase) connection).channelHandlerContext().pipeline();
    if (!(pipeline.get(DECODER) instanceof VertxHttpRequestDecoder)) {
      connection.close();
      throw new IllegalStateException("Vert.x's HTTP/1.1 decoder is not where the gateway expects it (pipeline "
          + "handler '" + DECODER + "'): the gateway cannot refuse ambiguous framing");
    }
    pipeline.replace(DECODER, DECODER, new Decoder(options));
  }

  /** Vert.x's handler for requests it could not decode: the JSON error, then the connection closed. */
  public void refuse(HttpServerRequest request) {
    ApiError error = errorOf(request.decoderResult());
    LOG.info("request from {}: refused: {} {}: {}", request.remoteAddress() == null ? "unknown"
        : request.remoteAddress().hostAddress(), error.status(), error.code(), error.message());
    Replies.errorAndClose(request, error);
  }

  /**
   * Sends what was written on the connection now. After a body it cannot decode, Vert.x closes the connection
   * as soon as the failure is handled, before the end of the read that would send the answer.
   */
  static void flush(HttpConnection connection) {
    ((ConnectionBase) connection).channelHandlerContext().flush();
  }

  private ApiError errorOf(DecoderResult result) {
    Throwable cause = result.cause();
    if (cause instanceof TooLongHttpLineException) {
      return ApiError.uriTooLong(options.getMaxInitialLineLength());
    }
    if (cause instanceof TooLongHttpHeaderException) {
      return ApiError.headersTooLarge(options.getMaxHeaderSize());
    }
    if (cause instanceof AmbiguousFraming) {
      return ApiError.badRequest("the request has both Content-Length and Transfer-Encoding: its length is "
          + "ambiguous (RFC 9112 section 6.1); send one of them");
    }
    // Netty's messages may quote the request's bytes: only known ones are told, by their beginning.
    String message = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
    if (message.startsWith("Multiple Content-Length")) {
      return ApiError.badRequest("Content-Length appears more than once");
    }
    if (message.contains("Content-Length")) {
      return ApiError.badRequest("the Content-Length is not a valid length");
    }
    if (message.contains("Transfer-Encoding") || message.contains("chunked")) {
      return ApiError.badRequest("the Transfer-Encoding is not supported: only chunked is");
    }
    return ApiError.badRequest("the request is not valid HTTP/1.1 (request line or headers)");
  }

  /** Vert.x's decoder, refusing a message with both Content-Length and Transfer-Encoding. */
  private static final class Decoder extends VertxHttpRequestDecoder {

    Decoder(HttpServerOptions options) {
      super(options);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
      throw new AmbiguousFraming();
    }

    /** Marks a body Netty could not decode, so that its failure is told from the gateway's own. */
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
      int before = out.size();
      super.decode(ctx, buffer, out);
      for (Object decoded : out.subList(before, out.size())) {
        // a request line or headers Netty cannot decode come as a full message, for the invalid-request handler
        if (decoded instanceof HttpContent content && !(decoded instanceof HttpMessage)
            && content.decoderResult().isFailure()) {
          content.setDecoderResult(DecoderResult.failure(new InvalidBody(content.decoderResult().cause())));
        }
      }
    }
  }

  /** A request body that is not valid HTTP/1.1 framing (an invalid chunk size or chunk end). */
  static final class InvalidBody extends IllegalArgumentException {
    InvalidBody(Throwable cause) {
      super("invalid chunked encoding", cause);
    }
  }

  private static final class AmbiguousFraming extends IllegalArgumentException {
    AmbiguousFraming() {
      super("both Content-Length and Transfer-Encoding", null);
    }
  }
}
