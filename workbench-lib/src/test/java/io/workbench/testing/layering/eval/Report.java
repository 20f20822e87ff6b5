package io.workbench.testing.layering.eval;

/** Fixture: a result type. */
public final class Report {}
