package dev.tempest.cli;

import dev.tempest.core.TempestVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code tempest --version}: Tempest's version and the Java it runs on. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "tempest " + TempestVersion.current(),
            "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
        };
    }
}
