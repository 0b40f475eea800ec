package io.simca.ca.audit;

import io.simca.ca.store.AuditEvent;
import io.simca.ca.store.AuditFilter;
import io.simca.ca.store.AuditLog;
import io.simca.ca.store.VerifyResult;
import io.simca.est.attest.PemKeys;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signed checkpoints of the audit chain's head, kept outside the database: the hash chain alone
 * cannot tell that its newest events were deleted (and the head moved back) or that it was
 * rewritten whole, since both leave a consistent chain. A checkpoint {@code (seq, hash, at)} is
 * signed with a key the database does not hold ({@code <data>/audit/checkpoint.key}, 0600) and
 * appended to {@code <data>/audit/checkpoints.jsonl}; {@link #check} then requires the chain to
 * reach the newest checkpoint's seq with that very hash. Written on a schedule and at shutdown.
 */
public final class AuditCheckpoints {

  private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpoints.class);
  private static final String ALG = "SHA256withECDSA";

  /** One signed statement: the chain had event {@code seq} with {@code hash} at {@code at}. */
  public record Checkpoint(long seq, String hash, Instant at) {}

  private final Path file;
  private final PrivateKey key;
  private final PublicKey publicKey;
  private final Clock clock;

  /** The newest checkpoint this node wrote or read, so the schedule does not re-read the file. */
  private Optional<Checkpoint> newestKnown;

  private AuditCheckpoints(Path file, PrivateKey key, PublicKey publicKey, Clock clock) {
    this.file = file;
    this.key = key;
    this.publicKey = publicKey;
    this.clock = clock;
    this.newestKnown = latest();
  }

  /** Opens the checkpoint folder {@code dir}, making its key pair on first use. */
  public static AuditCheckpoints open(Path dir, Clock clock) {
    try {
      Files.createDirectories(dir);
      Path keyFile = dir.resolve("checkpoint.key");
      Path pubFile = dir.resolve("checkpoint.pem");
      if (!Files.exists(keyFile)) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        PemKeys.writePrivateKey(keyFile, kp.getPrivate());
        PemKeys.writePublicKey(pubFile, kp.getPublic());
      }
      return new AuditCheckpoints(
          dir.resolve("checkpoints.jsonl"),
          PemKeys.readPrivateKey(keyFile),
          PemKeys.readPublicKey(pubFile),
          clock);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot open the audit checkpoint key in " + dir, e);
    }
  }

  /**
   * Signs the chain's current head if it moved past the newest checkpoint; blocking (JDBC, file).
   *
   * @return the checkpoint written, or empty when there was nothing new
   */
  public synchronized Optional<Checkpoint> writeIfMoved(AuditLog log) {
    Optional<AuditEvent> head = log.newest();
    if (head.isEmpty()) {
      return Optional.empty();
    }
    if (newestKnown.isPresent() && newestKnown.get().seq() >= head.get().seq()) {
      return Optional.empty();
    }
    Checkpoint cp = new Checkpoint(head.get().seq(), head.get().hash(), clock.instant());
    JsonObject line =
        new JsonObject()
            .put("seq", cp.seq())
            .put("hash", cp.hash())
            .put("at", cp.at().toString())
            .put("sig", Base64.getEncoder().encodeToString(sign(statement(cp))));
    try {
      if (!Files.exists(file)) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(file, line.encode() + "\n", StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write audit checkpoint " + file, e);
    }
    newestKnown = Optional.of(cp);
    return newestKnown;
  }

  /** The newest checkpoint whose signature verifies; lines that do not verify are ignored. */
  public Optional<Checkpoint> latest() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        try {
          JsonObject o = new JsonObject(lines.get(i));
          Checkpoint cp =
              new Checkpoint(
                  o.getLong("seq"), o.getString("hash"), Instant.parse(o.getString("at")));
          if (verify(statement(cp), Base64.getDecoder().decode(o.getString("sig")))) {
            return Optional.of(cp);
          }
          LOG.warn("audit checkpoint line {} of {} has a bad signature: ignored", i + 1, file);
        } catch (RuntimeException e) {
          LOG.warn("audit checkpoint line {} of {} unreadable: ignored", i + 1, file);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read audit checkpoints " + file, e);
    }
  }

  /** {@code chain} (a verified walk) held against the newest checkpoint. */
  public VerifyResult check(VerifyResult chain, AuditLog log) {
    if (!chain.ok()) {
      return chain;
    }
    Optional<Checkpoint> cp = latest();
    if (cp.isEmpty()) {
      return chain;
    }
    Checkpoint c = cp.get();
    if (chain.lastSeq() < c.seq()) {
      return new VerifyResult(
          chain.checked(),
          chain.lastSeq(),
          Optional.of(
              new VerifyResult.Break(
                  chain.lastSeq() + 1,
                  VerifyResult.Problem.BEHIND_CHECKPOINT,
                  "the chain ends at event "
                      + chain.lastSeq()
                      + " but a checkpoint signed at "
                      + c.at()
                      + " saw event "
                      + c.seq()
                      + ": events were removed from the end")));
    }
    Optional<AuditEvent> atSeq = log.list(AuditFilter.ALL, c.seq() - 1, 1).stream().findFirst();
    if (atSeq.isEmpty() || atSeq.get().seq() != c.seq() || !atSeq.get().hash().equals(c.hash())) {
      return new VerifyResult(
          chain.checked(),
          chain.lastSeq(),
          Optional.of(
              new VerifyResult.Break(
                  c.seq(),
                  VerifyResult.Problem.DIFFERS_FROM_CHECKPOINT,
                  "event "
                      + c.seq()
                      + " is not the one a checkpoint signed at "
                      + c.at()
                      + " saw: the chain was rewritten")));
    }
    return chain;
  }

  private static byte[] statement(Checkpoint cp) {
    return ("simca-audit-checkpoint|" + cp.seq() + "|" + cp.hash() + "|" + cp.at())
        .getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] sign(byte[] data) {
    try {
      Signature s = Signature.getInstance(ALG);
      s.initSign(key);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign an audit checkpoint", e);
    }
  }

  private boolean verify(byte[] data, byte[] sig) {
    try {
      Signature s = Signature.getInstance(ALG);
      s.initVerify(publicKey);
      s.update(data);
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
