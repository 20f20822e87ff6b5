/** The Jupyter kernel (IJava base kernel + JShell), the headless notebook runner and the JShell launcher. */
package io.workbench.kernel;
