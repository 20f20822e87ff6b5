package io.workbench.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.nio.charset.StandardCharsets;
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
 * java -jar kernel-ext-<version>-all.jar warmup                       # class-data-sharing training run
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
        case "warmup" -> Warmup.run();
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

  /** Starts the kernel on the ports and key of a Jupyter connection file; returns when it shuts down. */
  static void runKernel(Path connectionFile) throws Exception {
    if (!Files.isRegularFile(connectionFile)) {
      throw new IllegalArgumentException("Connection file " + connectionFile + " does not exist");
    }
    KernelConnectionProperties props = loopbackUnlessSaid(
        KernelConnectionProperties.parse(Files.readString(connectionFile, StandardCharsets.UTF_8)));
    WorkbenchKernel kernel = new WorkbenchKernel();
    JupyterConnection connection = new JupyterConnection(props);
    kernel.becomeHandlerForConnection(connection);
    HistoryReplyContent.install(connection, kernel.getHistoryManager());
    connection.connect();
    WorkbenchKernel.tolerateBadSignatures(connection);
    connection.waitUntilClose();
    System.exit(0);
  }

  /** The connection properties, bound to 127.0.0.1 when the file names no address. */
  static KernelConnectionProperties loopbackUnlessSaid(KernelConnectionProperties p) {
    String ip = p.getIp() == null || p.getIp().isBlank() ? "127.0.0.1" : p.getIp();
    String transport = p.getTransport() == null || p.getTransport().isBlank() ? "tcp" : p.getTransport();
    String scheme = p.getSignatureScheme() == null || p.getSignatureScheme().isBlank()
        ? "hmac-sha256" : p.getSignatureScheme();
    return new KernelConnectionProperties(ip, p.getControlPort(), p.getShellPort(), p.getStdinPort(),
        p.getHbPort(), p.getIopubPort(), transport, scheme, p.getKey() == null ? "" : p.getKey());
  }
}
