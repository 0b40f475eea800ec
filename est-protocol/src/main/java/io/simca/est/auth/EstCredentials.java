package io.simca.est.auth;

import io.simca.est.codec.EstRequestException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The credentials of an EST request. Stock clients carry the SIM attestation token in
 * different places (DESIGN.md "Client interop"): curl, Bouncy Castle and GlobalSign send it
 * as the HTTP Basic password with the ICCID as user; libest's {@code --auth-token} sends
 * {@code Bearer <base64 of the token>}. {@link #parse} folds all of them into one value.
 *
 * <p>Records override {@code toString()} so a token or password never reaches a log line.
 */
public sealed interface EstCredentials permits EstCredentials.Basic, EstCredentials.Bearer {

    /** Largest Authorization header value accepted (DESIGN.md: refuse credentials over 4 KiB). */
    int MAX_HEADER_CHARS = 4096;

    /** The attestation token these credentials carry, if any (Basic password or Bearer token). */
    Optional<String> attestationToken();

    /**
     * HTTP Basic (RFC 7617): {@code user} is the ICCID, {@code password} the attestation token.
     */
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

    /** Bearer (RFC 6750) with the token already normalised to the compact JWS. */
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
     * @return empty when the header is absent or blank, or uses another scheme (the server
     *     then answers 401 with {@code WWW-Authenticate}, as for missing credentials)
     * @throws EstRequestException {@code TOO_LARGE} over {@link #MAX_HEADER_CHARS},
     *     {@code MALFORMED_CREDENTIALS} when a Basic or Bearer credential cannot be read
     */
    static Optional<EstCredentials> parse(String authorizationHeader) {
        return CredentialsParser.parse(authorizationHeader);
    }
}

/** The parsing rules behind {@link EstCredentials#parse}, kept out of the public type. */
final class CredentialsParser {

    // RFC 7515 §7.1 compact JWS: three base64url parts (the payload may be empty only for detached, refused later).
    private static final Pattern COMPACT_JWS = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
    // RFC 7235 §2.1 token68.
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    private CredentialsParser() {
    }

    static Optional<EstCredentials> parse(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        if (header.length() > EstCredentials.MAX_HEADER_CHARS) {
            throw new EstRequestException(EstRequestException.Reason.TOO_LARGE, "credentials over 4 KiB");
        }
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        if (space <= 0) {
            throw malformed("Authorization header has no credentials after the scheme");
        }
        // RFC 7235 §2.1: the auth-scheme is case-insensitive.
        String scheme = trimmed.substring(0, space).toLowerCase(Locale.ROOT);
        String credentials = trimmed.substring(space + 1).strip();
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
            userPass = StandardCharsets.UTF_8.newDecoder()
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
            throw malformed("Bearer token has invalid characters");
        }
        if (isCompactJws(credentials)) {
            return new EstCredentials.Bearer(credentials);
        }
        // libest --auth-token sends standard base64 of the token.
        String unwrapped;
        try {
            unwrapped = new String(Base64.getDecoder().decode(credentials), StandardCharsets.US_ASCII).strip();
        } catch (IllegalArgumentException e) {
            throw malformed("Bearer token is neither a JWS nor base64 of one");
        }
        if (!isCompactJws(unwrapped)) {
            throw malformed("Bearer token is neither a JWS nor base64 of one");
        }
        return new EstCredentials.Bearer(unwrapped);
    }

    private static boolean isCompactJws(String s) {
        return COMPACT_JWS.matcher(s).matches();
    }

    private static EstRequestException malformed(String message) {
        return new EstRequestException(EstRequestException.Reason.MALFORMED_CREDENTIALS, message);
    }
}
