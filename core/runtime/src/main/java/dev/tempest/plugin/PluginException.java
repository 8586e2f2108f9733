package dev.tempest.plugin;

/** A plugin or extension that a command needs is missing or unusable. */
public final class PluginException extends Exception {

    public PluginException(String message) {
        super(message);
    }
}
