package io.workbench.signal.corpus;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks shared by the layouts: the folder the user points at, and files that must be in it. */
final class Layouts {

  private Layouts() {}

  /** Fails naming {@code dir} when it is null, missing or not a folder. */
  static void requireFolder(Path dir, String what) {
    if (dir == null) {
      throw new IllegalArgumentException(what + ": the path is null");
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(what + " " + dir + (Files.exists(dir) ? " is not a folder"
          : " does not exist") + "; point at the folder you downloaded");
    }
  }
}
