package io.simca.ca.admin;

import java.util.List;

/** One page of a listing and how many items match in all (for paging UIs and the CLI). */
public record Page<T>(List<T> items, long total) {

  public Page {
    items = List.copyOf(items);
  }
}
