package io.workbench.fuzz;

import io.workbench.signal.BrainVision;
import io.workbench.signal.Recording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mutated BrainVision recordings ({@code rec.vhdr}, {@code rec.vmrk}, {@code rec.eeg}) written by {@link
 * BrainVision#write}, opened with {@link BrainVision#open}, read lazily, then whole. A mutated header may name
 * other data or marker files; the reader must confine them to the folder.
 */
public final class BrainVisionTarget extends RecordingTarget {

  @Override
  public String name() {
    return "brainvision";
  }

  @Override
  public List<FuzzInput> seeds(Path work) throws Exception {
    List<FuzzInput> out = new ArrayList<>();
    for (Recording r : recordings()) {
      Path dir = Files.createDirectories(work.resolve(r.name()));
      BrainVision.write(r, dir.resolve("rec.vhdr"));
      out.add(input(r.name(), dir, "rec.vhdr", "rec.vmrk", "rec.eeg"));
    }
    return out;
  }

  @Override
  public Map<String, Double> mutationWeights(FuzzInput seed) {
    return Map.of("rec.vhdr", 0.5, "rec.vmrk", 0.3, "rec.eeg", 0.2);
  }

  @Override
  public void read(Path dir) {
    use(BrainVision.open(dir.resolve("rec.vhdr")));
  }
}
