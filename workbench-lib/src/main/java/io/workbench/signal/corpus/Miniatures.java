package io.workbench.signal.corpus;

import io.workbench.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Helpers of the miniature writers: CSV quoting and atomic text files. */
final class Miniatures {

  private Miniatures() {}

  /** A CSV cell, quoted when it holds a comma, a quote or a line break. */
  static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Writes a text file atomically, failing with the file's name. */
  static void writeText(Path file, String text) {
    try {
      AtomicFiles.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
