package io.workbench.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One input of a format: the files laid out in a folder (a WFDB record is a header, a signal file and an
 * annotation file; a saved model is a folder), by name.
 *
 * @param name a label for reports (the seed it came from)
 * @param files file name to content, in a stable order
 */
public record FuzzInput(String name, Map<String, byte[]> files) {

  /** Copies the map (keeping its order). */
  public FuzzInput {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
  }

  /** The same input with one file replaced. */
  public FuzzInput with(String file, byte[] content) {
    Map<String, byte[]> m = new LinkedHashMap<>(files);
    m.put(file, content);
    return new FuzzInput(name, m);
  }

  /**
   * Writes the files into {@code dir} (which must exist), replacing files of the same names; names with {@code /}
   * go into sub-folders (a saved pipeline holds its inner model in {@code model/}).
   */
  public void writeTo(Path dir) throws IOException {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path f = dir.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.write(f, e.getValue());
    }
  }

  /** Reads every regular file below a folder as an input, named by its path relative to the folder. */
  public static FuzzInput readFrom(Path dir) throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try (var s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        String name = dir.relativize(p).toString().replace(java.io.File.separatorChar, '/');
        if (!name.equals(FuzzReport.REPRODUCER_NOTE)) {
          m.put(name, Files.readAllBytes(p));
        }
      }
    }
    return new FuzzInput(dir.getFileName().toString(), m);
  }
}
