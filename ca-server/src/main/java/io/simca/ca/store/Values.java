package io.simca.ca.store;

import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Conversions between API values and column values, in one place so every store agrees. */
final class Values {

  private Values() {}

  /**
   * Both databases keep microseconds in {@code TIMESTAMP WITH TIME ZONE}; truncating here makes
   * what the caller wrote equal to what it reads back (and what the audit hash covers).
   */
  static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  static OffsetDateTime ts(Instant instant) {
    return instant == null ? null : micros(instant).atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime ts) {
    return ts == null ? null : ts.toInstant();
  }

  /** A certificate serial as stored: lowercase hex of the positive value, at most 20 octets. */
  static String serialHex(BigInteger serial) {
    if (serial == null) {
      return null;
    }
    if (serial.signum() <= 0 || serial.bitLength() > 159) {
      // RFC 5280 4.1.2.2: positive, at most 20 octets in DER (so at most 159 value bits).
      throw new IllegalArgumentException(
          "serial must be positive and at most 20 octets: " + serial);
    }
    return serial.toString(16);
  }

  static BigInteger serial(String hex) {
    return hex == null ? null : new BigInteger(hex, 16);
  }

  static String lower(Enum<?> e) {
    return e == null ? null : e.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> E parse(Class<E> type, String column) {
    return column == null ? null : Enum.valueOf(type, column.toUpperCase(Locale.ROOT));
  }

  static String maxLength(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new IllegalArgumentException(field + " longer than " + max + " characters");
    }
    return value;
  }
}
