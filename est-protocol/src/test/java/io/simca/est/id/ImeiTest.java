package io.simca.est.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImeiTest {

  @Test
  void parse_splitsTacSnrAndCheckDigit() {
    Imei imei = Imei.parse("352099001761481");
    assertThat(imei.tac()).isEqualTo("35209900");
    assertThat(imei.snr()).isEqualTo("176148");
    assertThat(imei.checkDigit()).isEqualTo("1");
    assertThat(imei.toString()).isEqualTo("352099001761481");
  }

  @Test
  void toUrn_usesRfc7254Form() {
    assertThat(Imei.parse("352099001761481").toUrn()).isEqualTo("urn:gsma:imei:35209900-176148-1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"352099001761481", "490154203237518", "352099001761499", "000000000000000"})
  void urn_roundTrips(String value) {
    Imei imei = Imei.parse(value);
    assertThat(Imei.fromUrn(imei.toUrn())).isEqualTo(imei);
  }

  @Test
  void fromUrn_acceptsUpperCaseNid() {
    assertThat(Imei.fromUrn("URN:GSMA:IMEI:35209900-176148-1").value())
        .isEqualTo("352099001761481");
  }

  @ParameterizedTest
  @CsvSource({
    "352099001761482, check digit",
    "35209900176148, 15 digits",
    "3520990017614811, 15 digits",
    "35209900176148X, 15 digits",
    "'', empty",
  })
  void parse_rejectsInvalidImeis(String value, String reason) {
    assertThatThrownBy(() -> Imei.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "urn:gsma:imei:35209900-176148-2",
        "urn:gsma:imei:352099001761481",
        "urn:gsma:imei:3520990-0176148-1",
        "urn:gsma:imei:35209900-176148-1;svn=42",
        "urn:gsma:imeisv:35209900-176148-1",
        "urn:gsma:imei:",
        "35209900-176148-1",
      })
  void fromUrn_rejectsMalformedUrns(String urn) {
    assertThatThrownBy(() -> Imei.fromUrn(urn)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withCheckDigit_completesTheKnownImei_andRefusesAShortPayload() {
    // 3GPP TS 23.003 Annex B example: 49015420323751 -> check digit 8.
    assertThat(Imei.withCheckDigit("49015420323751").value()).isEqualTo("490154203237518");
    assertThatThrownBy(() -> Imei.withCheckDigit("4901542032375"))
        .hasMessageContaining("exactly 15 digits");
  }
}
