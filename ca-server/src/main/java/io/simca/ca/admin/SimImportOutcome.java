package io.simca.ca.admin;

import java.util.List;

/**
 * What one import request came to: rows written, or why nothing was. A value so that the endpoint
 * maps it to a status and the audit record is written from the same thing.
 */
public sealed interface SimImportOutcome {

  /** Rows were written (possibly none, when every row was skipped). */
  record Imported(int inserted, int skippedExisting, int skippedInvalid)
      implements SimImportOutcome {}

  /**
   * Bad rows and no {@code skipInvalid}: nothing written. {@code errors} holds at most {@link
   * SimInventory#MAX_ERRORS}.
   */
  record InvalidRows(List<SimCsv.LineError> errors, int totalInvalid) implements SimImportOutcome {
    public InvalidRows {
      errors = List.copyOf(errors);
    }
  }

  /** ICCIDs already in the store and no {@code skipExisting}: nothing written. */
  record ExistingIccids(List<String> iccids, int total) implements SimImportOutcome {
    public ExistingIccids {
      iccids = List.copyOf(iccids);
    }
  }
}
