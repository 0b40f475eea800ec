package io.simca.ca.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * A SIM inventory CSV ({@code sim import}, {@code POST /admin/v1/sims/import}) is an operator's
 * file, often exported from another system: any text ends in rows and line errors, never in an
 * exception, and every row that passes holds identifiers whose check digits hold.
 */
class SimCsvFuzzTest {

  @FuzzTest
  void parse_endsInRowsAndLineErrors(byte[] input) {
    SimCsv.Parsed parsed = SimCsv.parse(new String(input, StandardCharsets.UTF_8));
    parsed.errors().forEach(e -> assertThat(e.line()).isPositive());
    parsed.errors().forEach(e -> assertThat(e.error()).isNotBlank().doesNotContain("\n"));
    parsed
        .rows()
        .forEach(
            row -> {
              assertThat(row.iccid()).matches("89[0-9]{16,20}");
              assertThat(row.imsi()).matches("[0-9]{6,15}");
            });
  }
}
