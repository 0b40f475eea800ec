package io.simca.ca.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.ca.store.SimStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimCsvTest {

  // 8944000000000000001 and 8944000000000000019 are Luhn-valid; 352099001761481 is a valid IMEI.
  private static final String ICCID_A = "8944000000000000001";
  private static final String ICCID_B = "8944000000000000019";
  private static final String IMEI = "352099001761481";

  @Test
  void parse_goodFile_emptyImeiMeansUnlocked_columnsInAnyOrder_blankLinesAndBomIgnored() {
    SimCsv.Parsed p =
        SimCsv.parse(
            "\uFEFFtenant, IMEI ,imsi,iccid\r\nacme,"
                + IMEI
                + ",901700000000001,"
                + ICCID_A
                + "\r\n\r\nglobex,,901700000000002,"
                + ICCID_B
                + "\r\n");

    assertThat(p.errors()).isEmpty();
    assertThat(p.rows()).hasSize(2);
    assertThat(p.rows().get(0).imei()).isEqualTo(IMEI);
    assertThat(p.rows().get(0).status()).isEqualTo(SimStatus.ACTIVE);
    assertThat(p.rows().get(1).imei()).isNull();
    assertThat(p.rows().get(1).tenant()).isEqualTo("globex");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad ICCID check digit | 8944000000000000002,901700000000001,,acme | ICCID check digit is wrong",
        "ICCID not 89        | 1244000000000000001,901700000000001,,acme | ICCID must start with 89",
        "ICCID letters       | 89440000000000000x1,901700000000001,,acme | ICCID must contain digits only",
        "IMSI too short      | 8944000000000000001,90170,,acme | IMSI must have 6 to 15 digits",
        "IMEI check digit    | 8944000000000000001,901700000000001,352099001761482,acme | IMEI check digit is wrong",
        "IMEI length         | 8944000000000000001,901700000000001,3520990017614,acme | IMEI must have exactly 15 digits",
        "tenant chars        | 8944000000000000001,901700000000001,,ac me | tenant must be 1-64",
        "tenant empty        | 8944000000000000001,901700000000001,, | tenant must be 1-64",
        "too few fields      | 8944000000000000001,901700000000001,acme | expected 4 fields",
        "quoted field        | \"8944000000000000001\",901700000000001,,acme | ICCID must contain digits only",
      })
  void parse_badRow_isReportedWithItsLineNumber(String name, String row, String error) {
    SimCsv.Parsed p =
        SimCsv.parse("iccid,imsi,imei,tenant\n" + ICCID_B + ",901700000000009,,ok\n" + row + "\n");

    assertThat(p.rows()).hasSize(1);
    assertThat(p.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.error()).contains(error);
            });
  }

  @Test
  void parse_everyBadRowIsReported_andADuplicateNamesItsFirstLine() {
    SimCsv.Parsed p =
        SimCsv.parse(
            "iccid,imsi,imei,tenant\n"
                + ICCID_A
                + ",901700000000001,,a\n"
                + "x,1,2,3\n"
                + ICCID_B
                + ",901700000000002,,a\n"
                + ICCID_A
                + ",901700000000003,,b\n"
                + "8944000000000000002,901700000000001,,a\n");

    assertThat(p.rows()).hasSize(2);
    assertThat(p.errors()).extracting(SimCsv.LineError::line).containsExactly(3L, 5L, 6L);
    assertThat(p.errors().get(1).error())
        .isEqualTo("duplicate ICCID " + ICCID_A + " (first on line 2)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''",
        "'iccid,imsi,tenant'",
        "'iccid,imsi,imei,tenant,extra'",
        "'iccid,iccid,imei,tenant'",
        "'" + ICCID_A + ",901700000000001,,a'"
      })
  void parse_missingOrWrongHeader_isOneErrorAndNoRows(String header) {
    SimCsv.Parsed p = SimCsv.parse(header + "\n" + ICCID_B + ",901700000000002,,a\n");

    assertThat(p.rows()).isEmpty();
    assertThat(p.errors())
        .singleElement()
        .satisfies(e -> assertThat(e.error()).contains("iccid,imsi,imei,tenant"));
  }
}
