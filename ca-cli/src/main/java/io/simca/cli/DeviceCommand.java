package io.simca.cli;

import picocli.CommandLine.Command;

/** {@code simca device ...}: the reference device agent (device/ module). */
@Command(
    name = "device",
    mixinStandardHelpOptions = true,
    description = "Reference device agent: key, attestation token, EST enrolment, renewal.",
    subcommands = {DeviceEnrollCommand.class, DeviceRenewCommand.class})
final class DeviceCommand {}
