package io.simca.est.auth;

import io.simca.est.codec.EstRequestException;
import java.util.Objects;
import java.util.Optional;

/**
 * The credentials of an EST request. Stock clients carry the SIM attestation token in different
 * places (DESIGN.md "Client interop"): curl, Bouncy Castle and GlobalSign send it as the HTTP Basic
 * password with the ICCID as user; libest's {@code --auth-token} sends {@code Bearer <base64 of the
 * token>}. {@link #parse} folds all of them into one value.
 *
 * <p>Records override {@code toString()} so a token or password never reaches a log line.
 */
public sealed interface EstCredentials permits EstCredentials.Basic, EstCredentials.Bearer {

  /** Largest Authorization header value accepted (DESIGN.md: refuse credentials over 4 KiB). */
  int MAX_HEADER_CHARS = 4096;

  /** The attestation token these credentials carry, if any (Basic password or Bearer token). */
  Optional<String> attestationToken();

  /** HTTP Basic (RFC 7617): {@code user} is the ICCID, {@code password} the attestation token. */
  record Basic(String user, String password) implements EstCredentials {
    public Basic {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public Optional<String> attestationToken() {
      return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    @Override
    public String toString() {
      return "Basic[user=" + user + ", password=<" + password.length() + " chars>]";
    }
  }

  /**
   * Bearer (RFC 6750): the token as sent, or the compact JWS it was standard base64 of (libest).
   * Whether it is a token at all is the verifier's call ({@code malformed_token}), the same for
   * every carriage.
   */
  record Bearer(String token) implements EstCredentials {
    public Bearer {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public Optional<String> attestationToken() {
      return Optional.of(token);
    }

    @Override
    public String toString() {
      return "Bearer[<" + token.length() + " chars>]";
    }
  }

  /**
   * Parses an Authorization header value.
   *
   * @return empty when the header is absent or blank, names a scheme with no credentials after it,
   *     or uses another scheme (the server then answers 401 with {@code WWW-Authenticate}, as for
   *     missing credentials)
   * @throws EstRequestException {@code TOO_LARGE} over {@link #MAX_HEADER_CHARS}, {@code
   *     MALFORMED_CREDENTIALS} when the header's syntax cannot be read: Basic that is not base64 of
   *     UTF-8 {@code user:password}, Bearer that is not a token68
   */
  static Optional<EstCredentials> parse(String authorizationHeader) {
    return CredentialsParser.parse(authorizationHeader);
  }
}
