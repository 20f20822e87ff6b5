/**
 * How cells run: in-process JShell execution ({@link io.workbench.kernel.exec.CellExecutionControl}) with
 * cell classes rewritten by {@link io.workbench.kernel.exec.CellInstrumenter} so an interrupt stops a
 * runaway loop and {@code System.exit} cannot end the kernel ({@link io.workbench.kernel.exec.CellGuard}).
 */
package io.workbench.kernel.exec;
