package io.simca.ca.hierarchy;

import io.simca.ca.pki.OperatorRole;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/** An operator credential written to {@code operators/<name>.p12} with its passphrase file. */
public record OperatorCredential(
    String name, OperatorRole role, Path p12, Path passFile, X509Certificate certificate) {}
