package io.simca.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OcspResponseStoreTest extends StoreTestBase {

  @BeforeEach
  void ca() {
    registerCa();
  }

  private static OcspResponseRow revoked(BigInteger serial, Instant thisUpdate) {
    return OcspResponseRow.of(
        serial,
        CA_ID,
        OcspCertStatus.REVOKED,
        new byte[] {0x30, 7},
        thisUpdate,
        thisUpdate.plus(Duration.ofHours(12)),
        thisUpdate);
  }

  @Test
  void upsert_replacesTheResponseAndStampsUpdatedAt() {
    BigInteger serial = issue("8988211000000000001", spki(1), T0);
    Instant later = clock.advance(Duration.ofMinutes(3));

    stores.ocsp().upsert(revoked(serial, later));

    OcspResponseRow row = stores.ocsp().find(serial).orElseThrow();
    assertThat(row.certStatus()).isEqualTo(OcspCertStatus.REVOKED);
    assertThat(row.responseDer()).containsExactly(0x30, 7);
    assertThat(row.thisUpdate()).isEqualTo(later);
    assertThat(row.nextUpdate()).isEqualTo(later.plus(Duration.ofHours(12)));
    assertThat(row.updatedAt()).isEqualTo(later);
  }

  @Test
  void upsert_goodAfterRevoked_keepsTheRevokedResponse() {
    BigInteger serial = issue("8988211000000000001", spki(1), T0);
    Instant revokedAt = clock.advance(Duration.ofMinutes(3));
    stores.ocsp().upsert(revoked(serial, revokedAt));

    // A re-sign that read the certificate as issued before the revocation committed.
    stores.ocsp().upsert(good(serial, clock.advance(Duration.ofMinutes(1))));
    stores.ocsp().upsertAll(java.util.List.of(good(serial, clock.advance(Duration.ofMinutes(1)))));

    OcspResponseRow row = stores.ocsp().find(serial).orElseThrow();
    assertThat(row.certStatus()).isEqualTo(OcspCertStatus.REVOKED);
    assertThat(row.thisUpdate()).isEqualTo(revokedAt);
    // A re-signed revoked response still replaces the revoked one.
    Instant resigned = clock.advance(Duration.ofHours(1));
    stores.ocsp().upsert(revoked(serial, resigned));
    assertThat(stores.ocsp().find(serial).orElseThrow().thisUpdate()).isEqualTo(resigned);
  }

  @Test
  void upsert_serialThatIsNoCertificate_isAConflict() {
    BigInteger serial = randomSerial();
    assertThatThrownBy(() -> stores.ocsp().upsert(good(serial, T0)))
        .isInstanceOf(StoreConflictException.class);
    assertThatThrownBy(() -> stores.ocsp().upsertAll(List.of(good(serial, T0))))
        .isInstanceOf(StoreConflictException.class);
  }

  @Test
  void forEachCurrent_streamsEveryResponse() {
    List<BigInteger> serials = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      serials.add(issue("8988211000000000001", spki(1), T0));
    }
    List<BigInteger> seen = new ArrayList<>();

    stores.ocsp().forEachCurrent(r -> seen.add(r.serial()));

    assertThat(seen).containsExactlyInAnyOrderElementsOf(serials);
  }

  @Test
  void changedSince_returnsOnlyLaterWritesOldestFirst() {
    BigInteger a = issue("8988211000000000001", spki(1), T0);
    BigInteger b = issue("8988211000000000001", spki(1), T0);
    BigInteger c = issue("8988211000000000001", spki(1), T0);
    Instant poll = T0;
    Instant t1 = clock.advance(Duration.ofMillis(400));
    stores.ocsp().upsert(revoked(b, t1));
    Instant t2 = clock.advance(Duration.ofMillis(400));
    stores.ocsp().upsertAll(List.of(revoked(a, t2)));

    assertThat(stores.ocsp().changedSince(poll))
        .extracting(OcspResponseRow::serial)
        .containsExactly(b, a);
    assertThat(stores.ocsp().changedSince(t1))
        .extracting(OcspResponseRow::serial)
        .containsExactly(a);
    assertThat(stores.ocsp().changedSince(t2)).isEmpty();
    assertThat(c).isNotNull();
  }

  @Test
  void dueBefore_listsResponsesWhoseNextUpdateIsNear() {
    BigInteger early = issue("8988211000000000001", spki(1), T0); // next T0+12h
    BigInteger late =
        issue("8988211000000000001", spki(1), T0.plus(Duration.ofHours(6))); // next T0+18h

    assertThat(stores.ocsp().dueBefore(T0.plus(Duration.ofHours(13)), T0)).containsExactly(early);
    assertThat(stores.ocsp().dueBefore(T0.plus(Duration.ofHours(19)), T0))
        .containsExactly(early, late);
    assertThat(stores.ocsp().dueBefore(T0, T0)).isEmpty();
    // early expires at T0+24h, late at T0+30h: expired certificates are never due again.
    assertThat(
            stores.ocsp().dueBefore(T0.plus(Duration.ofHours(19)), T0.plus(Duration.ofHours(25))))
        .containsExactly(late);
    assertThat(
            stores.ocsp().dueBefore(T0.plus(Duration.ofHours(19)), T0.plus(Duration.ofHours(31))))
        .isEmpty();
  }
}
