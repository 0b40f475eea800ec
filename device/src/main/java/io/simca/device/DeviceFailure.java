package io.simca.device;

/** A step of enrolment or renewal failed; the message is one line for the operator's log. */
public final class DeviceFailure extends RuntimeException {

  private final int httpStatus;

  public DeviceFailure(String message) {
    this(message, 0);
  }

  public DeviceFailure(String message, int httpStatus) {
    super(message);
    this.httpStatus = httpStatus;
  }

  /** The HTTP status that refused the step, or 0 when it never got one (network, local files). */
  public int httpStatus() {
    return httpStatus;
  }
}
