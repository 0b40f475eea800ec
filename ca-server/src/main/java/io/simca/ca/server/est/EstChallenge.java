package io.simca.ca.server.est;

import io.vertx.core.http.HttpServerResponse;

/**
 * The EST listener's 401 (RFC 7030 §3.2.3, RFC 9110 §11.6.1), shaped so that each stock client
 * finds its own scheme. As measured ({@code ChallengeShapesTest}, {@code LibestInteropTest}):
 *
 * <ul>
 *   <li>Bouncy Castle's {@code HttpAuth} reads only the first {@code WWW-Authenticate} field (names
 *       compared case-insensitively) and answers only a value starting with Basic or Digest; any
 *       other first challenge fails with "Unknown auth mode".
 *   <li>libest reads only the first field named byte for byte {@code WWW-Authenticate}, and sends
 *       its {@code --auth-token} only when that value starts with {@code Bearer}.
 *   <li>curl sends {@code -u} credentials as Basic without waiting for a challenge, and {@code
 *       --anyauth} picks Basic from the list.
 * </ul>
 *
 * <p>So the Basic challenge (RFC 7617) goes first under a lower-case field name, which every
 * case-insensitive reader takes as the first challenge and libest skips; the Bearer challenge (RFC
 * 6750 §3) follows under the canonical name. To an HTTP stack the two fields are one list, {@code
 * Basic realm="simca", Bearer realm="simca"} (RFC 9110 §5.3). The body is empty: BC's {@code
 * HttpAuth} closes the 401 unread before it retries, and its stream fails on close when a body was
 * left unread; the reason is in the audit record.
 */
final class EstChallenge {

  static final String REALM = "simca";
  static final String BASIC = "Basic realm=\"" + REALM + "\"";
  static final String BEARER = "Bearer realm=\"" + REALM + "\"";

  private EstChallenge() {}

  /** Ends {@code response} with the 401 challenge, unless an answer has already started. */
  static void send(HttpServerResponse response) {
    if (response.ended() || response.headWritten()) {
      return;
    }
    response.setStatusCode(401);
    // Spelled by hand on purpose: CanonicalHeaderNames leaves these names alone.
    response.headers().add("www-authenticate", BASIC).add("WWW-Authenticate", BEARER);
    response.putHeader("Content-Length", "0").end();
  }
}
