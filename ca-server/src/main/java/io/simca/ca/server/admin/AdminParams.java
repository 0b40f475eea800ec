package io.simca.ca.server.admin;

import io.simca.ca.admin.Paging;
import io.simca.ca.error.CaException;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Locale;

/**
 * Query parameters of the admin API, parsed strictly: a bad value is a 400 naming the parameter,
 * never a 500.
 */
final class AdminParams {

  private AdminParams() {}

  /** A parameter's value, null when absent or empty. */
  static String text(RoutingContext rc, String name) {
    String v = rc.queryParams().get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  /** {@code true}/{@code false}/{@code 1}/{@code 0}; absent = false. */
  static boolean flag(RoutingContext rc, String name) {
    String v = text(rc, name);
    if (v == null) {
      return false;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw CaException.malformed("bad_parameter", name + " must be true or false");
    };
  }

  static long number(RoutingContext rc, String name, long fallback) {
    String v = text(rc, name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw CaException.malformed("bad_parameter", name + " must be a whole number");
    }
  }

  static Paging paging(RoutingContext rc) {
    long offset = number(rc, "offset", 0);
    long limit = number(rc, "limit", Paging.DEFAULT_LIMIT);
    if (offset > Integer.MAX_VALUE || limit > Integer.MAX_VALUE) {
      throw CaException.malformed("bad_paging", "offset or limit too large");
    }
    return new Paging((int) offset, (int) limit);
  }

  /** An enum by its lowercase name, e.g. {@code status=suspended}; null when absent. */
  static <E extends Enum<E>> E choice(RoutingContext rc, String name, Class<E> type) {
    String v = text(rc, name);
    if (v == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CaException.malformed(
          "bad_parameter",
          name
              + " must be one of "
              + Arrays.stream(type.getEnumConstants())
                  .map(c -> c.name().toLowerCase(Locale.ROOT))
                  .toList());
    }
  }
}
