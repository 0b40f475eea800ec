package io.simca.ca.config;

/**
 * The bounded worker pools that keep one kind of blocking work from starving the others ({@code
 * server.bulkheads}): enrolments (EST and EST-coaps), OCSP misses and CRL reads, admin calls, SIM
 * imports, and /health. A request that finds its pool and queue full is answered 503 with
 * Retry-After at once.
 */
public record BulkheadsConfig(Pool enrollment, Pool ocsp, Pool admin, Pool imports, Pool health) {

  /**
   * @param threads worker threads of this pool
   * @param queue requests that may wait for a thread beyond those running
   */
  public record Pool(int threads, int queue) {}
}
