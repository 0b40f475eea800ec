package io.simca.attester;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.simca.attester.session.SessionChange;
import io.simca.attester.session.SessionTable;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The attester's counters, scraped at {@code GET /metrics}: accounting packets by what they did,
 * packets dropped (wrong shared secret, malformed), tokens issued and refusals by reason.
 */
public final class AttesterMetrics {

  private static final String TOKENS_HELP =
      "POST /attest answers: issued, or the reason of the refusal";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public void watch(SessionTable sessions) {
    Gauge.builder("simca_attester_sessions", sessions, SessionTable::size)
        .description("Live sessions in the table")
        .register(registry);
  }

  public void accounting(SessionChange change) {
    count(
        "simca_attester_radius_accounting_total",
        "Accounting-Requests answered, by what they did to the session table",
        "change",
        lower(change.name()));
  }

  /** A datagram that was not answered: {@code reason} is bad_authenticator, malformed, ... */
  public void radiusDropped(String reason) {
    count(
        "simca_attester_radius_dropped_total",
        "RADIUS datagrams dropped unanswered (RFC 2866 §3: a bad authenticator gets no reply)",
        "reason",
        reason);
  }

  public void tokenIssued() {
    count("simca_attester_tokens_total", TOKENS_HELP, "outcome", "issued");
  }

  public void tokenRefused(String reason) {
    count("simca_attester_tokens_total", TOKENS_HELP, "outcome", reason);
  }

  public String scrape() {
    return registry.scrape();
  }

  private void count(String name, String help, String tag, String value) {
    counters
        .computeIfAbsent(
            name + '|' + value,
            k -> Counter.builder(name).description(help).tag(tag, value).register(registry))
        .increment();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
