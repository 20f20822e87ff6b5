package io.workbench.fuzz;

import io.workbench.signal.Bdf;
import io.workbench.signal.Recording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Mutated BDF+ files written by {@link Bdf#write}, opened with {@link Bdf#open} and read lazily, then whole. */
public final class BdfTarget extends RecordingTarget {

  @Override
  public String name() {
    return "bdf";
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    List<FuzzInput> out = new ArrayList<>();
    for (Recording r : recordings()) {
      Path dir = Files.createDirectories(work.resolve(r.name()));
      Bdf.write(r, dir.resolve("rec.bdf"));
      out.add(input(r.name(), dir, "rec.bdf"));
    }
    return out;
  }

  @Override
  public void read(Path dir) {
    use(Bdf.open(dir.resolve("rec.bdf")));
  }
}
