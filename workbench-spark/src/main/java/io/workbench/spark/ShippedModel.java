package io.workbench.spark;

import io.workbench.model.Model;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A model as it travels to executors: the files of its own saved format packed into bytes, with their SHA-256
 * as the key of a per-JVM cache, so each executor JVM loads a model once however many tasks use it. The driver
 * keeps the live model it was made from (the driver's own work never reloads it).
 */
final class ShippedModel implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Models loaded in this JVM, by key. */
  private static final Map<String, Model> LOADED = new ConcurrentHashMap<>();

  private final ModelFormat format;
  private final byte[] files;
  private final String key;

  private ShippedModel(ModelFormat format, byte[] files, String key) {
    this.format = format;
    this.files = files;
    this.key = key;
  }

  /** Saves the model in its own format and packs the files (fails on the driver for a model with no format). */
  static ShippedModel of(Model model) {
    ModelFormat format = ModelFormat.of(model);
    Path dir = null;
    try {
      dir = Files.createTempDirectory("workbench-ship-");
      format.save(model, dir);
      byte[] packed = pack(dir);
      String key = format + ":" + sha256(packed);
      LOADED.putIfAbsent(key, model);
      return new ShippedModel(format, packed, key);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not save the model for shipping: " + e.getMessage(), e);
    } finally {
      deleteTree(dir);
    }
  }

  /** The cache key (format and hash of the saved files). */
  String key() {
    return key;
  }

  /** Size of the saved files in bytes. */
  int bytes() {
    return files.length;
  }

  /** The model, loaded from its saved files at most once per JVM (natives offline, as on the driver). */
  Model model() {
    return LOADED.computeIfAbsent(key, k -> {
      if (System.getProperty("ai.djl.offline") == null) {
        System.setProperty("ai.djl.offline", "true");
      }
      Path dir = null;
      try {
        dir = Files.createTempDirectory("workbench-model-");
        unpack(files, dir);
        return format.load(dir);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not unpack the shipped model " + key + ": " + e.getMessage(), e);
      } finally {
        deleteTree(dir);
      }
    });
  }

  /** Forgets the models loaded in this JVM (tests: the next use loads from bytes as a fresh executor would). */
  static void clearCache() {
    LOADED.clear();
  }

  static boolean isLoaded(String key) {
    return LOADED.containsKey(key);
  }

  private static byte[] pack(Path dir) throws IOException {
    List<Path> list = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).sorted().forEach(list::add);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(list.size());
      for (Path p : list) {
        byte[] b = Files.readAllBytes(p);
        out.writeUTF(dir.relativize(p).toString().replace('\\', '/'));
        out.writeInt(b.length);
        out.write(b);
      }
    }
    return bytes.toByteArray();
  }

  private static void unpack(byte[] packed, Path dir) throws IOException {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed))) {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        Path target = dir.resolve(name).normalize();
        if (!target.startsWith(dir)) {
          throw new IOException("entry '" + name + "' leaves the model folder");
        }
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        Files.createDirectories(target.getParent());
        Files.write(target, b);
      }
    }
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
