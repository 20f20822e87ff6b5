package io.workbench.testing.layering.cycleb;

import io.workbench.testing.layering.cyclea.A;

/** Fixture: the other half of the cycle. */
public final class B {
  /** The first half. */
  public A a;
}
