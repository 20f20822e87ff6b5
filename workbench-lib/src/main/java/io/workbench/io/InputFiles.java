package io.workbench.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks for files that a reader is about to open: the file exists and is a regular file (not a directory,
 * FIFO, device or socket, which could block for ever or never end), it is not larger than the reader can
 * hold, the heap has room for what the reader will build from it, and a file named inside another file
 * stays in that file's folder. Every failure is an {@link IllegalArgumentException} that names the file.
 *
 * <pre>{@code
 * byte[] b = InputFiles.readAll(Path.of("rec.edf"), "EDF file", Integer.MAX_VALUE - 8);
 * Path dat = InputFiles.resolveInside(header.getParent(), "100.dat", "WFDB signal file named in " + header);
 * }</pre>
 */
public final class InputFiles {

  /** The largest array a JVM allocates reliably. */
  public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private InputFiles() {}

  /**
   * Checks that {@code file} exists and is a regular file (following links) and returns its size.
   *
   * @param what how the file is described in messages, for example {@code "EDF file"}
   */
  public static long requireRegularFile(Path file, String what) {
    if (file == null) {
      throw new IllegalArgumentException(what + ": the path is null");
    }
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(what + " " + file + " does not exist");
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(what + " " + file + " is a directory, expected a file");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(what + " " + file
          + " is not a regular file (a FIFO, device or socket); copy the data into a file first");
    }
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads a whole regular file of at most {@code maxBytes} bytes (also when it grows while being read).
   *
   * @throws IllegalArgumentException naming the file when it is missing, not regular, too large or unreadable
   */
  public static byte[] readAll(Path file, String what, long maxBytes) {
    long size = requireRegularFile(file, what);
    long limit = Math.min(maxBytes, MAX_ARRAY);
    if (size > limit) {
      throw new IllegalArgumentException(what + " " + file + " has " + size + " bytes; at most " + limit
          + " are read at once");
    }
    requireHeap(size, what + " " + file);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes((int) Math.min(limit + 1, MAX_ARRAY));
      if (b.length > limit) {
        throw new IllegalArgumentException(what + " " + file + " grew beyond " + limit + " bytes while being read");
      }
      return b;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(what + " " + file + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read " + what + " " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Resolves a file name found inside a file (a WFDB header's signal file, a model description's weights)
   * against {@code dir} and checks that the result stays inside {@code dir}: no absolute path, no {@code ..}
   * that leaves it, no NUL or other character the file system rejects.
   *
   * @param what how the name is described in messages, for example {@code "signal file named in 100.hea"}
   */
  public static Path resolveInside(Path dir, String name, String what) {
    Path p = resolve(dir, name, what);
    Path base = dir.toAbsolutePath().normalize();
    if (!p.startsWith(base) || p.equals(base)) {
      throw new IllegalArgumentException(what + " is '" + printable(name) + "', which points outside the folder "
          + base + "; only files in that folder (or below it) are read");
    }
    return p;
  }

  /** Resolves a file name found inside a file against {@code dir}, wherever it points (the caller opted in). */
  public static Path resolve(Path dir, String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    if (name.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(what + " '" + printable(name) + "' contains a NUL character");
    }
    try {
      return dir.toAbsolutePath().resolve(name).normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(what + " '" + printable(name) + "' is not a valid file name: "
          + e.getReason(), e);
    }
  }

  /**
   * Fails fast when building {@code bytes} bytes of arrays would exhaust the heap (after one collection),
   * instead of an {@link OutOfMemoryError} half-way.
   */
  public static void requireHeap(long bytes, String what) {
    if (bytes <= free()) {
      return;
    }
    System.gc();
    long free = free();
    if (bytes > free) {
      throw new IllegalArgumentException(what + " needs about " + mib(bytes) + " MiB of memory but the JVM has "
          + mib(free) + " MiB free (of -Xmx " + mib(Runtime.getRuntime().maxMemory())
          + " MiB); start Java with a larger -Xmx or read a smaller part");
    }
  }

  private static long free() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  private static long mib(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }

  /** The string with control characters written as {@code \xNN}, for messages. */
  public static String printable(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && i < 200; i++) {
      char c = s.charAt(i);
      out.append(c < 32 || c == 127 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    if (s.length() > 200) {
      out.append("...");
    }
    return out.toString();
  }
}
