package io.workbench.testing.layering.cyclea;

import io.workbench.testing.layering.cycleb.B;
import io.workbench.testing.layering.kernel.Session;

/** Fixture: one half of a package cycle, and library code that imports the kernel (forbidden). */
public final class A {
  /** The other half. */
  public B b;
  /** A kernel session. */
  public Session session;
}
