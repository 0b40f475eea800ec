package io.simca.est.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImsiTest {

  @Test
  void parse_exposesMcc() {
    Imsi imsi = Imsi.parse("234150000000001");
    assertThat(imsi.mcc()).isEqualTo("234");
    assertThat(imsi.toString()).isEqualTo("234150000000001");
  }

  @ParameterizedTest
  @ValueSource(strings = {"234150", "310260123456789"})
  void parse_acceptsSixToFifteenDigits(String value) {
    assertThat(Imsi.parse(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "23415", "2341500000000012", "23415000000000A", " 234150000000001"})
  void parse_rejectsInvalidImsis(String value) {
    assertThatThrownBy(() -> Imsi.parse(value)).isInstanceOf(IllegalArgumentException.class);
  }
}
