package io.simca.est.attest;

import io.simca.est.codec.EstRequestException;
import io.simca.est.codec.SubjectKeyType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Trusted attester keys read from {@code <kid>.pem} files (SPKI PEM) in one or more folders, e.g.
 * {@code <data>/attesters/} then {@code config/attesters/} (DESIGN.md).
 *
 * <p>Rules: the kid is the file name without {@code .pem} and must match {@code
 * [A-Za-z0-9][A-Za-z0-9._-]{0,63}}; other files are ignored; missing folders are skipped; <b>the
 * first folder that defines a kid wins</b> (a later duplicate is ignored and noted in {@link
 * #problems()}); the issuer is the kid unless {@code issuers} maps it; only keys usable for ES256,
 * ES384 or EdDSA (P-256, P-384, Ed25519) are loaded. A file that cannot be used is skipped and
 * described in {@link #problems()}, so one bad file never disables the others. Nothing is logged
 * here; the server logs {@code problems()}.
 *
 * <p>{@link #reload()} swaps in a complete new snapshot atomically, so concurrent {@link #find}
 * calls see either the old or the new set, never a mix.
 */
public final class PemAttesterDirectory implements AttesterDirectory {

  private static final Pattern KID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final long MAX_FILE_BYTES = 64 * 1024;
  private static final Set<SubjectKeyType> ATTESTER_KEYS =
      EnumSet.of(SubjectKeyType.EC_P256, SubjectKeyType.EC_P384, SubjectKeyType.ED25519);

  private record Snapshot(Map<String, TrustedAttester> attesters, List<String> problems) {}

  private final List<Path> dirs;
  private final Map<String, String> issuers;
  private volatile Snapshot snapshot;

  private PemAttesterDirectory(List<Path> dirs, Map<String, String> issuers) {
    this.dirs = List.copyOf(dirs);
    this.issuers = Map.copyOf(issuers);
    this.snapshot = scan();
  }

  /**
   * Loads every {@code <kid>.pem} under {@code dirs} (first folder wins).
   *
   * @param issuers kid to expected {@code iss}; kids not in the map expect {@code iss == kid}
   */
  public static PemAttesterDirectory load(List<Path> dirs, Map<String, String> issuers) {
    return new PemAttesterDirectory(dirs, issuers);
  }

  /** {@link #load(List, Map)} with every issuer equal to its kid. */
  public static PemAttesterDirectory load(List<Path> dirs) {
    return new PemAttesterDirectory(dirs, Map.of());
  }

  /** Re-reads the folders (call it when they change) and replaces the trusted set. */
  public synchronized void reload() {
    snapshot = scan();
  }

  @Override
  public Optional<TrustedAttester> find(String kid) {
    return kid == null ? Optional.empty() : Optional.ofNullable(snapshot.attesters().get(kid));
  }

  /** The kids currently trusted, sorted. */
  public Set<String> kids() {
    return Collections.unmodifiableSet(new TreeSet<>(snapshot.attesters().keySet()));
  }

  /** Files skipped by the last load, one short line each (path and reason, never key material). */
  public List<String> problems() {
    return snapshot.problems();
  }

  private Snapshot scan() {
    Map<String, TrustedAttester> found = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Path dir : dirs) {
      if (!Files.exists(dir)) {
        continue;
      }
      if (!Files.isDirectory(dir)) {
        problems.add(dir + ": not a directory");
        continue;
      }
      for (Path file : pemFiles(dir, problems)) {
        String name = file.getFileName().toString();
        String kid = name.substring(0, name.length() - ".pem".length());
        if (!KID.matcher(kid).matches()) {
          problems.add(file + ": file name is not a valid kid");
        } else if (found.containsKey(kid)) {
          problems.add(file + ": ignored, kid " + kid + " already loaded from an earlier folder");
        } else {
          readKey(file, problems)
              .ifPresent(
                  key ->
                      found.put(
                          kid, new TrustedAttester(kid, issuers.getOrDefault(kid, kid), key)));
        }
      }
    }
    return new Snapshot(Collections.unmodifiableMap(found), List.copyOf(problems));
  }

  private static List<Path> pemFiles(Path dir, List<String> problems) {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.pem")) {
      for (Path file : stream) {
        if (Files.isRegularFile(file)) {
          files.add(file);
        }
      }
    } catch (IOException e) {
      problems.add(dir + ": cannot list (" + e.getClass().getSimpleName() + ")");
    }
    files.sort(null); // deterministic order, so problems() is stable
    return files;
  }

  private static Optional<PublicKey> readKey(Path file, List<String> problems) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        problems.add(file + ": larger than 64 KiB");
        return Optional.empty();
      }
      PublicKey key = PemKeys.readPublicKey(Files.readString(file, StandardCharsets.ISO_8859_1));
      SubjectKeyType type = SubjectKeyType.of(key);
      if (!ATTESTER_KEYS.contains(type)) {
        problems.add(file + ": attester keys must be P-256, P-384 or Ed25519, not " + type);
        return Optional.empty();
      }
      return Optional.of(key);
    } catch (IOException e) {
      problems.add(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
    } catch (IllegalArgumentException | EstRequestException e) {
      problems.add(file + ": " + e.getMessage());
    }
    return Optional.empty();
  }
}
