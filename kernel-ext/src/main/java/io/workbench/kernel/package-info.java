/**
 * The Jupyter kernel (JShell evaluating cells in-process, the protocol spoken by {@code KernelServer} over
 * {@link io.workbench.kernel.wire}), the headless notebook runner and the JShell launcher.
 */
package io.workbench.kernel;
