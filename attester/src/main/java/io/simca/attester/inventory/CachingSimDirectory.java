package io.simca.attester.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers answers so that a fleet re-enrolling every day costs the inventory one lookup per SIM
 * per {@code ttl}: found SIMs for {@code ttl}, unknown IMSIs for {@code negativeTtl} (so a SIM
 * imported a minute ago is seen soon), unavailability never. Concurrent lookups of one IMSI share
 * one request. Bounded: past {@code maxEntries} the expired entries go first, then everything.
 */
public final class CachingSimDirectory implements SimDirectory {

  private record Entry(CompletableFuture<SimLookup> answer, Instant expiresAt) {}

  private final SimDirectory inventory;
  private final Duration ttl;
  private final Duration negativeTtl;
  private final int maxEntries;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  public CachingSimDirectory(
      SimDirectory inventory, Duration ttl, Duration negativeTtl, int maxEntries, Clock clock) {
    this.inventory = inventory;
    this.ttl = ttl;
    this.negativeTtl = negativeTtl;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  @Override
  public CompletableFuture<SimLookup> byImsi(String imsi) {
    Instant now = clock.instant();
    Entry cached = entries.get(imsi);
    if (cached != null && now.isBefore(cached.expiresAt())) {
      return cached.answer();
    }
    if (entries.size() >= maxEntries) {
      entries.values().removeIf(e -> !now.isBefore(e.expiresAt()));
      if (entries.size() >= maxEntries) {
        entries.clear();
      }
    }
    CompletableFuture<SimLookup> answer = inventory.byImsi(imsi);
    // Until it is answered, others asking wait for the same request.
    Entry pending = new Entry(answer, now.plus(ttl));
    entries.put(imsi, pending);
    answer.thenAccept(
        lookup -> {
          switch (lookup) {
            case SimLookup.Found f -> {}
            case SimLookup.Unknown u ->
                entries.replace(
                    imsi, pending, new Entry(answer, clock.instant().plus(negativeTtl)));
            case SimLookup.Unavailable u -> entries.remove(imsi, pending);
          }
        });
    return answer;
  }
}
