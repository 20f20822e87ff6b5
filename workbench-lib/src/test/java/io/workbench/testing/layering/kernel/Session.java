package io.workbench.testing.layering.kernel;

/** Fixture: kernel code. */
public final class Session {}
