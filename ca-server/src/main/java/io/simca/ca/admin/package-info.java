/**
 * Operator services shared by the admin API ({@code io.simca.ca.server.admin}) and the CLI: the SIM
 * inventory (CSV import, show, list, resume), certificate and audit reads. Each change is audited
 * with the operator's identity. Everything here does blocking JDBC: the server calls it through
 * {@code ServerContext.blocking()}.
 */
package io.simca.ca.admin;
