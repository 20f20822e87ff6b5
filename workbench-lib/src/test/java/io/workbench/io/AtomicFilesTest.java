package io.workbench.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and directories are replaced whole or not at all, and no temporary file outlives a write. */
class AtomicFilesTest {

  @TempDir Path dir;

  private List<String> names(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aBodyThatFailsHalfWayLeavesTheOldFileAndNoTemporary() throws IOException {
    Path f = Files.writeString(dir.resolve("a.txt"), "old content");
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
      out.write("new cont".getBytes());
      throw new IOException("No space left on device");
    }));
    assertEquals("No space left on device", e.getMessage());
    assertEquals("old content", Files.readString(f));
    assertEquals(List.of("a.txt"), names(dir), "no temporary file left");
    assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, out -> {
      throw new IllegalStateException("renderer failed");
    }));
    assertEquals("old content", Files.readString(f));
    assertEquals(List.of("a.txt"), names(dir));
  }

  @Test
  void replacesContentCreatesFoldersAndKeepsPermissions() throws IOException {
    Path f = Files.writeString(dir.resolve("b.txt"), "old");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
    AtomicFiles.writeString(f, "new");
    assertEquals("new", Files.readString(f));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    Path deep = dir.resolve("x/y/c.bin");
    AtomicFiles.write(deep, new byte[] {1, 2, 3});
    assertEquals(3, Files.size(deep));
    Path folder = Files.createDirectories(dir.resolve("folder"));
    String msg = assertThrows(IllegalArgumentException.class, () -> AtomicFiles.writeString(folder, "x")).getMessage();
    assertTrue(msg.contains("folder") && msg.contains("directory"), msg);
  }

  @Test
  void aLinkIsFollowedNotReplaced() throws IOException {
    Path real = Files.writeString(dir.resolve("real.txt"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.txt"), real);
    AtomicFiles.writeString(link, "new");
    assertTrue(Files.isSymbolicLink(link), "the link stays a link");
    assertEquals("new", Files.readString(real));
  }

  @Test
  void directoryIsSwitchedWholeOrNotAtAll() throws IOException {
    Path model = dir.resolve("model");
    Set<String> own = Set.of("weights", "meta.json");
    AtomicFiles.replaceDirectory(model, own, tmp -> {
      Files.writeString(tmp.resolve("weights"), "w1");
      Files.writeString(tmp.resolve("meta.json"), "m1");
    });
    assertEquals(List.of("meta.json", "weights"), names(model));
    // the second save fails after writing the weights: the first version stays complete
    assertThrows(IOException.class, () -> AtomicFiles.replaceDirectory(model, own, tmp -> {
      Files.writeString(tmp.resolve("weights"), "w2");
      throw new IOException("disk full");
    }));
    assertEquals("w1", Files.readString(model.resolve("weights")));
    assertEquals("m1", Files.readString(model.resolve("meta.json")));
    assertEquals(List.of("model"), names(dir), "no temporary directory left");
    AtomicFiles.replaceDirectory(model, own, tmp -> {
      Files.writeString(tmp.resolve("weights"), "w3");
      Files.writeString(tmp.resolve("meta.json"), "m3");
    });
    assertEquals("w3", Files.readString(model.resolve("weights")));
    assertEquals("m3", Files.readString(model.resolve("meta.json")));
    assertEquals(List.of("model"), names(dir), "the old version is removed after the switch");
  }

  @Test
  void ownFilesInSubFoldersAreReplacedAnythingElseThereIsRefused() throws IOException {
    Path saved = dir.resolve("pipeline");
    Set<String> own = Set.of("pipeline.json", "model/model.json", "model/booster.ubj");
    AtomicFiles.DirectoryBody body = tmp -> {
      Files.writeString(tmp.resolve("pipeline.json"), "{}");
      Files.createDirectories(tmp.resolve("model"));
      Files.writeString(tmp.resolve("model/model.json"), "{}");
    };
    AtomicFiles.replaceDirectory(saved, own, body);
    AtomicFiles.replaceDirectory(saved, own, body);
    assertEquals(List.of("model", "pipeline.json"), names(saved));
    // a file of the user's inside the own folder was deleted with it (only top-level names were checked)
    Files.writeString(saved.resolve("model/notes.txt"), "mine");
    String msg = assertThrows(IllegalArgumentException.class, () -> AtomicFiles.replaceDirectory(saved, own, body))
        .getMessage();
    assertTrue(msg.contains("model/notes.txt") && msg.contains("new or empty directory"), msg);
    assertEquals("mine", Files.readString(saved.resolve("model/notes.txt")));
    Files.delete(saved.resolve("model/notes.txt"));
    // a folder where a file belongs, and a folder that no own file lies in
    Files.createDirectories(saved.resolve("model/booster.ubj"));
    msg = assertThrows(IllegalArgumentException.class, () -> AtomicFiles.replaceDirectory(saved, own, body))
        .getMessage();
    assertTrue(msg.contains("model/booster.ubj/"), msg);
    Files.delete(saved.resolve("model/booster.ubj"));
    Files.createDirectories(saved.resolve("data"));
    msg = assertThrows(IllegalArgumentException.class, () -> AtomicFiles.replaceDirectory(saved, own, body))
        .getMessage();
    assertTrue(msg.contains("data/"), msg);
    Files.delete(saved.resolve("data"));
    // a link to a folder outside, named like an own folder, is not followed into
    Files.delete(saved.resolve("model/model.json"));
    Files.delete(saved.resolve("model"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("model.json"), "theirs");
    Files.createSymbolicLink(saved.resolve("model"), elsewhere);
    msg = assertThrows(IllegalArgumentException.class, () -> AtomicFiles.replaceDirectory(saved, own, body))
        .getMessage();
    assertTrue(msg.contains("[model]"), msg);
    assertEquals("theirs", Files.readString(elsewhere.resolve("model.json")));
    assertThrows(IllegalArgumentException.class, () -> AtomicFiles.replaceDirectory(dir.resolve("x"),
        Set.of("../up.json"), body));
  }

  @Test
  void aDirectoryWithOtherFilesIsRefusedNotDeleted() throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.writeString(home.resolve("thesis.tex"), "precious");
    String msg = assertThrows(IllegalArgumentException.class, () -> AtomicFiles.replaceDirectory(home,
        Set.of("model.json"), tmp -> Files.writeString(tmp.resolve("model.json"), "{}"))).getMessage();
    assertTrue(msg.contains("thesis.tex") && msg.contains("home"), msg);
    assertEquals("precious", Files.readString(home.resolve("thesis.tex")));
    assertEquals(List.of("home"), names(dir));
    Path file = Files.writeString(dir.resolve("plain"), "x");
    msg = assertThrows(IllegalArgumentException.class,
        () -> AtomicFiles.replaceDirectory(file, Set.of(), tmp -> { })).getMessage();
    assertTrue(msg.contains("not a directory"), msg);
  }

  @Test
  void anInterruptedSwitchIsFoundByItsBackup() throws IOException {
    Path model = dir.resolve("m");
    assertTrue(AtomicFiles.interruptedBackup(model).isEmpty());
    // what a crash between the two renames leaves: the old version aside, the target missing
    Path aside = Files.createDirectories(dir.resolve(".m.old-abc.tmp"));
    assertEquals(aside, AtomicFiles.interruptedBackup(model).orElseThrow());
    Files.createDirectories(model);
    assertFalse(AtomicFiles.interruptedBackup(model).isPresent(), "only reported while the target is missing");
  }
}
