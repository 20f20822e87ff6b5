package io.workbench.kernel;

import io.workbench.kernel.wire.ConnectionFile;
import io.workbench.kernel.wire.KernelSockets;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the runnable jar (what {@code ./workbench} calls):
 * <pre>{@code
 * java -jar kernel-ext-<version>-all.jar kernel CONNECTION_FILE      # what Jupyter starts
 * java -jar kernel-ext-<version>-all.jar install-kernel [--user|--sys-prefix|--prefix DIR] [--name N]
 * java -jar kernel-ext-<version>-all.jar run NOTEBOOK.ipynb [--output OUT.ipynb | --in-place] [--html OUT.html]
 * }</pre>
 */
public final class Main {

  private Main() {}

  /** Runs one command. */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage("no command given");
      return;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      switch (args[0]) {
        case "kernel" -> {
          if (rest.size() != 1) {
            usage("kernel needs exactly one connection file");
            return;
          }
          runKernel(Path.of(rest.get(0)));
        }
        case "install-kernel" -> KernelInstaller.main(rest);
        case "run" -> System.exit(NotebookRunner.main(rest));
        case "jshell-startup" -> System.out.print(WorkbenchKernel.jshellStartup());
        default -> usage("unknown command '" + args[0] + "'");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }

  private static void usage(String problem) {
    System.err.println("error: " + problem);
    System.err.println("usage: workbench install-kernel [--user|--sys-prefix|--prefix DIR] [--name NAME]"
        + " [--display-name TEXT] [--no-cds] [--fast-start]");
    System.err.println("       workbench run NOTEBOOK.ipynb [--output OUT.ipynb | --in-place] [--html OUT.html]"
        + " [--timeout SECONDS] [--notebook-timeout SECONDS]");
    System.err.println("       workbench kernel CONNECTION_FILE");
    System.err.println("       workbench shell");
    System.exit(2);
  }

  /**
   * Starts the kernel on the ports and key of a Jupyter connection file; returns when it shuts down. The kernel
   * also ends when the process that started it exits ({@link ParentWatch}).
   */
  static void runKernel(Path connectionFile) throws Exception {
    if (!Files.isRegularFile(connectionFile)) {
      throw new IllegalArgumentException("Connection file " + connectionFile + " does not exist");
    }
    ConnectionFile cf = ConnectionFile.read(connectionFile);
    PrintStream log = System.err;
    WorkbenchKernel kernel = new WorkbenchKernel();
    try (KernelSockets sockets = KernelSockets.bind(cf, log)) {
      ParentWatch.start(sockets.heartbeat()::seen, sockets.heartbeat()::lastBeatNanos, log,
          () -> Runtime.getRuntime().halt(1));
      new KernelServer(kernel, sockets, log).start();
      sockets.awaitShutdown();
    }
    System.exit(0);
  }
}
