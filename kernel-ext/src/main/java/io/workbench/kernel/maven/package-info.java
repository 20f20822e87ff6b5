/**
 * Maven dependencies for the kernel's {@code %maven}, {@code %mavenRepo} and {@code %%loadFromPOM} magics: Apache
 * Maven Resolver with the user's {@code ~/.m2/settings.xml}, offline first. Nothing here is loaded until a cell uses
 * one of those magics.
 *
 * <pre>{@code
 * %maven org.apache.commons:commons-csv:1.10.0
 * }</pre>
 */
package io.workbench.kernel.maven;
