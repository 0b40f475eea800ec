package io.simca.attester.radius;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.EnumData;
import org.aaa4j.radius.core.attribute.IntegerData;
import org.aaa4j.radius.core.attribute.Ipv4AddrData;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.VsaData;
import org.aaa4j.radius.core.attribute.attributes.AcctInterimInterval;
import org.aaa4j.radius.core.attribute.attributes.AcctSessionId;
import org.aaa4j.radius.core.attribute.attributes.AcctStatusType;
import org.aaa4j.radius.core.attribute.attributes.CalledStationId;
import org.aaa4j.radius.core.attribute.attributes.CallingStationId;
import org.aaa4j.radius.core.attribute.attributes.FramedIpAddress;
import org.aaa4j.radius.core.attribute.attributes.VendorSpecific;
import org.aaa4j.radius.core.packet.packets.AccountingRequest;
import org.junit.jupiter.api.Test;

class AccountingRecordsTest {

  @Test
  void readsTheStandardAnd3gppAttributes() throws Exception {
    List<Attribute<?>> attrs = new ArrayList<>(standard(1));
    attrs.add(vsa(10415, 1, "234150000000001"));
    attrs.add(vsa(10415, 20, "3520990017614801"));
    attrs.add(vsa(10415, 18, "23415"));
    attrs.add(new VendorSpecific(new VsaData(10415, 21, new byte[] {9})));
    // Another vendor's type 1 is not an IMSI.
    attrs.add(vsa(9, 1, "999999999999999"));
    AccountingRecord r =
        AccountingRecords.read(InetAddress.getByName("10.0.0.1"), new AccountingRequest(attrs))
            .orElseThrow();
    assertThat(r.status()).isEqualTo(AccountingStatus.START);
    assertThat(r.sessionId()).contains("sess-1");
    assertThat(r.framedIp()).contains(InetAddress.getByName("10.1.0.23"));
    assertThat(r.imsi()).contains("234150000000001");
    assertThat(r.imeisv()).contains("3520990017614801");
    assertThat(r.mccmnc()).contains("23415");
    assertThat(r.rat()).contains("LTE-M");
    assertThat(r.msisdn()).contains("447700900001");
    assertThat(r.apn()).contains("iot.simca");
    assertThat(r.interimIntervalSeconds()).contains(600);
  }

  @Test
  void unknownStatusType_isNotARecord() throws Exception {
    assertThat(
            AccountingRecords.read(
                InetAddress.getByName("10.0.0.1"), new AccountingRequest(standard(15))))
        .isEmpty();
  }

  @Test
  void ratTypeValues_followTs29061() {
    assertThat(RatType.name(6)).isEqualTo("EUTRAN");
    assertThat(RatType.name(8)).isEqualTo("EUTRAN-NB-IoT");
    assertThat(RatType.name(51)).isEqualTo("NR");
    assertThat(RatType.name(200)).isEqualTo("200");
  }

  private static List<Attribute<?>> standard(int statusType) throws Exception {
    return List.of(
        new AcctStatusType(new EnumData(statusType)),
        new AcctSessionId(new TextData("sess-1")),
        new FramedIpAddress(new Ipv4AddrData((Inet4Address) InetAddress.getByName("10.1.0.23"))),
        new CallingStationId(new TextData("447700900001")),
        new CalledStationId(new TextData("iot.simca")),
        new AcctInterimInterval(new IntegerData(600)));
  }

  private static VendorSpecific vsa(int vendor, int type, String value) {
    return new VendorSpecific(new VsaData(vendor, type, value.getBytes(StandardCharsets.UTF_8)));
  }
}
