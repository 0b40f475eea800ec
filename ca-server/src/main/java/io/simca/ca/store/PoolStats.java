package io.simca.ca.store;

/**
 * A snapshot of the connection pool, for {@code /metrics} and {@code /health}.
 *
 * @param active connections in use
 * @param idle connections ready in the pool
 * @param total active + idle
 * @param waiting threads waiting for a connection
 * @param max configured pool size
 */
public record PoolStats(int active, int idle, int total, int waiting, int max) {}
