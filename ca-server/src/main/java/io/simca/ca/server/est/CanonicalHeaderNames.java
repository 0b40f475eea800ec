package io.simca.ca.server.est;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Spells the names of every EST response header canonically ({@code Content-Length}, not the {@code
 * content-length} Vert.x writes itself). Names are case-insensitive in HTTP (RFC 9110 §5.1), but
 * libest's client compares them byte for byte ({@code strncmp} with {@code Content-Length}, {@code
 * Content-Type}, {@code Retry-After}) and throws away an answer whose length it cannot find: after
 * a committed enrolment, too.
 *
 * <p>Runs as the last headers-end handler of each EST request, after Vert.x has added {@code
 * content-length} and {@code connection} and after any handler or error page set its own, so
 * success and error answers alike leave with these spellings. Names outside the table keep the
 * spelling they were given, which is what lets {@link EstChallenge} send one challenge in lower
 * case on purpose.
 */
final class CanonicalHeaderNames {

  private static final Map<String, String> CANONICAL =
      Stream.of(
              "Allow",
              "Cache-Control",
              "Connection",
              "Content-Length",
              "Content-Transfer-Encoding",
              "Content-Type",
              "Date",
              "Retry-After",
              "Transfer-Encoding")
          .collect(
              Collectors.toUnmodifiableMap(n -> n.toLowerCase(Locale.ROOT), Function.identity()));

  private CanonicalHeaderNames() {}

  /** Route handler: registers the respelling for this request's response, then passes on. */
  static void install(RoutingContext rc) {
    // vertx-web runs headers-end handlers in reverse order of registration: the first route's
    // runs last, after every header is in place.
    rc.addHeadersEndHandler(v -> respell(rc.response().headers()));
    rc.next();
  }

  /** Rewrites {@code headers} in place with canonical names, keeping every value and the order. */
  static void respell(MultiMap headers) {
    List<Map.Entry<String, String>> entries = headers.entries();
    if (entries.stream().allMatch(e -> canonical(e.getKey()).equals(e.getKey()))) {
      return;
    }
    headers.clear();
    entries.forEach(e -> headers.add(canonical(e.getKey()), e.getValue()));
  }

  static String canonical(String name) {
    return CANONICAL.getOrDefault(name.toLowerCase(Locale.ROOT), name);
  }
}
