package dev.tempest.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this Tempest build, as plugins' Plugin-Requires is checked against. */
public final class TempestVersion {

    private static final String CURRENT = read();

    private TempestVersion() {
    }

    public static String current() {
        return CURRENT;
    }

    private static String read() {
        try (InputStream in = TempestVersion.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("version.properties missing from the tempest-core jar", e);
        }
    }
}
