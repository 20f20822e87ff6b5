package io.workbench.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;

/**
 * Writes a file so that readers see either the old contents or the new, never a mixture: the bytes go to a
 * fresh temporary file in the same folder ({@code .NAME.<random>.tmp}, created exclusively), are forced to
 * disk, and the temporary file is then renamed over the target in one atomic step. A failure or a kill
 * part-way leaves the previous file as it was; a failure also removes the temporary file.
 *
 * <pre>{@code
 * AtomicWrite.write(Path.of("target/notebooks/x.html"), out -> out.write(bytes));
 * }</pre>
 */
final class AtomicWrite {

  /** What writes the new contents. */
  @FunctionalInterface
  interface Body {
    /** Writes the whole contents to {@code out} (which the caller closes). */
    void write(OutputStream out) throws IOException;
  }

  private AtomicWrite() {}

  /** Replaces {@code file} with {@code text} (UTF-8) atomically. */
  static void writeString(Path file, String text) throws IOException {
    write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Replaces {@code file} with what {@code body} writes, atomically; creates missing parent folders. */
  static void write(Path file, Body body) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    if (Files.isDirectory(target)) {
      throw new IOException(file + " is a directory");
    }
    Path tmp = temporary(dir, target.getFileName().toString());
    boolean done = false;
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        body.write(out);   // the body may close the stream itself (Jackson does): closing again is harmless
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);    // the bytes reach the disk before the rename makes them the file
      }
      keepPermissions(target, tmp);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      done = true;
    } finally {
      if (!done) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** A new empty file beside the target, created exclusively (never follows a planted link). */
  private static Path temporary(Path dir, String name) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve("." + name + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
      try {
        return Files.createFile(tmp);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 10) {
          throw e;
        }
      }
    }
  }

  /** An overwritten file keeps its permissions (the temporary file got the process's defaults). */
  private static void keepPermissions(Path target, Path tmp) throws IOException {
    if (!Files.exists(target)) {
      return;
    }
    PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
    PosixFileAttributeView to = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
    if (from != null && to != null) {
      to.setPermissions(from.readAttributes().permissions());
    }
  }
}
