package io.simca.est.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IccidTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8944501000000000013", // DESIGN.md demo SIM, 19 digits
        "891004234814455930", // 18 digits
        "89014103211118510720", // 20 digits
        "898823900000123456783", // 21 digits
        "8944501000000000001239", // 22 digits
      })
  void parse_acceptsLuhnValidIccids(String value) {
    assertThat(Iccid.parse(value).value()).isEqualTo(value);
    assertThat(Iccid.parse(value).toString()).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource({
    "8944501000000000014, check digit",
    "89445010000000000, 18 to 22 digits",
    "89445010000000000000001, 18 to 22 digits",
    "19445010000000000012, start with 89",
    "894450100000000001A, digits only",
    "'8944501000000000013 ', digits only",
    "-944501000000000013, digits only",
    "８944501000000000013, digits only",
  })
  void parse_rejectsInvalidIccids(String value, String reason) {
    assertThatThrownBy(() -> Iccid.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void parse_rejectsMissingValue(String value) {
    assertThatThrownBy(() -> Iccid.parse(value)).hasMessage("ICCID is empty");
  }

  @Test
  void constructor_enforcesTheSameRulesAsParse() {
    assertThatThrownBy(() -> new Iccid("8944501000000000014"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "894450100000000001",
        "89100423481445593",
        "8901410321111851072",
        "89882390000012345678"
      })
  void withCheckDigit_completesTheKnownIccids(String payload) {
    Iccid iccid = Iccid.withCheckDigit(payload);
    assertThat(iccid.value()).startsWith(payload).hasSize(payload.length() + 1);
    // Any other last digit fails the check.
    for (char d = '0'; d <= '9'; d++) {
      if (d != iccid.value().charAt(payload.length())) {
        String wrong = payload + d;
        assertThatThrownBy(() -> Iccid.parse(wrong)).hasMessageContaining("check digit");
      }
    }
  }

  @Test
  void withCheckDigit_refusesWhatCannotBeAnIccid() {
    assertThatThrownBy(() -> Iccid.withCheckDigit("89x4501000000000001"))
        .hasMessageContaining("digits only");
    assertThatThrownBy(() -> Iccid.withCheckDigit("8944")).hasMessageContaining("18 to 22");
  }
}
