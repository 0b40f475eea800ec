package io.simca.attester.session;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session table on disk, so that sessions survive an attester restart: one JSON line per change
 * ({@code put} or {@code del}), appended and forced to disk before the Accounting-Response goes
 * out, because RFC 2866 §2 allows a response only once the packet is recorded. At start the journal
 * is replayed and rewritten with the live sessions only; it is rewritten again when dead lines
 * outnumber live ones. 0600: it maps IMSIs and IMEIs to addresses.
 *
 * <p>A torn last line (a crash mid-write) is skipped: its packet was never answered, so the NAS
 * retransmits it (RFC 2866 §2).
 */
public final class SessionJournal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SessionJournal.class);
  private static final int MIN_COMPACT_LINES = 10_000;

  private final Path file;
  private FileChannel out;
  private long lines;

  public SessionJournal(Path file) {
    this.file = file;
  }

  /** The sessions the journal holds, in their last state (expired ones included). */
  synchronized List<Session> replay() {
    Map<InetAddress, Session> sessions = new LinkedHashMap<>();
    if (Files.exists(file)) {
      try {
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          lineNo++;
          if (line.isBlank()) {
            continue;
          }
          try {
            JsonObject o = new JsonObject(line);
            InetAddress ip = InetAddress.getByName(o.getString("ip"));
            if ("del".equals(o.getString("op"))) {
              sessions.remove(ip);
            } else {
              sessions.put(ip, fromJson(o));
            }
          } catch (UnknownHostException | RuntimeException e) {
            LOG.warn("session journal {}: line {} unreadable, skipped", file, lineNo);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read session journal " + file, e);
      }
    }
    return new ArrayList<>(sessions.values());
  }

  /** Rewrites the journal as exactly {@code live}, atomically, and opens it for appending. */
  synchronized void compact(Collection<Session> live) {
    try {
      closeChannel();
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      try (FileChannel ch = open(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
        StringBuilder all = new StringBuilder();
        for (Session s : live) {
          all.append(toJson(s).encode()).append('\n');
        }
        write(ch, all.toString());
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      out = open(file, StandardOpenOption.APPEND);
      lines = live.size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write session journal " + file, e);
    }
  }

  synchronized void compactIfBloated(Collection<Session> live) {
    if (lines > MIN_COMPACT_LINES && lines > 2L * live.size()) {
      compact(live);
    }
  }

  synchronized void put(Session s) {
    append(toJson(s).put("op", "put"));
  }

  synchronized void remove(InetAddress ip) {
    append(new JsonObject().put("op", "del").put("ip", ip.getHostAddress()));
  }

  private void append(JsonObject line) {
    try {
      write(out, line.encode() + "\n");
      out.force(false);
      lines++;
    } catch (IOException e) {
      // No Accounting-Response then (the caller fails), so the NAS retransmits.
      throw new UncheckedIOException("cannot append to session journal " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      closeChannel();
    } catch (IOException e) {
      LOG.warn("closing session journal {}: {}", file, e.getMessage());
    }
  }

  private void closeChannel() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }

  private static FileChannel open(Path path, StandardOpenOption mode) throws IOException {
    if (!Files.exists(path)) {
      Files.createFile(
          path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return FileChannel.open(path, StandardOpenOption.WRITE, mode);
  }

  private static void write(FileChannel ch, String text) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  private static JsonObject toJson(Session s) {
    JsonObject o =
        new JsonObject()
            .put("ip", s.ip().getHostAddress())
            .put("nas", s.nas().getHostAddress())
            .put("sessionId", s.sessionId())
            .put("imsi", s.imsi())
            .put("imeisv", s.imeisv())
            .put("startedAt", s.startedAt().toString())
            .put("refreshedAt", s.refreshedAt().toString())
            .put("expiresAt", s.expiresAt().toString());
    s.msisdn().ifPresent(v -> o.put("msisdn", v));
    s.apn().ifPresent(v -> o.put("apn", v));
    s.mccmnc().ifPresent(v -> o.put("mccmnc", v));
    s.rat().ifPresent(v -> o.put("rat", v));
    return o;
  }

  private static Session fromJson(JsonObject o) throws UnknownHostException {
    return new Session(
        InetAddress.getByName(o.getString("ip")),
        InetAddress.getByName(o.getString("nas")),
        o.getString("sessionId"),
        o.getString("imsi"),
        o.getString("imeisv"),
        Optional.ofNullable(o.getString("msisdn")),
        Optional.ofNullable(o.getString("apn")),
        Optional.ofNullable(o.getString("mccmnc")),
        Optional.ofNullable(o.getString("rat")),
        Instant.parse(o.getString("startedAt")),
        Instant.parse(o.getString("refreshedAt")),
        Instant.parse(o.getString("expiresAt")));
  }
}
