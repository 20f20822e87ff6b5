package io.workbench.model.djl;

import java.util.Locale;

/**
 * Which device a network runs on: the CPU unless the engine sees a GPU, overridable per trainer ({@code
 * NeuralTrainer.device("cpu")}) or for the whole JVM with the system property {@code workbench.device=cpu|gpu}.
 * A pure function of its inputs, so the rule is testable without a GPU.
 *
 * <pre>{@code
 * DeviceChoice.resolve("auto", null, 1);   // "gpu"
 * DeviceChoice.resolve(null, "cpu", 1);    // "cpu" (system property)
 * DeviceChoice.resolve("gpu", null, 0);    // IllegalArgumentException: no GPU visible
 * }</pre>
 */
public final class DeviceChoice {

  /** The system property that overrides the automatic choice for the whole JVM. */
  public static final String PROPERTY = "workbench.device";

  private DeviceChoice() {}

  /**
   * Chooses {@code "cpu"} or {@code "gpu"}.
   *
   * @param option the trainer's option ({@code cpu}, {@code gpu}, {@code auto}) or {@code null} for none; it
   *     wins over the system property
   * @param property the value of {@link #PROPERTY}, or {@code null} when unset
   * @param gpuCount GPUs the engine sees
   * @throws IllegalArgumentException for an unknown value, or {@code gpu} with no GPU visible
   */
  public static String resolve(String option, String property, int gpuCount) {
    String asked = normalise(option, "device option");
    if (asked.equals("auto")) {
      asked = normalise(property, "system property " + PROPERTY);
    }
    switch (asked) {
      case "cpu":
        return "cpu";
      case "gpu":
        if (gpuCount <= 0) {
          throw new IllegalArgumentException(
              "Device 'gpu' was asked for but the PyTorch engine sees no GPU; build with -Pgpu (CUDA natives) on a"
                  + " machine with an NVIDIA GPU, or use device 'cpu'");
        }
        return "gpu";
      default:
        return gpuCount > 0 ? "gpu" : "cpu";
    }
  }

  private static String normalise(String value, String what) {
    if (value == null || value.isBlank()) {
      return "auto";
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (!v.equals("cpu") && !v.equals("gpu") && !v.equals("auto")) {
      throw new IllegalArgumentException(
          "Unknown device '" + value + "' in " + what + "; expected one of cpu, gpu, auto");
    }
    return v;
  }
}
