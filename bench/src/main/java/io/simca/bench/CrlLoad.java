package io.simca.bench;

import static io.simca.ca.store.jooq.Tables.CERTIFICATE;

import io.simca.ca.crl.CrlGenerator;
import io.simca.ca.crypto.CryptoProviders;
import io.simca.ca.hierarchy.DataDir;
import io.simca.ca.hierarchy.IssuingCa;
import io.simca.ca.hierarchy.LoadedHierarchy;
import io.simca.ca.ocsp.OcspPresigner;
import io.simca.ca.ocsp.OcspResponseSigner;
import io.simca.ca.pki.DeviceProfileSettings;
import io.simca.ca.store.OcspResponseRow;
import io.simca.ca.store.RevokedEntry;
import io.simca.ca.store.StoreSettings;
import io.simca.ca.store.Stores;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.jooq.BatchBindStep;

/**
 * Bulk revocations for scripts/bench-crl, written straight into a node's store (the EST path would
 * take minutes for a million): {@code fill} inserts N revoked device certificates of the default
 * CA, each with its pre-signed {@code revoked} OCSP response exactly as a revocation leaves it
 * (real signatures, so the node's start-up load and heap are the real thing). Revocation times are
 * spread at random over the last 24 hours (each certificate issued a minute before its revocation,
 * valid 24 h), the window a CRL of 24-hour certificates spans; {@code crl} times CRL generation
 * (stream from the store, build, sign) as the server's CrlService runs it.
 *
 * <p>Usage: {@code CrlLoad fill DATA_DIR STORE_URL|"" N} and {@code CrlLoad crl DATA_DIR
 * STORE_URL|"" RUNS}.
 */
public final class CrlLoad {

  private static final int BATCH = 5_000;

  public static void main(String[] args) throws Exception {
    DataDir dir = DataDir.of(Path.of(args[1]));
    StoreSettings settings =
        args[2].isEmpty() ? StoreSettings.h2(dir.root()) : StoreSettings.of(args[2]);
    IssuingCa ca = LoadedHierarchy.load(dir).byLabel("default").orElseThrow();
    Stores stores = Stores.open(settings);
    try {
      switch (args[0]) {
        case "fill" -> fill(stores, ca, Integer.parseInt(args[3]));
        case "crl" -> crl(stores, ca, Integer.parseInt(args[3]));
        default -> throw new IllegalArgumentException("fill or crl");
      }
    } finally {
      stores.close();
    }
  }

  private static void fill(Stores stores, IssuingCa ca, int n) {
    OcspPresigner presigner =
        new OcspPresigner(new OcspResponseSigner(CryptoProviders.get()), Duration.ofHours(4));
    SecureRandom random = new SecureRandom();
    Instant now = Instant.now();
    OffsetDateTime ts = now.atOffset(ZoneOffset.UTC);
    long t0 = System.nanoTime();
    for (int done = 0; done < n; done += BATCH) {
      int size = Math.min(BATCH, n - done);
      // Same serial shape as issuance: 16 random bytes, positive (RFC 5280 §4.1.2.2).
      List<BigInteger> serials = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[0] &= 0x7f;
        b[0] |= 0x01;
        serials.add(new BigInteger(1, b));
      }
      int base = done;
      long[] revokedAgo = random.longs(size, 1, 86_000).toArray();
      List<OcspResponseRow> responses =
          IntStream.range(0, size)
              .parallel()
              .mapToObj(
                  i ->
                      presigner.revoked(
                          ca,
                          serials.get(i),
                          now.minusSeconds(revokedAgo[i]),
                          1 + ((base + i) % 5),
                          now))
              .toList();
      stores
          .db()
          .inTransactionRun(
              ctx -> {
                BatchBindStep batch =
                    ctx.batch(
                        ctx.insertInto(
                                CERTIFICATE,
                                CERTIFICATE.SERIAL,
                                CERTIFICATE.CA_ID,
                                CERTIFICATE.ICCID,
                                CERTIFICATE.SPKI_SHA256,
                                CERTIFICATE.SUBJECT,
                                CERTIFICATE.PROFILE,
                                CERTIFICATE.STATUS,
                                CERTIFICATE.NOT_BEFORE,
                                CERTIFICATE.NOT_AFTER,
                                CERTIFICATE.REVOKED_AT,
                                CERTIFICATE.REVOCATION_REASON,
                                CERTIFICATE.CREATED_AT)
                            .values(
                                (String) null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null));
                for (int i = 0; i < size; i++) {
                  String iccid = EnrollLoad.iccid(base + i);
                  OffsetDateTime revokedAt = ts.minusSeconds(revokedAgo[i]);
                  batch.bind(
                      serials.get(i).toString(16),
                      ca.keyId(),
                      iccid,
                      "%064x".formatted(base + i),
                      "CN=" + iccid,
                      "device",
                      "revoked",
                      revokedAt.minusMinutes(1),
                      revokedAt.minusMinutes(1).plusHours(24),
                      revokedAt,
                      1 + ((base + i) % 5),
                      revokedAt.minusMinutes(1));
                }
                batch.execute();
              });
      stores.ocsp().upsertAll(responses);
      if ((done / BATCH) % 20 == 19) {
        System.err.printf("  %,d rows%n", done + size);
      }
    }
    System.out.printf(
        "inserted %,d revoked certificates with signed OCSP responses in %.1f s%n",
        n, (System.nanoTime() - t0) / 1e9);
  }

  private static void crl(Stores stores, IssuingCa ca, int runs) {
    CrlGenerator generator = new CrlGenerator(CryptoProviders.get());
    URI idp =
        DeviceProfileSettings.defaults(URI.create("http://127.0.0.1:8080"), ca.label()).crlUrl();
    for (int run = 1; run <= runs; run++) {
      System.gc();
      long s0 = System.nanoTime();
      List<RevokedEntry> rows = new ArrayList<>();
      stores.certs().forEachRevoked(ca.keyId(), Instant.now(), rows::add);
      long streamMs = (System.nanoTime() - s0) / 1_000_000;
      long b0 = System.nanoTime();
      Instant at = Instant.now();
      CrlGenerator.Generated fromMemory =
          generator.generate(
              ca, idp, run, at, at.plus(Duration.ofHours(24)), sink -> rows.forEach(sink));
      System.out.printf(
          "  store stream alone: %,d rows in %,d ms; build + sign alone: %,d ms%n",
          rows.size(), streamMs, (System.nanoTime() - b0) / 1_000_000);
      rows.clear();
      System.gc();
      long t0 = System.nanoTime();
      Instant now = Instant.now();
      CrlGenerator.Generated crl =
          generator.generate(
              ca,
              idp,
              run,
              now,
              now.plus(Duration.ofHours(24)),
              sink -> stores.certs().forEachRevoked(ca.keyId(), now, sink));
      System.out.printf(
          "CRL generation run %d: %,d entries, %,d bytes, %,d ms (stream from store + build + sign)%n",
          run, crl.entries(), crl.der().length, (System.nanoTime() - t0) / 1_000_000);
    }
  }
}
