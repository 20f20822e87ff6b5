package io.workbench.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Atomic replacement of files and directories: the new content is written to a temporary sibling (same
 * directory, so the same file system), flushed to disk, and moved over the target with one {@code rename}.
 * Readers see the old content or the new one, never a mix; a write that fails half-way (disk full, an
 * exception in the code producing the bytes, a killed JVM) leaves the previous file as it was and removes
 * the temporary one. Permissions of a replaced file are kept; new files get the process's default ones.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("fig.png"), out -> ImageIO.write(image, "png", out));
 * AtomicFiles.writeString(Path.of("notes.txt"), "hello");
 * AtomicFiles.replaceDirectory(Path.of("models/mlp"), Set.of("model.json", "parameters.params"), tmp -> {
 *   Files.write(tmp.resolve("parameters.params"), weights);
 *   Files.writeString(tmp.resolve("model.json"), json);
 * });
 * }</pre>
 *
 * <p>A directory cannot be swapped for another in one step on POSIX file systems, so {@link
 * #replaceDirectory} moves the old directory aside, moves the new one in and then deletes the old one. A
 * crash between the two moves leaves the target missing and the complete previous version in a hidden
 * sibling, which {@link #interruptedBackup(Path)} finds; never a mix of old and new files.
 */
public final class AtomicFiles {

  /** Writes the content of a file to a stream (the stream is closed by {@link AtomicFiles}). */
  @FunctionalInterface
  public interface Body {
    /** Writes everything; may throw to abandon the write (the target is then left unchanged). */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Fills a fresh, empty directory with the files of a new version. */
  @FunctionalInterface
  public interface DirectoryBody {
    /** Writes the files into {@code dir}; may throw to abandon the write (the target is then left unchanged). */
    void fill(Path dir) throws IOException;
  }

  private static final String NEW_MARK = ".new-";
  private static final String OLD_MARK = ".old-";

  private AtomicFiles() {}

  /** Replaces {@code target} by the bytes {@code body} writes; returns {@code target}. */
  public static Path write(Path target, Body body) throws IOException {
    if (target == null || body == null) {
      throw new IllegalArgumentException("AtomicFiles.write needs a target path and a body, got "
          + target + " and " + body);
    }
    Path file = realTarget(target);
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("Cannot write the file " + target + ": it is a directory");
    }
    Path dir = file.getParent();
    Files.createDirectories(dir);
    Path tmp = null;
    try {
      tmp = createSibling(dir, file.getFileName().toString(), false);
      copyPermissions(file, tmp);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
          OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
        body.writeTo(new Unclosable(out));
        out.flush();
        ch.force(true);
      }
      move(tmp, file, true);
      tmp = null;
      syncDirectory(dir);
      return target;
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** Replaces {@code target} by {@code bytes}; returns {@code target}. */
  public static Path write(Path target, byte[] bytes) throws IOException {
    if (bytes == null) {
      throw new IllegalArgumentException("AtomicFiles.write(" + target + ", bytes): bytes is null");
    }
    return write(target, out -> out.write(bytes));
  }

  /** Replaces {@code target} by {@code text} in UTF-8; returns {@code target}. */
  public static Path writeString(Path target, String text) throws IOException {
    if (text == null) {
      throw new IllegalArgumentException("AtomicFiles.writeString(" + target + ", text): text is null");
    }
    return write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Replaces the directory {@code target} by a new version that {@code body} writes into an empty temporary
   * sibling. An existing target may hold only what a previous save wrote: the files named in {@code ownNames},
   * as paths relative to the target ({@code "model.json"}, or {@code "model/booster.ubj"} for a file in a
   * sub-folder), and the folders on those paths ({@code model}). Anything else there (another file, a file in an
   * own folder, a link, a folder where a file belongs) is refused with an {@link IllegalArgumentException} naming
   * it, rather than deleted. Returns {@code target}.
   */
  public static Path replaceDirectory(Path target, Set<String> ownNames, DirectoryBody body) throws IOException {
    if (target == null || ownNames == null || body == null) {
      throw new IllegalArgumentException("AtomicFiles.replaceDirectory needs a target, the names it owns and a body");
    }
    Set<String> ownFolders = ownFolders(ownNames);
    Path dir = realTarget(target);
    Path parent = dir.getParent();
    if (parent == null) {
      throw new IllegalArgumentException("Cannot replace the root directory " + target);
    }
    if (Files.exists(dir)) {
      checkReplaceable(target, dir, ownNames, ownFolders);
    }
    Files.createDirectories(parent);
    String name = dir.getFileName().toString();
    Path fresh = createSibling(parent, name + NEW_MARK, true);
    boolean done = false;
    try {
      body.fill(fresh);
      syncTree(fresh);
      copyPermissions(dir, fresh);
      if (!Files.exists(dir)) {
        move(fresh, dir, false);
      } else {
        checkReplaceable(target, dir, ownNames, ownFolders);
        Path old = createName(parent, name + OLD_MARK);
        move(dir, old, false);
        try {
          move(fresh, dir, false);
        } catch (IOException | RuntimeException e) {
          move(old, dir, false);
          throw e;
        }
        syncDirectory(parent);
        deleteTree(old);
      }
      done = true;
      syncDirectory(parent);
      return target;
    } finally {
      if (!done) {
        deleteTree(fresh);
      }
    }
  }

  /**
   * The complete previous version of {@code dir} that an interrupted {@link #replaceDirectory} left in a
   * hidden sibling, if {@code dir} is missing and there is one; loaders name it in their error message.
   */
  public static Optional<Path> interruptedBackup(Path dir) {
    if (dir == null) {
      return Optional.empty();
    }
    Path abs = dir.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    if (parent == null || abs.getFileName() == null || Files.exists(abs) || !Files.isDirectory(parent)) {
      return Optional.empty();
    }
    String prefix = "." + abs.getFileName() + OLD_MARK;
    try (Stream<Path> s = Files.list(parent)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * For a loader's "not found" message: {@code " (an interrupted save left the previous version in X; rename it
   * to NAME)"} when {@link #interruptedBackup} finds one, else the empty string.
   */
  public static String interruptedSaveHint(Path dir) {
    return interruptedBackup(dir).map(b -> " (an interrupted save left the previous version in " + b
        + "; rename it to " + dir.getFileName() + ")").orElse("");
  }

  /** The folders on the paths of the own names, which must be relative paths of files that stay inside. */
  private static Set<String> ownFolders(Set<String> ownNames) {
    Set<String> ownFolders = new java.util.HashSet<>();
    for (String own : ownNames) {
      if (own == null || own.isEmpty() || own.startsWith("/") || own.endsWith("/") || java.util.Arrays.stream(
          own.split("/")).anyMatch(part -> part.isEmpty() || part.equals(".") || part.equals(".."))) {
        throw new IllegalArgumentException("AtomicFiles.replaceDirectory: own name '" + own
            + "' is not a relative path of a file (such as model.json or model/booster.ubj)");
      }
      for (int slash = own.indexOf('/'); slash >= 0; slash = own.indexOf('/', slash + 1)) {
        ownFolders.add(own.substring(0, slash));
      }
    }
    return ownFolders;
  }

  private static void checkReplaceable(Path target, Path dir, Set<String> ownNames, Set<String> ownFolders)
      throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(target + " exists and is not a directory; choose a new or empty directory");
    }
    List<String> foreign = new ArrayList<>();
    Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
      @Override
      public java.nio.file.FileVisitResult preVisitDirectory(Path d, java.nio.file.attribute.BasicFileAttributes a) {
        if (d.equals(dir) || ownFolders.contains(relative(dir, d))) {
          return java.nio.file.FileVisitResult.CONTINUE;
        }
        foreign.add(relative(dir, d) + "/");
        return java.nio.file.FileVisitResult.SKIP_SUBTREE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
        if (!a.isRegularFile() || !ownNames.contains(relative(dir, f))) {
          foreign.add(relative(dir, f));
        }
        return java.nio.file.FileVisitResult.CONTINUE;
      }

      @Override
      public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) {
        foreign.add(relative(dir, f) + " (unreadable: " + e.getMessage() + ")");
        return java.nio.file.FileVisitResult.CONTINUE;
      }
    });
    if (!foreign.isEmpty()) {
      java.util.Collections.sort(foreign);
      throw new IllegalArgumentException("Cannot replace the directory " + target + ": besides the files a save writes "
          + new java.util.TreeSet<>(ownNames) + " it holds " + (foreign.size() > 10 ? foreign.subList(0, 10) + " ..."
              : foreign) + ", which would be lost; save into a new or empty directory");
    }
  }

  private static String relative(Path dir, Path p) {
    return dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
  }

  private static Path realTarget(Path target) throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    if (Files.isSymbolicLink(abs) && Files.exists(abs)) {
      return abs.toRealPath();
    }
    if (abs.getFileName() == null) {
      throw new IllegalArgumentException("Cannot write to " + target + ": it names no file");
    }
    return abs;
  }

  private static Path createSibling(Path dir, String stem, boolean directory) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path p = createName(dir, stem);
      try {
        return directory ? Files.createDirectory(p) : Files.createFile(p);
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  private static Path createName(Path dir, String stem) {
    String suffix = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    return dir.resolve("." + stem + (stem.endsWith("-") ? "" : ".") + suffix + ".tmp");
  }

  private static void move(Path from, Path to, boolean replace) throws IOException {
    try {
      if (replace) {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("The file system of " + to + " cannot rename atomically; " + e.getMessage(), e);
    }
  }

  private static void copyPermissions(Path from, Path to) {
    try {
      if (Files.exists(from)) {
        Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
      }
    } catch (IOException | UnsupportedOperationException e) {
      // not a POSIX file system, or not ours to read: the new file keeps the default permissions
    }
  }

  private static void syncTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.force(true);
          }
        }
      }
    }
    syncDirectory(dir);
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // some platforms cannot open a directory for syncing; the rename is still atomic there
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> all = s.sorted(java.util.Comparator.reverseOrder()).toList();
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Keeps a body from closing the file before it is flushed, synced and moved. */
  private static final class Unclosable extends java.io.FilterOutputStream {
    Unclosable(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
