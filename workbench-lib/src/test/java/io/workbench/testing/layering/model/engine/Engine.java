package io.workbench.testing.layering.model.engine;

/** Fixture: an engine class. */
public final class Engine {}
