/**
 * Fixture classes with one deliberate layering violation per rule of {@code io.workbench.LayeringTest}; test
 * scope only, never part of the library.
 */
package io.workbench.testing.layering;
