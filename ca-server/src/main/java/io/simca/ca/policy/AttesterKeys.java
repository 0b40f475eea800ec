package io.simca.ca.policy;

import io.simca.ca.hierarchy.DataDir;
import io.simca.est.attest.AttesterDirectory;
import io.simca.est.attest.PemAttesterDirectory;
import io.simca.est.attest.TrustedAttester;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trusted attester keys of a running node: {@code <kid>.pem} files in {@code <data>/attesters/}
 * and {@code <simca.home>/config/attesters/} (DESIGN.md "SIM attestation token"), re-read when a
 * folder changes. Changes are noticed two ways: a poll ({@link #reloadIfChanged()}, every ~2 s from
 * a timer) and, so that a freshly dropped key works at once, before answering "unknown kid" when
 * the folders changed since the last load. That second way is open to anyone who can send a token
 * with a made-up kid, so it runs at most once per {@link #ON_DEMAND_GAP}: a flood of unknown kids
 * costs a few folder scans a second, not one per request (issue 19).
 *
 * <p>Change detection compares a fingerprint of the folders (existence, and name, size and
 * modification time of every {@code .pem}); reading keys happens only when it differs.
 */
public final class AttesterKeys implements AttesterDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(AttesterKeys.class);

  /** Shortest time between two scans caused by an unknown kid. */
  static final long ON_DEMAND_GAP_NANOS = 250_000_000L;

  private final List<Path> dirs;
  private final PemAttesterDirectory directory;
  private volatile String fingerprint;
  private final java.util.concurrent.atomic.AtomicLong lastOnDemand =
      new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - ON_DEMAND_GAP_NANOS);
  private final java.util.concurrent.atomic.AtomicLong scans =
      new java.util.concurrent.atomic.AtomicLong();

  private AttesterKeys(List<Path> dirs, Map<String, String> issuers) {
    this.dirs = List.copyOf(dirs);
    this.fingerprint = fingerprint(this.dirs);
    this.directory = PemAttesterDirectory.load(this.dirs, issuers);
    report();
  }

  /**
   * Loads the keys in {@code dirs} (first folder wins for a kid; missing folders are skipped).
   *
   * @param issuers {@code policy.attesters}: kid to expected {@code iss}; others expect iss = kid
   */
  public static AttesterKeys load(List<Path> dirs, Map<String, String> issuers) {
    return new AttesterKeys(dirs, issuers);
  }

  /**
   * The folders of a node: {@code <data>/attesters} and {@code <simca.home>/config/attesters},
   * where the system property {@code simca.home} defaults to the working directory.
   */
  public static List<Path> defaultDirs(DataDir dataDir) {
    Path home = Path.of(System.getProperty("simca.home", ""));
    return List.of(
        dataDir.attestersDir(),
        home.resolve("config").resolve("attesters").toAbsolutePath().normalize());
  }

  @Override
  public Optional<TrustedAttester> find(String kid) {
    Optional<TrustedAttester> found = directory.find(kid);
    if (found.isEmpty() && onDemandScanAllowed() && reloadIfChanged()) {
      found = directory.find(kid);
    }
    return found;
  }

  /**
   * Re-reads the folders if they changed since the last load; true if it reloaded. Blocking file
   * I/O.
   */
  public synchronized boolean reloadIfChanged() {
    scans.incrementAndGet();
    String now = fingerprint(dirs);
    if (now.equals(fingerprint)) {
      return false;
    }
    fingerprint = now;
    directory.reload();
    report();
    return true;
  }

  /** Folder scans so far (poll and on demand), for tests and metrics. */
  long scans() {
    return scans.get();
  }

  private boolean onDemandScanAllowed() {
    long now = System.nanoTime();
    long last = lastOnDemand.get();
    return now - last >= ON_DEMAND_GAP_NANOS && lastOnDemand.compareAndSet(last, now);
  }

  /** The kids currently trusted. */
  public java.util.Set<String> kids() {
    return directory.kids();
  }

  private void report() {
    LOG.info("trusted attesters: {}", directory.kids());
    directory.problems().forEach(p -> LOG.warn("attester key skipped: {}", p));
  }

  private static String fingerprint(List<Path> dirs) {
    StringBuilder b = new StringBuilder();
    for (Path dir : dirs) {
      b.append(dir).append('|');
      if (!Files.isDirectory(dir)) {
        b.append("absent;");
        continue;
      }
      List<String> entries = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pem")) {
        for (Path f : files) {
          BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
          entries.add(f.getFileName() + ":" + a.size() + ":" + a.lastModifiedTime().toInstant());
        }
      } catch (IOException e) {
        entries.add("unreadable:" + e.getClass().getSimpleName());
      }
      entries.sort(null);
      b.append(String.join(",", entries)).append(';');
    }
    return b.toString();
  }
}
