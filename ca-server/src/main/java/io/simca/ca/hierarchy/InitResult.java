package io.simca.ca.hierarchy;

import java.security.cert.X509Certificate;

/**
 * What {@code simca ca init} created.
 *
 * @param devHierarchy true when the root passphrase was generated into {@code ca/root.pass}: the
 *     CLI warns that the offline root key sits next to its passphrase
 */
public record InitResult(
    DataDir dataDir,
    boolean devHierarchy,
    X509Certificate root,
    X509Certificate issuingCa,
    X509Certificate ocspResponder,
    X509Certificate tlsServer,
    X509Certificate adminOperator) {}
