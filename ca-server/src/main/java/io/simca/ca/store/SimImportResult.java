package io.simca.ca.store;

import java.util.List;

/**
 * What {@link SimStore#insertAll(List, SimStore.OnExisting)} did.
 *
 * @param inserted rows written
 * @param skippedExisting ICCIDs that were already in the store (only with {@link
 *     SimStore.OnExisting#SKIP}), in input order
 */
public record SimImportResult(int inserted, List<String> skippedExisting) {

  public SimImportResult {
    skippedExisting = List.copyOf(skippedExisting);
  }
}
