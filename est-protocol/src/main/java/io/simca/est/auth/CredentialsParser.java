package io.simca.est.auth;

import io.simca.est.codec.EstRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The parsing rules behind {@link EstCredentials#parse}, kept out of the public type. */
final class CredentialsParser {

  // RFC 7515 §7.1 compact JWS: three base64url parts (the payload may be empty only for detached,
  // refused later).
  private static final Pattern COMPACT_JWS =
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
  // RFC 7235 §2.1 token68.
  private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

  private CredentialsParser() {}

  static Optional<EstCredentials> parse(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    if (header.length() > EstCredentials.MAX_HEADER_CHARS) {
      throw new EstRequestException(EstRequestException.Reason.TOO_LARGE, "credentials over 4 KiB");
    }
    String trimmed = header.strip();
    int space = trimmed.indexOf(' ');
    // RFC 9110 §11.4: the auth-scheme is case-insensitive.
    String scheme = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    String credentials = space < 0 ? "" : trimmed.substring(space + 1).strip();
    if (credentials.isEmpty()) {
      // A scheme with nothing after it carries no credentials: answered like none at all (401),
      // which is what libest sends for Bearer when it was given no --auth-token.
      return Optional.empty();
    }
    return switch (scheme) {
      case "basic" -> Optional.of(basic(credentials));
      case "bearer" -> Optional.of(bearer(credentials));
      default -> Optional.empty();
    };
  }

  private static EstCredentials basic(String credentials) {
    if (!TOKEN68.matcher(credentials).matches()) {
      throw malformed("Basic credentials are not base64");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(credentials);
    } catch (IllegalArgumentException e) {
      throw malformed("Basic credentials are not base64");
    }
    String userPass;
    try {
      // RFC 7617 §2.1: UTF-8 is the only charset we accept; reject invalid sequences.
      userPass =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(decoded))
              .toString();
    } catch (CharacterCodingException e) {
      throw malformed("Basic credentials are not UTF-8");
    }
    // RFC 7617 §2: the user-id cannot contain a colon; the password may.
    int colon = userPass.indexOf(':');
    if (colon < 0) {
      throw malformed("Basic credentials have no colon");
    }
    return new EstCredentials.Basic(userPass.substring(0, colon), userPass.substring(colon + 1));
  }

  private static EstCredentials bearer(String credentials) {
    if (credentials.isEmpty() || !TOKEN68.matcher(credentials).matches()) {
      throw malformed("Bearer credentials are not a token68 (RFC 6750 §2.1)");
    }
    // libest --auth-token sends standard base64 of the token; a compact JWS has dots, base64 none.
    if (!isCompactJws(credentials)) {
      Optional<String> unwrapped = base64OfJws(credentials);
      if (unwrapped.isPresent()) {
        return new EstCredentials.Bearer(unwrapped.get());
      }
    }
    // Anything else is passed on as it came: the token verifier refuses a token it cannot read as
    // malformed_token, whichever carriage (Basic, Bearer, CSR) brought it.
    return new EstCredentials.Bearer(credentials);
  }

  private static Optional<String> base64OfJws(String credentials) {
    try {
      String decoded =
          new String(Base64.getDecoder().decode(credentials), StandardCharsets.US_ASCII).strip();
      return isCompactJws(decoded) ? Optional.of(decoded) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean isCompactJws(String s) {
    return COMPACT_JWS.matcher(s).matches();
  }

  private static EstRequestException malformed(String message) {
    return new EstRequestException(EstRequestException.Reason.MALFORMED_CREDENTIALS, message);
  }
}
