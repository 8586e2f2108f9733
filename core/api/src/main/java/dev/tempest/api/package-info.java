/**
 * The extension points of Tempest and the value records they exchange.
 *
 * <p>A plugin is a PF4J plugin jar: its manifest names {@code Plugin-Id}, {@code Plugin-Version}
 * and {@code Plugin-Requires} (the Tempest versions it works with, for example
 * {@code >=0.1.0 & <0.2.0}), and each implementation carries PF4J's {@code @Extension}
 * annotation so that the annotation processor lists it in {@code META-INF/extensions.idx}.
 * Compile against this jar with {@code provided} scope; never bundle it or PF4J.
 *
 * <p>Every extension names itself with {@link dev.tempest.api.TempestExtension#id()}; a run
 * configuration refers to extensions by that id.
 */
package dev.tempest.api;
