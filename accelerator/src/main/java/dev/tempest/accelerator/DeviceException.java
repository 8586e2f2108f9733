package dev.tempest.accelerator;

/** A device that cannot be found, opened or used; the message names the device. */
public class DeviceException extends RuntimeException {

    public DeviceException(String message) {
        super(message);
    }

    public DeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
