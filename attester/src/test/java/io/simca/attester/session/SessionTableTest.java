package io.simca.attester.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.simca.attester.radius.AccountingRecord;
import io.simca.attester.radius.AccountingStatus;
import io.simca.est.testing.TestClock;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTableTest {

  private static final Duration MAX_IDLE = Duration.ofHours(24);

  @TempDir Path dir;
  private final TestClock clock = TestClock.at("2026-12-04T10:00:00Z");
  private Path file;
  private InetAddress pgw;
  private InetAddress otherPgw;

  @BeforeEach
  void setUp() throws IOException {
    file = dir.resolve("sessions.jsonl");
    pgw = InetAddress.getByName("10.0.0.1");
    otherPgw = InetAddress.getByName("10.0.0.2");
  }

  @Test
  void startThenStop_sessionLivesInBetween() throws Exception {
    SessionTable table = new SessionTable(new SessionJournal(file), MAX_IDLE, clock);
    assertThat(
            table.apply(record(AccountingStatus.START, pgw, "s1", "10.1.0.23", "234150000000001")))
        .isEqualTo(SessionChange.STARTED);
    Session s = table.find(ip("10.1.0.23")).orElseThrow();
    assertThat(s.imsi()).isEqualTo("234150000000001");
    assertThat(s.rat()).contains("EUTRAN-NB-IoT");
    assertThat(
            table.apply(
                record(AccountingStatus.INTERIM_UPDATE, pgw, "s1", "10.1.0.23", "234150000000001")))
        .isEqualTo(SessionChange.REFRESHED);
    assertThat(
            table.apply(record(AccountingStatus.STOP, pgw, "s1", "10.1.0.23", "234150000000001")))
        .isEqualTo(SessionChange.STOPPED);
    assertThat(table.find(ip("10.1.0.23"))).isEmpty();
  }

  @Test
  void lateStopOfAnEarlierConnection_leavesTheNewHolderOfTheAddress() throws Exception {
    SessionTable table = new SessionTable(new SessionJournal(file), MAX_IDLE, clock);
    table.apply(record(AccountingStatus.START, pgw, "old", "10.1.0.23", "234150000000001"));
    table.apply(record(AccountingStatus.START, pgw, "new", "10.1.0.23", "234150000000002"));
    assertThat(
            table.apply(record(AccountingStatus.STOP, pgw, "old", "10.1.0.23", "234150000000001")))
        .isEqualTo(SessionChange.UNKNOWN_STOP);
    assertThat(table.find(ip("10.1.0.23")).orElseThrow().imsi()).isEqualTo("234150000000002");
  }

  @Test
  void accountingOn_endsEverySessionOfThatNasOnly() throws Exception {
    SessionTable table = new SessionTable(new SessionJournal(file), MAX_IDLE, clock);
    table.apply(record(AccountingStatus.START, pgw, "a", "10.1.0.1", "234150000000001"));
    table.apply(record(AccountingStatus.START, otherPgw, "b", "10.1.0.2", "234150000000002"));
    table.apply(
        new AccountingRecord(
            AccountingStatus.ACCOUNTING_ON,
            pgw,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
    assertThat(table.find(ip("10.1.0.1"))).isEmpty();
    assertThat(table.find(ip("10.1.0.2"))).isPresent();
  }

  @Test
  void sessionWithoutRefreshForThreeInterimIntervals_isGone() throws Exception {
    SessionTable table = new SessionTable(new SessionJournal(file), MAX_IDLE, clock);
    table.apply(record(AccountingStatus.START, pgw, "s1", "10.1.0.23", "234150000000001"));
    clock.advance(Duration.ofSeconds(3 * 600 - 1));
    assertThat(table.find(ip("10.1.0.23"))).isPresent();
    clock.advance(Duration.ofSeconds(2));
    assertThat(table.find(ip("10.1.0.23"))).isEmpty();
    assertThat(table.expire()).isEqualTo(1);
    assertThat(table.size()).isZero();
  }

  @Test
  void incompleteStart_createsNoSession() throws Exception {
    SessionTable table = new SessionTable(new SessionJournal(file), MAX_IDLE, clock);
    AccountingRecord noImsi =
        new AccountingRecord(
            AccountingStatus.START,
            pgw,
            Optional.of("s1"),
            Optional.of(ip("10.1.0.23")),
            Optional.empty(),
            Optional.of("3520990017614801"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    assertThat(table.apply(noImsi)).isEqualTo(SessionChange.INCOMPLETE);
    assertThat(table.find(ip("10.1.0.23"))).isEmpty();
  }

  @Test
  void restart_replaysTheJournal_andDropsWhatEndedOrExpired() throws Exception {
    SessionJournal journal = new SessionJournal(file);
    SessionTable table = new SessionTable(journal, MAX_IDLE, clock);
    table.apply(record(AccountingStatus.START, pgw, "live", "10.1.0.1", "234150000000001"));
    table.apply(record(AccountingStatus.START, pgw, "stopped", "10.1.0.2", "234150000000002"));
    table.apply(record(AccountingStatus.STOP, pgw, "stopped", "10.1.0.2", "234150000000002"));
    journal.close();
    // A crash mid-write leaves a torn last line: skipped, its packet was never answered.
    Files.writeString(file, Files.readString(file) + "{\"op\":\"put\",\"ip\":\"10.1.");

    SessionTable restarted = new SessionTable(new SessionJournal(file), MAX_IDLE, clock);
    assertThat(restarted.find(ip("10.1.0.1")).orElseThrow().sessionId()).isEqualTo("live");
    assertThat(restarted.find(ip("10.1.0.2"))).isEmpty();
    assertThat(restarted.size()).isEqualTo(1);
    // Compacted at start: one live line, nothing else.
    assertThat(Files.readAllLines(file)).hasSize(1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    clock.advance(Duration.ofHours(1));
    SessionTable later = new SessionTable(new SessionJournal(file), MAX_IDLE, clock);
    assertThat(later.size()).isZero();
  }

  private AccountingRecord record(
      AccountingStatus status, InetAddress nas, String sessionId, String framedIp, String imsi)
      throws IOException {
    return new AccountingRecord(
        status,
        nas,
        Optional.of(sessionId),
        Optional.of(ip(framedIp)),
        Optional.of(imsi),
        Optional.of("3520990017614801"),
        Optional.of("447700900001"),
        Optional.of("iot.simca"),
        Optional.of("23415"),
        Optional.of("EUTRAN-NB-IoT"),
        Optional.of(600));
  }

  private static InetAddress ip(String literal) throws IOException {
    return InetAddress.getByName(literal);
  }
}
