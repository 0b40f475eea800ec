/**
 * The persistence layer of simca (DESIGN.md "Store"): one schema for embedded H2 and shared
 * PostgreSQL, Flyway migrations in {@code db/migration}, jOOQ classes generated from them ({@code
 * io.simca.ca.store.jooq}), HikariCP underneath.
 *
 * <p>Start at {@link io.simca.ca.store.Stores#open(StoreSettings)}. Every store is a small
 * interface ({@link io.simca.ca.store.CertificateStore}, {@link io.simca.ca.store.SimStore}, ...)
 * so callers can fake it in tests; the jOOQ implementations are package-private.
 *
 * <p><b>All methods block on JDBC.</b> Call them from a worker pool or a virtual thread, never from
 * a Vert.x event loop. A lost or exhausted database surfaces as {@link
 * io.simca.ca.store.StoreUnavailableException} (503 + Retry-After); a key collision as {@link
 * io.simca.ca.store.StoreConflictException}.
 *
 * <p>Times are {@link java.time.Instant}s truncated to microseconds (what both databases keep);
 * serials are {@link java.math.BigInteger}s at the API and lowercase hex in the database.
 *
 * <p>Tests: {@code TestStores} (test-jar) gives an H2 target in a temp dir and, when {@code
 * SIMCA_TEST_POSTGRES_URL} is set, a PostgreSQL target in a fresh schema per test.
 */
package io.simca.ca.store;
