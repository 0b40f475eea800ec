package io.simca.ca.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SerialNumbersTest {

  @Test
  void serials_arePositive_atMost16Octets_atLeast64Bits_andDistinct() {
    Set<BigInteger> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      BigInteger s = SerialNumbers.next();
      assertThat(s.signum()).isPositive();
      assertThat(s.toByteArray().length).isLessThanOrEqualTo(16);
      assertThat(s.bitLength()).isGreaterThanOrEqualTo(64);
      assertThat(seen.add(s)).isTrue();
    }
  }
}
