package io.simca.ca.ocsp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.simca.ca.store.OcspCertStatus;
import io.simca.ca.store.OcspResponseRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.BasicOCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.OCSPResponse;
import org.bouncycastle.asn1.ocsp.OCSPResponseStatus;
import org.bouncycastle.asn1.ocsp.ResponseBytes;

/**
 * The node's in-memory copy of every current pre-signed response (RFC 5019 §2.2: served from
 * memory), keyed by serial, plus the on-demand SHA-256 CertID responses derived from them.
 *
 * <p>Why the odd storage: a pre-signed response is ~800 bytes, of which ~550 are the responder
 * certificate every response of a CA repeats. Entries keep its producedAt, and the
 * BasicOCSPResponse <em>without</em> its certs (the signature covers only tbsResponseData, RFC 6960
 * §4.2.1, so dropping and re-adding the certs keeps it valid) and a 2-byte index into a small table
 * of interned cert blocks; the full DER is re-assembled with Bouncy Castle on a miss. That keeps a
 * million responses near 300 MB of heap. Values are plain byte arrays: no per-entry object graph.
 *
 * <p>Re-assembly (parse, re-encode, read the window) costs ~20 us, more than the rest of an OCSP
 * hit, so the most requested responses are also kept assembled in a bounded hot set ({@value
 * #HOT_ENTRIES} entries, ~1 KB each). A hot entry remembers the packed array it was built from and
 * is used only while that array is still the current one, so a re-signed or revoked response is
 * never answered from a stale hot entry.
 *
 * <p>Thread-safe; never blocks.
 */
public final class OcspCache {

  private static final int NO_CERTS = 0xFFFF;
  static final int HOT_ENTRIES = 50_000;

  /** An assembled response and the packed entry it came from (identity is the freshness check). */
  private record Hot(byte[] source, PresignedResponse response) {}

  private final ConcurrentHashMap<SerialKey, byte[]> presigned = new ConcurrentHashMap<>(1 << 16);

  /**
   * Full DER of SHA-256 CertID responses signed on demand; dropped when the pre-signed one changes.
   */
  private final ConcurrentHashMap<SerialKey, byte[]> sha256 = new ConcurrentHashMap<>();

  private final CopyOnWriteArrayList<ASN1Sequence> certBlocks = new CopyOnWriteArrayList<>();
  private final Map<ASN1Sequence, Integer> certBlockIndex = new HashMap<>();
  private final Cache<SerialKey, Hot> hot =
      Caffeine.newBuilder().maximumSize(HOT_ENTRIES).executor(Runnable::run).build();

  /**
   * Puts a freshly committed (or polled) response; the issuance and revocation hook. The change
   * follower may deliver a row it read just before a revocation committed after the revocation's
   * own put, so a {@code good} response never replaces a {@code revoked} one (revocation is final:
   * simca never uses certificateHold), and among responses of the same status an older producedAt
   * never replaces a newer one.
   */
  public void put(OcspResponseRow row) {
    SerialKey key =
        SerialKey.of(row.serial())
            .orElseThrow(() -> new IllegalArgumentException("serial out of range"));
    byte[] packed =
        pack(
            row.responseDer(),
            row.producedAt().toEpochMilli(),
            row.certStatus() == OcspCertStatus.REVOKED);
    byte[][] replaced = new byte[1][];
    byte[] now =
        presigned.compute(
            key,
            (k, old) -> {
              if (old != null
                  && (revoked(old) && !revoked(packed)
                      || revoked(old) == revoked(packed) && producedAt(old) > producedAt(packed))) {
                return old;
              }
              replaced[0] = old;
              return packed;
            });
    if (now != packed) {
      return;
    }
    hot.invalidate(key);
    if (replaced[0] == null || !Arrays.equals(unpackCore(replaced[0]), unpackCore(packed))) {
      sha256.remove(key);
    }
  }

  public void remove(BigInteger serial) {
    SerialKey.of(serial)
        .ifPresent(
            k -> {
              presigned.remove(k);
              hot.invalidate(k);
              sha256.remove(k);
            });
  }

  /** The pre-signed response of {@code serial}, parsed and re-assembled, if cached. */
  public Optional<PresignedResponse> get(BigInteger serial) {
    return SerialKey.of(serial).flatMap(this::get);
  }

  private Optional<PresignedResponse> get(SerialKey key) {
    byte[] packed = presigned.get(key);
    if (packed == null) {
      return Optional.empty();
    }
    Hot h = hot.getIfPresent(key);
    if (h != null && h.source() == packed) {
      return Optional.of(h.response());
    }
    PresignedResponse assembled = unpack(packed);
    hot.put(key, new Hot(packed, assembled));
    return Optional.of(assembled);
  }

  public int size() {
    return presigned.size();
  }

  /** An on-demand SHA-256 CertID response (full DER) kept until the pre-signed one changes. */
  public Optional<byte[]> getSha256(BigInteger serial) {
    return SerialKey.of(serial).map(sha256::get);
  }

  /** Keeps {@code der} only while the pre-signed response it was derived from is still current. */
  public void putSha256(BigInteger serial, PresignedResponse derivedFrom, byte[] der) {
    SerialKey.of(serial)
        .ifPresent(
            k -> {
              sha256.put(k, der);
              byte[] now = presigned.get(k);
              if (now == null || !Arrays.equals(unpackCore(now), derivedFrom.core())) {
                sha256.remove(k, der); // the pre-signed response changed while we signed
              }
            });
  }

  // Entry layout (big endian): 8 bytes producedAt (epoch ms) and 1 byte revoked flag, for
  // ordering puts; 2 bytes cert-block index; then the DER BasicOCSPResponse without certs.
  private static final int HEADER = 11;

  byte[] pack(byte[] ocspResponseDer, long producedAtMillis, boolean revoked) {
    try {
      OCSPResponse resp = OCSPResponse.getInstance(ocspResponseDer);
      BasicOCSPResponse basic =
          BasicOCSPResponse.getInstance(resp.getResponseBytes().getResponse().getOctets());
      byte[] core =
          new BasicOCSPResponse(
                  basic.getTbsResponseData(),
                  basic.getSignatureAlgorithm(),
                  basic.getSignature(),
                  null)
              .getEncoded(ASN1Encoding.DER);
      int idx = basic.getCerts() == null ? NO_CERTS : intern(basic.getCerts());
      byte[] out = new byte[core.length + HEADER];
      ByteBuffer.wrap(out)
          .putLong(producedAtMillis)
          .put((byte) (revoked ? 1 : 0))
          .putShort((short) idx)
          .put(core);
      return out;
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a successful BasicOCSPResponse", e);
    }
  }

  private synchronized int intern(ASN1Sequence certs) {
    Integer idx = certBlockIndex.get(certs);
    if (idx == null) {
      idx = certBlocks.size();
      if (idx >= NO_CERTS) {
        throw new IllegalStateException("too many distinct responder certificates");
      }
      certBlocks.add(certs);
      certBlockIndex.put(certs, idx);
    }
    return idx;
  }

  private static byte[] unpackCore(byte[] packed) {
    return Arrays.copyOfRange(packed, HEADER, packed.length);
  }

  private static long producedAt(byte[] packed) {
    return ByteBuffer.wrap(packed).getLong(0);
  }

  private static boolean revoked(byte[] packed) {
    return packed[8] != 0;
  }

  private PresignedResponse unpack(byte[] packed) {
    try (ASN1InputStream in =
        new ASN1InputStream(new ByteArrayInputStream(packed, HEADER, packed.length - HEADER))) {
      BasicOCSPResponse core = BasicOCSPResponse.getInstance(in.readObject());
      int idx = ByteBuffer.wrap(packed).getShort(9) & 0xFFFF;
      ASN1Sequence certs = idx == NO_CERTS ? null : certBlocks.get(idx);
      BasicOCSPResponse full =
          new BasicOCSPResponse(
              core.getTbsResponseData(), core.getSignatureAlgorithm(), core.getSignature(), certs);
      byte[] der =
          new OCSPResponse(
                  new OCSPResponseStatus(OCSPResponseStatus.SUCCESSFUL),
                  new ResponseBytes(
                      OCSPObjectIdentifiers.id_pkix_ocsp_basic,
                      new DEROctetString(full.getEncoded(ASN1Encoding.DER))))
              .getEncoded(ASN1Encoding.DER);
      return PresignedResponse.of(der, core, unpackCore(packed));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
