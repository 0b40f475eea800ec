package io.simca.ca.pki;

import java.time.ZoneOffset;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Time;

/**
 * RFC 5280 §4.1.2.5: dates through 2049 MUST be UTCTime, dates in 2050 or later MUST be
 * GeneralizedTime.
 */
public final class ValidityEncodingLint implements Lint {
  public String name() {
    return "e_validity_time_encoding_by_year";
  }

  public String citation() {
    return "RFC 5280 §4.1.2.5";
  }

  public Optional<LintFinding> check(LintInput in) {
    String a = problem("notBefore", in.tbs().getStartDate());
    String b = problem("notAfter", in.tbs().getEndDate());
    if (a == null && b == null) {
      return Optional.empty();
    }
    return finding(a != null && b != null ? a + "; " + b : a != null ? a : b);
  }

  private static String problem(String field, Time t) {
    int year = t.getDate().toInstant().atZone(ZoneOffset.UTC).getYear();
    boolean utc = t.toASN1Primitive() instanceof ASN1UTCTime;
    boolean gen = t.toASN1Primitive() instanceof ASN1GeneralizedTime;
    if (year < 2050 && !utc) {
      return field + " in " + year + " must be UTCTime";
    }
    if (year >= 2050 && !gen) {
      return field + " in " + year + " must be GeneralizedTime";
    }
    return null;
  }
}
