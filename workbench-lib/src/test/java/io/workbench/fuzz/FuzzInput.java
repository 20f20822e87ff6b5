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

  /** Writes the files into {@code dir} (which must exist), replacing files of the same names. */
  public void writeTo(Path dir) throws IOException {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
  }

  /** Reads every regular file of a folder as an input. */
  public static FuzzInput readFrom(Path dir) throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try (var s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().equals(FuzzReport.REPRODUCER_NOTE)) {
          m.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
      }
    }
    return new FuzzInput(dir.getFileName().toString(), m);
  }
}
