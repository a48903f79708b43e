package dev.lifecycle.edge.oci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235): a scheme and its parameters, such as
 * {@code Bearer realm="https://auth.example/token",service="registry",scope="repository:a/b:pull"}.
 */
public record AuthChallenge(String scheme, Map<String, String> params) {

  public AuthChallenge {
    scheme = scheme.toLowerCase(Locale.ROOT);
    params = Map.copyOf(params);
  }

  public boolean isBearer() {
    return scheme.equals("bearer");
  }

  public boolean isBasic() {
    return scheme.equals("basic");
  }

  public String param(String name) {
    return params.get(name);
  }

  /** Parses a header value that may hold several challenges; parameter names are lower-cased. */
  public static List<AuthChallenge> parse(String header) {
    List<AuthChallenge> challenges = new ArrayList<>();
    if (header == null) {
      return challenges;
    }
    Tokenizer in = new Tokenizer(header);
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (true) {
      in.skip(" \t,");
      if (in.atEnd()) {
        break;
      }
      String token = in.token();
      if (token.isEmpty()) {
        throw new IllegalArgumentException("unreadable WWW-Authenticate header: " + header);
      }
      in.skip(" \t");
      if (in.peek() == '=' && scheme != null) {
        in.next();
        in.skip(" \t");
        params.put(token.toLowerCase(Locale.ROOT), in.peek() == '"' ? in.quoted() : in.token());
      } else {
        if (scheme != null) {
          challenges.add(new AuthChallenge(scheme, params));
        }
        scheme = token;
        params = new LinkedHashMap<>();
      }
    }
    if (scheme != null) {
      challenges.add(new AuthChallenge(scheme, params));
    }
    return challenges;
  }

  private static final class Tokenizer {
    private final String text;
    private int pos;

    Tokenizer(String text) {
      this.text = text;
    }

    boolean atEnd() {
      return pos >= text.length();
    }

    char peek() {
      return atEnd() ? 0 : text.charAt(pos);
    }

    void next() {
      pos++;
    }

    void skip(String chars) {
      while (!atEnd() && chars.indexOf(text.charAt(pos)) >= 0) {
        pos++;
      }
    }

    String token() {
      int start = pos;
      while (!atEnd() && " \t,=\"".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
      return text.substring(start, pos);
    }

    String quoted() {
      StringBuilder value = new StringBuilder();
      pos++;
      while (!atEnd() && text.charAt(pos) != '"') {
        if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
          pos++;
        }
        value.append(text.charAt(pos++));
      }
      if (atEnd()) {
        throw new IllegalArgumentException("unterminated quoted string in WWW-Authenticate header: " + text);
      }
      pos++;
      return value.toString();
    }
  }
}
