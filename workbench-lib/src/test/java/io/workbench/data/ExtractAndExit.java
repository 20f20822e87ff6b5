package io.workbench.data;

/** Run by {@link DatasetsTest} in a child JVM: extracts a shipped file from the jar, prints its path and exits. */
public final class ExtractAndExit {

  private ExtractAndExit() {}

  /** Prints the path of the extracted header. */
  public static void main(String[] args) {
    System.out.println(Datasets.file("mitdb-208/208.hea"));
  }
}
