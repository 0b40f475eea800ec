package io.simca.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CertificateStoreTest extends StoreTestBase {

  static final String SIM_A = "8988211000000000001";
  static final String SIM_B = "8988211000000000002";
  static final int KEY_COMPROMISE = 1;
  static final int SUPERSEDED = 4;

  @BeforeEach
  void ca() {
    registerCa();
  }

  @Test
  void reserve_thenFind_showsReservedRowWithoutDer() {
    BigInteger serial = randomSerial();
    stores.certs().reserve(reservation(serial, SIM_A, spki(1), T0));

    CertificateRow row = stores.certs().find(serial).orElseThrow();
    assertThat(row.status()).isEqualTo(CertStatus.RESERVED);
    assertThat(row.certDer()).isNull();
    assertThat(row.caId()).isEqualTo(CA_ID);
    assertThat(row.iccid()).isEqualTo(SIM_A);
    assertThat(row.spkiSha256()).isEqualTo(spki(1));
    assertThat(row.notAfter()).isEqualTo(T0.plus(Duration.ofHours(24)));
    assertThat(row.issuedByPolicy()).isEqualTo("default");
    assertThat(row.createdAt()).isEqualTo(T0);
  }

  @Test
  void serials_roundTripExactly_smallAndTwentyOctets() {
    BigInteger small = BigInteger.valueOf(0xff);
    BigInteger max = BigInteger.ONE.shiftLeft(159).subtract(BigInteger.ONE);
    stores.certs().reserve(reservation(small, SIM_A, spki(1), T0));
    stores.certs().reserve(reservation(max, SIM_A, spki(1), T0));

    assertThat(stores.certs().find(small).orElseThrow().serial()).isEqualTo(small);
    assertThat(stores.certs().find(max).orElseThrow().serial()).isEqualTo(max);
    assertThatThrownBy(() -> reservation(BigInteger.ONE.shiftLeft(159), SIM_A, spki(1), T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> reservation(BigInteger.ZERO, SIM_A, spki(1), T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reserve_sameSerialTwice_isAConflict() {
    BigInteger serial = randomSerial();
    stores.certs().reserve(reservation(serial, SIM_A, spki(1), T0));

    assertThatThrownBy(() -> stores.certs().reserve(reservation(serial, SIM_B, spki(2), T0)))
        .isInstanceOf(StoreConflictException.class)
        .hasMessageContaining(serial.toString(16));
  }

  @Test
  void reserve_unknownCa_isAConflict() {
    CertificateReservation r =
        new CertificateReservation(
            randomSerial(),
            "ffff",
            SIM_A,
            null,
            "acme",
            spki(1),
            "CN=x",
            "device",
            T0,
            T0.plusSeconds(60),
            null);

    assertThatThrownBy(() -> stores.certs().reserve(r))
        .isInstanceOf(StoreConflictException.class)
        .hasMessageContaining("ffff");
  }

  @Test
  void markIssued_storesCertificateAndFirstOcspResponseTogether() {
    BigInteger serial = randomSerial();
    stores.certs().reserve(reservation(serial, SIM_A, spki(1), T0));

    AuditEvent event =
        stores
            .certs()
            .markIssued(serial, new byte[] {0x30, 0x01, 0x02}, good(serial, T0), issued(serial));

    CertificateRow row = stores.certs().find(serial).orElseThrow();
    assertThat(row.status()).isEqualTo(CertStatus.ISSUED);
    assertThat(stores.audit().list(AuditFilter.ALL, event.seq() - 1, 1))
        .singleElement()
        .satisfies(e -> assertThat(e.serial()).isEqualTo(serial));
    assertThat(row.certDer()).containsExactly(0x30, 0x01, 0x02);
    OcspResponseRow ocsp = stores.ocsp().find(serial).orElseThrow();
    assertThat(ocsp.certStatus()).isEqualTo(OcspCertStatus.GOOD);
    assertThat(ocsp.updatedAt()).isEqualTo(T0);
  }

  @Test
  void markIssued_auditInsertFails_certificateStaysReservedWithoutOcsp() {
    // A real fault in the real database: the audit table refuses this one event.
    stores
        .db()
        .dsl()
        .execute("ALTER TABLE audit_event ADD CONSTRAINT t_fault CHECK (detail <> 'boom')");
    BigInteger serial = randomSerial();
    stores.certs().reserve(reservation(serial, SIM_A, spki(1), T0));
    AuditEntry failing =
        AuditEntry.builder("enroll", "device", AuditOutcome.ALLOW)
            .serial(serial)
            .detail("boom")
            .build();

    assertThatThrownBy(
            () ->
                stores
                    .certs()
                    .markIssued(serial, new byte[] {0x30, 1, 2}, good(serial, T0), failing))
        .isInstanceOf(RuntimeException.class);

    assertThat(stores.certs().find(serial).orElseThrow().status()).isEqualTo(CertStatus.RESERVED);
    assertThat(stores.ocsp().find(serial)).as("no OCSP response without the audit event").isEmpty();
    assertThat(stores.audit().verify().ok()).isTrue();
    // Other issuances are not held back by the one that failed.
    BigInteger next = issue(SIM_A, spki(2), T0);
    assertThat(stores.certs().find(next).orElseThrow().status()).isEqualTo(CertStatus.ISSUED);
  }

  @Test
  void markIssued_notReserved_throwsAndWritesNothing() {
    BigInteger unknown = randomSerial();
    long before = stores.audit().verify().lastSeq();
    assertThatThrownBy(
            () ->
                stores
                    .certs()
                    .markIssued(unknown, new byte[] {1}, good(unknown, T0), issued(unknown)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(stores.ocsp().find(unknown)).isEmpty();
    assertThat(stores.audit().verify().lastSeq())
        .as("no event without its write")
        .isEqualTo(before);

    BigInteger issued = issue(SIM_A, spki(1), T0);
    byte[] other = {0x30, 0x09};
    assertThatThrownBy(
            () ->
                stores
                    .certs()
                    .markIssued(issued, other, good(issued, T0.plusSeconds(60)), issued(issued)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(stores.certs().find(issued).orElseThrow().certDer()).containsExactly(0x30, 1, 2);
    assertThat(stores.ocsp().find(issued).orElseThrow().thisUpdate()).isEqualTo(T0);
  }

  @Test
  void revokeAllForIccid_revokesOnlyUnexpiredIssuedCertificatesOfThatSim() {
    Instant now = T0.plus(Duration.ofDays(2));
    BigInteger expired = issue(SIM_A, spki(1), T0); // ended T0+24h
    BigInteger live1 = issue(SIM_A, spki(1), now.minus(Duration.ofHours(1)));
    BigInteger live2 = issue(SIM_A, spki(1), now.minus(Duration.ofHours(2)));
    BigInteger otherSim = issue(SIM_B, spki(2), now.minus(Duration.ofHours(1)));
    BigInteger reserved = randomSerial();
    stores.certs().reserve(reservation(reserved, SIM_A, spki(1), now));

    List<BigInteger> revoked = stores.certs().revokeAllForIccid(SIM_A, KEY_COMPROMISE, now, now);

    assertThat(revoked).containsExactlyInAnyOrder(live1, live2);
    CertificateRow row = stores.certs().find(live1).orElseThrow();
    assertThat(row.status()).isEqualTo(CertStatus.REVOKED);
    assertThat(row.revokedAt()).isEqualTo(now);
    assertThat(row.revocationReason()).isEqualTo(KEY_COMPROMISE);
    assertThat(stores.certs().find(expired).orElseThrow().status()).isEqualTo(CertStatus.ISSUED);
    assertThat(stores.certs().find(otherSim).orElseThrow().status()).isEqualTo(CertStatus.ISSUED);
    assertThat(stores.certs().find(reserved).orElseThrow().status()).isEqualTo(CertStatus.RESERVED);
    // A second call changes nothing and says so.
    assertThat(stores.certs().revokeAllForIccid(SIM_A, KEY_COMPROMISE, now, now)).isEmpty();
  }

  @Test
  void revoke_onlyIssuedCertificates_onceAndWithInvalidityDate() {
    BigInteger serial = issue(SIM_A, spki(1), T0);
    Instant at = T0.plus(Duration.ofHours(1));

    assertThat(stores.certs().revoke(serial, SUPERSEDED, at, Optional.of(T0))).isTrue();
    assertThat(stores.certs().revoke(serial, KEY_COMPROMISE, at, Optional.empty())).isFalse();
    BigInteger reserved = randomSerial();
    stores.certs().reserve(reservation(reserved, SIM_A, spki(1), T0));
    assertThat(stores.certs().revoke(reserved, SUPERSEDED, at, Optional.empty())).isFalse();
    assertThat(stores.certs().revoke(randomSerial(), SUPERSEDED, at, Optional.empty())).isFalse();

    CertificateRow row = stores.certs().find(serial).orElseThrow();
    assertThat(row.revocationReason()).isEqualTo(SUPERSEDED);
    assertThat(row.invalidityDate()).isEqualTo(T0);
    assertThatThrownBy(() -> stores.certs().revoke(serial, 7, at, Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void revokedSince_seesOnlyRevocationsAtOrAfterTheInstant() {
    BigInteger serial = issue(SIM_A, spki(1), T0);
    Instant at = T0.plus(Duration.ofHours(1));
    assertThat(stores.certs().revokedSince(CA_ID, T0)).isFalse();

    stores.certs().revoke(serial, SUPERSEDED, at, Optional.empty());

    assertThat(stores.certs().revokedSince(CA_ID, at)).isTrue();
    assertThat(stores.certs().revokedSince(CA_ID, at.plusSeconds(1))).isFalse();
    assertThat(stores.certs().revokedSince("other-ca", T0)).isFalse();
  }

  @Test
  void countIssuedSince_countsReservedAndIssuedOfTheSimInTheWindow() {
    issue(SIM_A, spki(1), T0);
    clock.advance(Duration.ofHours(2));
    issue(SIM_A, spki(1), T0);
    stores.certs().reserve(reservation(randomSerial(), SIM_A, spki(1), T0));
    issue(SIM_B, spki(2), T0);

    assertThat(stores.certs().countIssuedSince(SIM_A, T0.plus(Duration.ofHours(1)))).isEqualTo(2);
    assertThat(stores.certs().countIssuedSince(SIM_A, T0)).isEqualTo(3);
    assertThat(stores.certs().countIssuedSince("8988211000000000099", T0)).isZero();
  }

  @Test
  void spkiCertifiedForOtherSim_detectsKeyReuseAcrossSims() {
    issue(SIM_A, spki(1), T0);
    BigInteger operator = randomSerial();
    stores
        .certs()
        .reserve(
            new CertificateReservation(
                operator,
                CA_ID,
                null,
                null,
                null,
                spki(3),
                "CN=op",
                "operator",
                T0,
                T0.plusSeconds(3600),
                null));

    assertThat(stores.certs().spkiCertifiedForOtherSim(spki(1), SIM_A)).isFalse();
    assertThat(stores.certs().spkiCertifiedForOtherSim(spki(1), SIM_B)).isTrue();
    assertThat(stores.certs().spkiCertifiedForOtherSim(spki(2), SIM_B)).isFalse();
    assertThat(stores.certs().spkiCertifiedForOtherSim(spki(3), SIM_A)).isTrue();
  }

  @Test
  void forEachRevoked_streamsRevokedUnexpiredOfTheCa() {
    Instant now = T0.plus(Duration.ofHours(30));
    BigInteger expiredRevoked = issue(SIM_A, spki(1), T0);
    stores.certs().revoke(expiredRevoked, KEY_COMPROMISE, T0.plusSeconds(10), Optional.empty());
    List<BigInteger> live = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      BigInteger s = issue(SIM_B, spki(2), now.minus(Duration.ofHours(1)));
      live.add(s);
      stores.certs().revoke(s, SUPERSEDED, now, Optional.of(now.minusSeconds(5)));
    }
    issue(SIM_B, spki(2), now.minus(Duration.ofHours(1))); // issued, not revoked

    List<RevokedEntry> entries = new ArrayList<>();
    stores.certs().forEachRevoked(CA_ID, now, entries::add);

    assertThat(entries).extracting(RevokedEntry::serial).containsExactlyInAnyOrderElementsOf(live);
    assertThat(entries)
        .allSatisfy(
            e -> {
              assertThat(e.reasonCode()).isEqualTo(SUPERSEDED);
              assertThat(e.revokedAt()).isEqualTo(now);
              assertThat(e.invalidityDate()).isEqualTo(now.minusSeconds(5));
            });
    assertThat(stores.certs().revokedUnexpired(CA_ID, now)).isEqualTo(entries);
    assertThat(stores.certs().revokedUnexpired("ffff", now)).isEmpty();
  }

  @Test
  void list_filtersAndCountByStatus() {
    BigInteger a = issue(SIM_A, spki(1), T0);
    clock.advance(Duration.ofSeconds(1));
    BigInteger b = issue(SIM_A, spki(1), T0);
    stores.certs().revoke(a, SUPERSEDED, T0, Optional.empty());
    clock.advance(Duration.ofSeconds(1));
    BigInteger c = randomSerial();
    stores.certs().reserve(reservation(c, SIM_B, spki(2), T0));

    assertThat(stores.certs().list(CertFilter.ALL.withIccid(SIM_A), 0, 10))
        .extracting(CertificateRow::serial)
        .containsExactly(b, a);
    assertThat(stores.certs().list(CertFilter.ALL.withStatus(CertStatus.REVOKED), 0, 10))
        .extracting(CertificateRow::serial)
        .containsExactly(a);
    assertThat(stores.certs().list(CertFilter.ALL.withCaId(CA_ID), 1, 1))
        .extracting(CertificateRow::serial)
        .containsExactly(b);
    assertThat(stores.certs().countByStatus(null))
        .containsEntry(CertStatus.ISSUED, 1L)
        .containsEntry(CertStatus.REVOKED, 1L)
        .containsEntry(CertStatus.RESERVED, 1L);
    assertThat(stores.certs().countByStatus("ffff")).containsEntry(CertStatus.ISSUED, 0L);
  }

  @Test
  void staleReservations_listsReservationsNeverIssued() {
    BigInteger stale = randomSerial();
    stores.certs().reserve(reservation(stale, SIM_A, spki(1), T0));
    issue(SIM_A, spki(1), T0);
    clock.advance(Duration.ofMinutes(10));
    stores.certs().reserve(reservation(randomSerial(), SIM_A, spki(1), T0));

    assertThat(stores.certs().staleReservations(T0.plus(Duration.ofMinutes(5)), 10))
        .extracting(CertificateRow::serial)
        .containsExactly(stale);
  }
}
