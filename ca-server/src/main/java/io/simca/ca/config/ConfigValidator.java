package io.simca.ca.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Semantic checks a type system cannot express (ranges, enumerations, relations between keys). */
final class ConfigValidator {

  static final Set<String> KEY_TYPES =
      Set.of("EC_P256", "EC_P384", "ED25519", "RSA_2048", "RSA_3072", "RSA_4096");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private final String source;

  ConfigValidator(String source) {
    this.source = source;
  }

  void validate(SimcaConfig c) {
    require(c.dataDir() != null && !c.dataDir().isBlank(), "dataDir", "must not be empty");
    listener("server.est", c.server().est());
    listener("server.http", c.server().http());
    listener("server.admin", c.server().admin());
    coap(c.server().coap());
    require(
        c.server().maxBodyBytes() >= 1024 && c.server().maxBodyBytes() <= 16 << 20,
        "server.maxBodyBytes",
        "must be between 1024 and 16777216, got " + c.server().maxBodyBytes());
    require(
        c.server().instances() >= 0 && c.server().instances() <= 256,
        "server.instances",
        "must be 0 (one per core) to 256");
    String url = c.server().publicUrl();
    require(
        url == null || url.isBlank() || url.startsWith("http://"),
        "server.publicUrl",
        "must be a plain http:// URL (RFC 5280 §4.2.1.13, RFC 6960 A.1: OCSP and CRL fetches must not need TLS)");
    positive("server.shutdownGrace", c.server().shutdownGrace());
    positive("server.idleTimeout", c.server().idleTimeout());
    positive("server.requestHeadTimeout", c.server().requestHeadTimeout());
    require(
        c.server().maxHeaderBytes() >= 1024 && c.server().maxHeaderBytes() <= 65536,
        "server.maxHeaderBytes",
        "must be 1024..65536, got " + c.server().maxHeaderBytes());
    require(
        c.server().maxHeaderCount() >= 8 && c.server().maxHeaderCount() <= 1000,
        "server.maxHeaderCount",
        "must be 8..1000, got " + c.server().maxHeaderCount());
    require(
        c.server().maxConnections() >= 16 && c.server().maxConnections() <= 1_000_000,
        "server.maxConnections",
        "must be 16..1000000, got " + c.server().maxConnections());

    require(
        c.store().poolSize() >= 1 && c.store().poolSize() <= 512,
        "store.poolSize",
        "must be 1..512");
    require(
        c.store().embedded()
            || c.store().url().startsWith("jdbc:h2:")
            || c.store().url().startsWith("jdbc:postgresql:"),
        "store.url",
        "must be empty (embedded H2), jdbc:h2:... or jdbc:postgresql://...");
    positive("store.connectionTimeout", c.store().connectionTimeout());
    require(
        c.store().h2CompactInterval().isZero() || c.store().h2CompactInterval().toMillis() >= 100,
        "store.h2CompactInterval",
        "must be 0s (off) or at least 100ms");

    require(
        c.ca().defaultLabel() != null && LABEL.matcher(c.ca().defaultLabel()).matches(),
        "ca.defaultLabel",
        "must be 1-32 lowercase letters, digits or '-'");
    positive("ca.ocspResponderRenewBefore", c.ca().ocspResponderRenewBefore());
    keys(c.ca().keys());
    BulkheadsConfig b = c.server().bulkheads();
    pool("server.bulkheads.enrollment", b.enrollment());
    pool("server.bulkheads.ocsp", b.ocsp());
    pool("server.bulkheads.admin", b.admin());
    pool("server.bulkheads.imports", b.imports());
    pool("server.bulkheads.health", b.health());

    positive("profile.validity", c.profile().validity());
    require(
        c.profile().validity().compareTo(Duration.ofDays(30)) <= 0,
        "profile.validity",
        "must be at most 30d: simca issues short-lived certificates");
    require(
        !c.profile().backdate().isNegative()
            && c.profile().backdate().compareTo(Duration.ofHours(1)) <= 0,
        "profile.backdate",
        "must be 0..1h");
    List<String> keys = c.profile().allowedKeys();
    require(
        keys != null && !keys.isEmpty(), "profile.allowedKeys", "must name at least one key type");
    for (String k : keys) {
      require(
          KEY_TYPES.contains(k),
          "profile.allowedKeys",
          "unknown key type '" + k + "' (one of " + KEY_TYPES + ")");
    }

    PolicyConfig p = c.policy();
    require(
        !p.clockSkew().isNegative() && p.clockSkew().compareTo(Duration.ofMinutes(10)) <= 0,
        "policy.clockSkew",
        "must be 0..10m");
    positive("policy.maxTokenLifetime", p.maxTokenLifetime());
    require(
        p.maxTokenLifetime().compareTo(Duration.ofMinutes(5)) <= 0,
        "policy.maxTokenLifetime",
        "must be at most 300s (DESIGN.md: exp - iat at most 300 s)");
    require(
        p.maxEnrollmentsPerHour() >= 0,
        "policy.maxEnrollmentsPerHour",
        "must be >= 0 (0 = no limit)");
    p.tacAllowlist()
        .forEach(
            (tenant, tacs) ->
                tacs.forEach(
                    tac ->
                        require(
                            tac != null && tac.length() == 8 && DIGITS.matcher(tac).matches(),
                            "policy.tacAllowlist." + tenant,
                            "TACs are 8 digits, got '" + tac + "'")));
    p.allowedMccMnc()
        .forEach(
            m ->
                require(
                    m.length() >= 5 && m.length() <= 6 && DIGITS.matcher(m).matches(),
                    "policy.allowedMccMnc",
                    "MCC+MNC is 5 or 6 digits, got '" + m + "'"));

    positive("ocsp.validity", c.ocsp().validity());
    positive("ocsp.refreshInterval", c.ocsp().refreshInterval());
    require(
        c.ocsp().refreshInterval().compareTo(c.ocsp().validity()) < 0,
        "ocsp.refreshInterval",
        "must be shorter than ocsp.validity, or responses expire before they are re-signed");
    require(
        "ignore".equals(c.ocsp().nonce()) || "sign".equals(c.ocsp().nonce()),
        "ocsp.nonce",
        "must be 'ignore' or 'sign', got '" + c.ocsp().nonce() + "'");
    require(
        c.ocsp().maxRequestBytes() >= 256 && c.ocsp().maxRequestBytes() <= 1 << 20,
        "ocsp.maxRequestBytes",
        "must be 256..1048576");

    positive("crl.validity", c.crl().validity());
    positive("crl.interval", c.crl().interval());
    require(
        c.crl().interval().compareTo(c.crl().validity()) < 0,
        "crl.interval",
        "must be shorter than crl.validity");
    require(
        !c.crl().debounce().isNegative()
            && c.crl().debounce().compareTo(Duration.ofSeconds(5)) <= 0,
        "crl.debounce",
        "must be 0..5s (a revocation must reach the CRL within seconds)");
  }

  private void listener(String key, ListenerConfig l) {
    require(l.host() != null && !l.host().isBlank(), key + ".host", "must not be empty");
    require(l.port() >= 0 && l.port() <= 65535, key + ".port", "must be 0..65535, got " + l.port());
  }

  private void coap(CoapListenerConfig coap) {
    listener("server.coap", coap.listener());
    require(
        coap.maxBodyBytes() >= 1024 && coap.maxBodyBytes() <= 65536,
        "server.coap.maxBodyBytes",
        "must be 1024..65536, got " + coap.maxBodyBytes());
    // RFC 7959 §2.2: SZX encodes block sizes 2^(4+SZX), 16..1024 bytes.
    require(
        coap.blockSize() >= 16
            && coap.blockSize() <= 1024
            && Integer.bitCount(coap.blockSize()) == 1,
        "server.coap.blockSize",
        "must be a power of two from 16 to 1024, got " + coap.blockSize());
    require(
        coap.maxPeers() >= 1 && coap.maxPeers() <= 1_000_000,
        "server.coap.maxPeers",
        "must be 1..1000000, got " + coap.maxPeers());
  }

  private void positive(String key, Duration d) {
    require(d != null && !d.isNegative() && !d.isZero(), key, "must be a positive duration");
  }

  private void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new ConfigException(source + ": key '" + key + "': " + problem);
    }
  }

  private void keys(KeysConfig k) {
    require(
        KeysConfig.PKCS12.equals(k.provider()) || KeysConfig.PKCS11.equals(k.provider()),
        "ca.keys.provider",
        "must be pkcs12 or pkcs11, got '" + k.provider() + "'");
    if (!k.usesToken()) {
      return;
    }
    KeysConfig.Pkcs11Config p = k.pkcs11();
    require(
        p.library() != null && !p.library().isBlank(),
        "ca.keys.pkcs11.library",
        "must name the PKCS#11 module (e.g. /usr/lib/softhsm/libsofthsm2.so) when ca.keys.provider is pkcs11");
    require(
        p.slot() >= -1, "ca.keys.pkcs11.slot", "must be a slot id >= 0, or -1 for slotListIndex");
    require(p.slotListIndex() >= 0, "ca.keys.pkcs11.slotListIndex", "must be >= 0");
    require(
        !(p.pinFile() == null || p.pinFile().isBlank()) || !(p.pin() == null || p.pin().isEmpty()),
        "ca.keys.pkcs11.pinFile",
        "must name the token's PIN file (or set SIMCA_CA_KEYS_PKCS11_PIN) when ca.keys.provider is pkcs11");
  }

  private void pool(String key, BulkheadsConfig.Pool p) {
    require(
        p.threads() >= 1 && p.threads() <= 1024,
        key + ".threads",
        "must be 1..1024, got " + p.threads());
    require(
        p.queue() >= 0 && p.queue() <= 1_000_000,
        key + ".queue",
        "must be 0..1000000, got " + p.queue());
  }
}
