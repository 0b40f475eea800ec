package io.simca.ca.server.ocsp;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** HTTP dates (RFC 9110 §5.6.7 IMF-fixdate) for Last-Modified, Expires and If-Modified-Since. */
final class HttpDates {

  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  /**
   * Formatted seconds, direct-mapped by epoch second: Date, Last-Modified and Expires repeat the
   * same few seconds across thousands of OCSP answers, and formatting dominated the hot path. Racy
   * reads are safe: entries are immutable records (final-field publication).
   */
  private static final Formatted[] MEMO = new Formatted[1024];

  private record Formatted(long epochSecond, String text) {}

  private HttpDates() {}

  static String format(Instant t) {
    long second = t.getEpochSecond();
    int slot = (int) (second & (MEMO.length - 1));
    Formatted f = MEMO[slot];
    if (f == null || f.epochSecond() != second) {
      f = new Formatted(second, IMF_FIXDATE.format(Instant.ofEpochSecond(second)));
      MEMO[slot] = f;
    }
    return f.text();
  }

  static Optional<Instant> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * RFC 9110 §13.1: If-None-Match wins when present; else If-Modified-Since at or after {@code
   * lastModified} (second precision) means the client's copy is current.
   */
  static boolean notModified(
      String ifNoneMatch, String ifModifiedSince, String etag, Instant lastModified) {
    if (ifNoneMatch != null) {
      for (String tag : ifNoneMatch.split(",")) {
        String t = tag.trim();
        if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
          return true;
        }
      }
      return false;
    }
    return parse(ifModifiedSince)
        .map(
            since ->
                !since.isBefore(lastModified.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
        .orElse(false);
  }
}
