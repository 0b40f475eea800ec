package io.simca.ca.admin;

import io.simca.ca.store.SimRow;
import io.simca.est.id.Iccid;
import io.simca.est.id.Imei;
import io.simca.est.id.Imsi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SIM inventory file format ({@code iccid,imsi,imei,tenant}, DESIGN.md "Public contract"),
 * shared by the CLI (which checks a whole file before uploading it in chunks) and the import
 * endpoint (which checks every chunk again). Every row is checked, so an operator sees all bad
 * lines of a file at once instead of fixing them one upload at a time.
 *
 * <p>Rules: a header line naming the four columns is required (any order, case-insensitive); fields
 * are plain comma-separated values, surrounding blanks are ignored, blank lines are skipped; ICCID
 * and IMEI must pass their Luhn check (ITU-T E.118, 3GPP TS 23.003), the IMSI its shape; an empty
 * IMEI means "locked on first enrolment"; the tenant is 1-64 of {@code [A-Za-z0-9._-]}; an ICCID
 * seen earlier in the same file is an error on the later line. Quoting is not supported: no valid
 * value needs it.
 */
public final class SimCsv {

  /** The columns, in the order the header line should name them. */
  public static final List<String> COLUMNS = List.of("iccid", "imsi", "imei", "tenant");

  /** The canonical header line. */
  public static final String HEADER = String.join(",", COLUMNS);

  private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** One bad line: its 1-based line number in the file and why. */
  public record LineError(long line, String error) {}

  /** One line's outcome. */
  public sealed interface Line permits Valid, Invalid {
    long line();
  }

  /** A good row, with the text it came from (the CLI re-sends it verbatim). */
  public record Valid(long line, SimRow row, String text) implements Line {}

  /** A bad row. */
  public record Invalid(long line, String error) implements Line {
    public LineError asError() {
      return new LineError(line, error);
    }
  }

  /** A whole parsed file or chunk: the good rows in file order and every bad line. */
  public record Parsed(List<SimRow> rows, List<LineError> errors) {
    public boolean hasErrors() {
      return !errors.isEmpty();
    }
  }

  /** Receives the lines of a file one by one; for files too large to hold as rows. */
  @FunctionalInterface
  public interface LineSink {
    void accept(Line line);
  }

  private SimCsv() {}

  /** Parses a whole CSV text into rows and errors (the import endpoint). */
  public static Parsed parse(String text) {
    List<SimRow> rows = new ArrayList<>();
    List<LineError> errors = new ArrayList<>();
    try {
      read(
          new BufferedReader(new StringReader(text)),
          line -> {
            switch (line) {
              case Valid v -> rows.add(v.row());
              case Invalid i -> errors.add(i.asError());
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    return new Parsed(rows, errors);
  }

  /**
   * Streams a CSV file line by line to {@code sink}. A missing or wrong header is reported as an
   * {@link Invalid} line 1 and stops the read (the columns cannot be trusted).
   *
   * @return the number of data lines read (blank lines excluded)
   */
  public static long read(BufferedReader in, LineSink sink) throws IOException {
    String header = in.readLine();
    long lineNo = 1;
    while (header != null && header.isBlank()) {
      header = in.readLine();
      lineNo++;
    }
    if (header == null) {
      sink.accept(new Invalid(1, "empty file: expected the header line " + HEADER));
      return 0;
    }
    int[] order;
    try {
      order = columnOrder(stripBom(header));
    } catch (IllegalArgumentException e) {
      sink.accept(new Invalid(lineNo, e.getMessage()));
      return 0;
    }
    Map<String, Long> firstSeen = new HashMap<>();
    long dataLines = 0;
    for (String text = in.readLine(); text != null; text = in.readLine()) {
      lineNo++;
      if (text.isBlank()) {
        continue;
      }
      dataLines++;
      sink.accept(row(lineNo, text, order, firstSeen));
    }
    return dataLines;
  }

  private static Line row(long lineNo, String text, int[] order, Map<String, Long> firstSeen) {
    String[] f = text.split(",", -1);
    if (f.length != COLUMNS.size()) {
      return new Invalid(
          lineNo, "expected " + COLUMNS.size() + " fields (" + HEADER + "), found " + f.length);
    }
    String iccid = f[order[0]].strip();
    String imsi = f[order[1]].strip();
    String imei = f[order[2]].strip();
    String tenant = f[order[3]].strip();
    try {
      Iccid.parse(iccid);
      Imsi.parse(imsi);
      if (!imei.isEmpty()) {
        Imei.parse(imei);
      }
    } catch (IllegalArgumentException e) {
      return new Invalid(lineNo, e.getMessage() + " (" + abbreviate(text) + ")");
    }
    if (!TENANT.matcher(tenant).matches()) {
      return new Invalid(
          lineNo, "tenant must be 1-64 of [A-Za-z0-9._-] (" + abbreviate(text) + ")");
    }
    Long first = firstSeen.putIfAbsent(iccid, lineNo);
    if (first != null) {
      return new Invalid(lineNo, "duplicate ICCID " + iccid + " (first on line " + first + ")");
    }
    return new Valid(
        lineNo, SimRow.imported(iccid, imsi, imei.isEmpty() ? null : imei, tenant), text);
  }

  /** Index of each of {@link #COLUMNS} in the header's fields. */
  private static int[] columnOrder(String header) {
    String[] names = header.split(",", -1);
    int[] order = new int[COLUMNS.size()];
    java.util.Arrays.fill(order, -1);
    if (names.length == COLUMNS.size()) {
      for (int i = 0; i < names.length; i++) {
        int col = COLUMNS.indexOf(names[i].strip().toLowerCase(Locale.ROOT));
        if (col >= 0 && order[col] < 0) {
          order[col] = i;
        }
      }
    }
    for (int o : order) {
      if (o < 0) {
        throw new IllegalArgumentException(
            "the first line must be the header " + HEADER + " (found: " + abbreviate(header) + ")");
      }
    }
    return order;
  }

  private static String stripBom(String s) {
    return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
