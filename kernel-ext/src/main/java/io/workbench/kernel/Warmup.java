package io.workbench.kernel;

/**
 * A training run for class-data sharing: starts the kernel's JShell and evaluates typical snippets so the
 * JVM archives the classes they load ({@code -XX:ArchiveClassesAtExit}); the installed kernel starts from
 * that archive.
 *
 * <pre>{@code
 * java -XX:ArchiveClassesAtExit=workbench.jsa -jar kernel-ext-all.jar warmup
 * }</pre>
 */
final class Warmup {

  private Warmup() {}

  static void run() throws Exception {
    WorkbenchKernel k = new WorkbenchKernel();
    // the protocol layer's classes (JSON, signing, message codec) are archived too
    var codec = new io.workbench.kernel.wire.MessageCodec(new io.workbench.kernel.wire.Signer("hmac-sha256", "warmup"),
        new io.workbench.kernel.wire.SeenSignatures());
    codec.decode(codec.encode(java.util.List.of(new byte[] {1}), "kernel_info_reply", codec.header("kernel_info_request"),
        null, io.workbench.kernel.wire.MessageCodec.JSON.createObjectNode().put("status", "ok")));
    k.evalJava("1 + 1");
    k.evalJava("int x = 3;\nString s = \"a\" + x;\nvoid f() { for (int i = 0; i < 3; i++) {} }\nf();");
    k.evalJava("List<Integer> l = new ArrayList<>(List.of(1, 2)); l.stream().mapToInt(i -> i).sum()");
    k.complete("Syst", 4);
    k.isComplete("int y = ");
    k.onShutdown(false);
    System.exit(0);
  }
}
