package io.simca.ca.store;

import java.util.List;

/**
 * An import met ICCIDs that already exist in the store or appear twice in the input; nothing of the
 * import was written. {@link #iccids()} names them (the first {@value #MAX_NAMED}).
 */
public final class DuplicateSimException extends StoreConflictException {

  /** At most this many ICCIDs are carried and printed. */
  public static final int MAX_NAMED = 100;

  private final List<String> iccids;
  private final int total;

  public DuplicateSimException(List<String> iccids, int total, String what) {
    super(
        total
            + " "
            + what
            + ": "
            + String.join(", ", iccids.subList(0, Math.min(iccids.size(), MAX_NAMED)))
            + (total > MAX_NAMED ? ", ..." : ""),
        null);
    this.iccids = List.copyOf(iccids.subList(0, Math.min(iccids.size(), MAX_NAMED)));
    this.total = total;
  }

  /** The duplicate ICCIDs, at most {@value #MAX_NAMED}. */
  public List<String> iccids() {
    return iccids;
  }

  /** How many duplicates there were in all. */
  public int total() {
    return total;
  }
}
