package io.simca.attester.session;

import io.simca.attester.radius.AccountingRecord;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live sessions, by the device's address on the APN. Reads (the token endpoint, on an event
 * loop) are lock-free; changes (RADIUS worker threads) are serialized with their journal line, so
 * the journal replays to the same table after a restart.
 *
 * <p>A session ends on its Stop, on Accounting-On/Off from its NAS (RFC 2866 §5.1: the NAS lost or
 * is ending all sessions), or when nothing refreshed it for three Acct-Interim-Interval periods
 * (RFC 2869 §5.16), or for {@code maxIdle} when the NAS sends no interval: a packet core that lost
 * a Stop must not leave an address attested forever.
 */
public final class SessionTable {

  private static final int MISSED_INTERIMS = 3;

  private final Map<InetAddress, Session> byIp = new ConcurrentHashMap<>();
  private final SessionJournal journal;
  private final Duration maxIdle;
  private final Clock clock;

  public SessionTable(SessionJournal journal, Duration maxIdle, Clock clock) {
    this.journal = journal;
    this.maxIdle = maxIdle;
    this.clock = clock;
    Instant now = clock.instant();
    for (Session s : journal.replay()) {
      if (s.liveAt(now)) {
        byIp.put(s.ip(), s);
      }
    }
    journal.compact(byIp.values());
  }

  /** The live session that holds {@code ip}, if any. */
  public Optional<Session> find(InetAddress ip) {
    Session s = byIp.get(ip);
    return s != null && s.liveAt(clock.instant()) ? Optional.of(s) : Optional.empty();
  }

  public int size() {
    return byIp.size();
  }

  public synchronized SessionChange apply(AccountingRecord r) {
    Instant now = clock.instant();
    return switch (r.status()) {
      case START, INTERIM_UPDATE -> upsert(r, now);
      case STOP -> stop(r);
      case ACCOUNTING_ON, ACCOUNTING_OFF -> resetNas(r.nas());
    };
  }

  /** Drops sessions whose window has passed (from a timer), so memory follows the live fleet. */
  public synchronized int expire() {
    Instant now = clock.instant();
    int removed = 0;
    for (Session s : byIp.values()) {
      if (!s.liveAt(now) && byIp.remove(s.ip(), s)) {
        journal.remove(s.ip());
        removed++;
      }
    }
    journal.compactIfBloated(byIp.values());
    return removed;
  }

  private SessionChange upsert(AccountingRecord r, Instant now) {
    if (r.framedIp().isEmpty()
        || r.imsi().isEmpty()
        || r.imeisv().isEmpty()
        || r.sessionId().isEmpty()) {
      return SessionChange.INCOMPLETE;
    }
    InetAddress ip = r.framedIp().get();
    String sessionId = r.sessionId().get();
    Session previous = byIp.get(ip);
    boolean same = previous != null && previous.sameConnection(r.nas(), sessionId);
    Duration window =
        r.interimIntervalSeconds()
            .filter(seconds -> seconds > 0)
            .map(seconds -> Duration.ofSeconds((long) seconds * MISSED_INTERIMS))
            .filter(d -> d.compareTo(maxIdle) < 0)
            .orElse(maxIdle);
    Session next =
        new Session(
            ip,
            r.nas(),
            sessionId,
            r.imsi().get(),
            r.imeisv().get(),
            r.msisdn(),
            r.apn(),
            r.mccmnc(),
            r.rat(),
            same ? previous.startedAt() : now,
            now,
            now.plus(window));
    byIp.put(ip, next);
    journal.put(next);
    return same ? SessionChange.REFRESHED : SessionChange.STARTED;
  }

  private SessionChange stop(AccountingRecord r) {
    // A late Stop of an earlier connection must not end the one that now holds the address.
    Optional<Session> match =
        r.framedIp()
            .map(byIp::get)
            .filter(s -> r.sessionId().map(id -> s.sameConnection(r.nas(), id)).orElse(false))
            .or(
                () ->
                    r.sessionId()
                        .flatMap(
                            id ->
                                byIp.values().stream()
                                    .filter(s -> s.sameConnection(r.nas(), id))
                                    .findFirst()));
    if (match.isEmpty()) {
      return SessionChange.UNKNOWN_STOP;
    }
    byIp.remove(match.get().ip(), match.get());
    journal.remove(match.get().ip());
    return SessionChange.STOPPED;
  }

  private SessionChange resetNas(InetAddress nas) {
    for (Session s : byIp.values()) {
      if (s.nas().equals(nas) && byIp.remove(s.ip(), s)) {
        journal.remove(s.ip());
      }
    }
    return SessionChange.NAS_RESET;
  }
}
