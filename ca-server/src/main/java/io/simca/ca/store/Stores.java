package io.simca.ca.store;

import java.time.Clock;

/**
 * The one wiring point of the persistence layer: a {@link Database} and every store on it.
 *
 * <pre>{@code
 * Stores stores = Stores.open(StoreSettings.h2(dataDir));
 * Runtime.getRuntime().addShutdownHook(new Thread(stores::close));
 * }</pre>
 *
 * <p>Blocking JDBC throughout: call the stores from worker threads or virtual threads, never from a
 * Vert.x event loop.
 */
public record Stores(
    Database db,
    CaStore cas,
    SimStore sims,
    CertificateStore certs,
    OcspResponseStore ocsp,
    JtiReplayCache jtis,
    CrlStore crls,
    AuditLog audit,
    OperatorStore operators)
    implements AutoCloseable {

  /** Opens (and migrates) the database and wires the stores with the system UTC clock. */
  public static Stores open(StoreSettings settings) {
    return open(settings, Clock.systemUTC());
  }

  /**
   * As {@link #open(StoreSettings)}, with the clock the stores use for {@code created_at}, {@code
   * updated_at}, {@code seen_at} and default audit times (tests pin it).
   */
  public static Stores open(StoreSettings settings, Clock clock) {
    return wire(Database.open(settings), clock);
  }

  /** Wires stores on an already open database (several {@code Stores} may share one). */
  public static Stores wire(Database db, Clock clock) {
    GroupCommitAuditLog audit = new GroupCommitAuditLog(new JooqAuditLog(db, clock));
    return new Stores(
        db,
        new JooqCaStore(db, clock),
        new JooqSimStore(db, clock),
        new JooqCertificateStore(db, clock, audit),
        new JooqOcspResponseStore(db, clock),
        new JooqJtiReplayCache(db, clock),
        new JooqCrlStore(db),
        audit,
        new JooqOperatorStore(db, clock));
  }

  /** Closes the database (and with it the pool). */
  @Override
  public void close() {
    db.close();
  }
}
