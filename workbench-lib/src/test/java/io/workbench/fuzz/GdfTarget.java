package io.workbench.fuzz;

import io.workbench.signal.Gdf;
import io.workbench.signal.Recording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Mutated GDF 2.20 files written by {@link Gdf#write} (with an event table), opened with {@link Gdf#open}, their
 * events listed with {@link Gdf#events}, read lazily, then whole.
 */
public final class GdfTarget extends RecordingTarget {

  @Override
  public String name() {
    return "gdf";
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    List<FuzzInput> out = new ArrayList<>();
    for (Recording r : recordings()) {
      Path dir = Files.createDirectories(work.resolve(r.name()));
      Gdf.write(r, dir.resolve("rec.gdf"));
      out.add(input(r.name(), dir, "rec.gdf"));
    }
    return out;
  }

  @Override
  public void read(Path dir) {
    Gdf.events(dir.resolve("rec.gdf")).size();
    use(Gdf.open(dir.resolve("rec.gdf")));
  }
}
