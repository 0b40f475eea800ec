package io.simca.ca.admin;

/**
 * How an import treats rows it cannot write as-is.
 *
 * @param skipInvalid import the good rows of a file with bad ones (else nothing is imported)
 * @param skipExisting leave ICCIDs that are already in the store untouched (else nothing is
 *     imported)
 */
public record ImportOptions(boolean skipInvalid, boolean skipExisting) {

  public static final ImportOptions STRICT = new ImportOptions(false, false);
}
