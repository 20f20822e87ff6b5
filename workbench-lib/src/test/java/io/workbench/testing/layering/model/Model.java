package io.workbench.testing.layering.model;

import io.workbench.testing.layering.model.engine.Engine;

/** Fixture: a core model type that imports an engine (forbidden). */
public interface Model {
  /** The engine behind the model. */
  Engine engine();
}
