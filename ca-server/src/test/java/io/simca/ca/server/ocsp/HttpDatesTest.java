package io.simca.ca.server.ocsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDatesTest {

  @Test
  void formatsImfFixdate() {
    // RFC 9110 §5.6.7's own example.
    assertThat(HttpDates.format(Instant.parse("1994-11-06T08:49:37.250Z")))
        .isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
  }

  @Test
  void memoNeverAnswersForAnotherSecondInTheSameSlot() {
    Instant t = Instant.parse("2026-12-02T04:00:00Z");
    assertThat(HttpDates.format(t)).isEqualTo("Wed, 02 Dec 2026 04:00:00 GMT");
    // 1024 s later lands in the same memo slot.
    assertThat(HttpDates.format(t.plusSeconds(1024))).isEqualTo("Wed, 02 Dec 2026 04:17:04 GMT");
    assertThat(HttpDates.format(t)).isEqualTo("Wed, 02 Dec 2026 04:00:00 GMT");
  }

  @Test
  void ifNoneMatchWinsOverIfModifiedSince() {
    Instant modified = Instant.parse("2026-12-02T04:00:00Z");
    assertThat(HttpDates.notModified("\"a\", \"b\"", null, "\"b\"", modified)).isTrue();
    assertThat(HttpDates.notModified("\"c\"", HttpDates.format(modified), "\"b\"", modified))
        .isFalse();
    assertThat(HttpDates.notModified(null, HttpDates.format(modified), "\"b\"", modified)).isTrue();
    assertThat(
            HttpDates.notModified(
                null, HttpDates.format(modified.minusSeconds(1)), "\"b\"", modified))
        .isFalse();
  }
}
