package io.workbench.model.djl;

import java.util.ArrayList;
import java.util.List;

/**
 * The network kinds the workbench knows, by name: {@code linear}, {@code mlp}, {@code cnn1d}, {@code cnn2d},
 * and the published signal networks {@code eegnet} (EEGNet), {@code shallow_fbcsp} (ShallowFBCSPNet), {@code
 * deep4} (Deep4Net) and {@code resnet1d} (the PTB-XL benchmark's 1D ResNet). A new architecture adds one line
 * here.
 *
 * <pre>{@code
 * NetworkKinds.of("mlp").name();   // "mlp"
 * NetworkKinds.names();            // [linear, mlp, cnn1d, cnn2d, eegnet, shallow_fbcsp, deep4, resnet1d]
 * }</pre>
 */
public final class NetworkKinds {

  private static final List<NetworkKind> ALL = List.of(
      new Dense("linear", false),
      new Dense("mlp", true),
      new Cnn(false),
      new Cnn(true),
      new EegNet(),
      new ShallowFbcspNet(),
      new Deep4Net(),
      new ResNet1d());

  private NetworkKinds() {}

  /** The kind of this name, or an error listing the known names. */
  static NetworkKind of(String name) {
    for (NetworkKind k : ALL) {
      if (k.name().equals(name)) {
        return k;
      }
    }
    throw new IllegalArgumentException("Unknown network kind '" + name + "'; expected one of " + names());
  }

  /** The known names. */
  public static List<String> names() {
    List<String> out = new ArrayList<>();
    for (NetworkKind k : ALL) {
      out.add(k.name());
    }
    return out;
  }
}
