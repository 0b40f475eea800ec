package io.simca.est.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImeisvTest {

  @Test
  void imeisvDropsTheSoftwareVersionAndGainsTheCheckDigit() {
    // TS 23.003 §6.2.2: TAC 35209900, SNR 176148, SVN 01 -> IMEI 35209900 176148 1.
    assertThat(Imei.fromImeisv("3520990017614801").value()).isEqualTo("352099001761481");
    assertThat(Imei.fromImeisv("35209900176148").value()).isEqualTo("352099001761481");
    assertThat(Imei.fromImeisv("352099001761481").value()).isEqualTo("352099001761481");
  }

  @Test
  void wrongLengthOrCheckDigitOrNonDigits_refused() {
    assertThatThrownBy(() -> Imei.fromImeisv("352099001761482"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Imei.fromImeisv("35209900176148011"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Imei.fromImeisv("35209900176148x1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Imei.fromImeisv(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
