package dev.tempest.plugin;

/**
 * One extension a plugin provides, as {@code tempest plugins} shows it.
 *
 * @param kind  the extension point, like {@code DatasetLoader}
 * @param id    the id configurations name it by; empty when it could not be loaded
 * @param type  the implementing class
 * @param error why it could not be loaded; empty when it loaded
 */
public record ExtensionSummary(String kind, String id, String type, String error) {
}
