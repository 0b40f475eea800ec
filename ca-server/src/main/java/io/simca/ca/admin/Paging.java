package io.simca.ca.admin;

import io.simca.ca.error.CaException;

/** Bounds for listing requests, so one call cannot ask the store for millions of rows. */
public record Paging(int offset, int limit) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public Paging {
    if (offset < 0) {
      throw CaException.malformed("bad_paging", "offset must be 0 or more");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw CaException.malformed("bad_paging", "limit must be 1 to " + MAX_LIMIT);
    }
  }

  public static Paging first(int limit) {
    return new Paging(0, limit);
  }
}
