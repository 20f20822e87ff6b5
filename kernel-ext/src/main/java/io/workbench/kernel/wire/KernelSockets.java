package io.workbench.kernel.wire;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The kernel's five sockets bound as a connection file says, and their threads: shell and control request
 * loops, the IOPub publisher, the heartbeat, the stdin channel. ROUTER sockets hand a reused identity over to
 * the newest connection (as ipykernel sets {@code ROUTER_HANDOVER}), so a client reconnecting with the
 * identity of an earlier one still gets its replies. An empty key prints a warning that messages are not
 * signed.
 *
 * <pre>{@code
 * try (KernelSockets s = KernelSockets.bind(ConnectionFile.read(path), System.err)) {
 *   s.start(shellHandler, controlHandler);
 *   s.awaitShutdown();
 * }
 * }</pre>
 */
public final class KernelSockets implements AutoCloseable {

  /** Largest frame accepted (bytes); a bigger one closes the sender's connection. */
  public static final long MAX_FRAME_BYTES = 1L << 30;

  private static final String PORT_IN_USE = "the port is in use";

  private final ZContext context = new ZContext(1);
  private final MessageCodec codec;
  private final PrintStream log;
  private final ZMQ.Socket shell;
  private final ZMQ.Socket control;
  private final ZMQ.Socket stdinSocket;
  private final ZMQ.Socket iopubSocket;
  private final ZMQ.Socket hbSocket;
  private final IoPub iopub;
  private final StdinChannel stdin;
  private final Heartbeat heartbeat;
  private final CountDownLatch shutdown = new CountDownLatch(1);
  private RequestLoop shellLoop;
  private RequestLoop controlLoop;

  private KernelSockets(ConnectionFile cf, PrintStream log) {
    this.log = log;
    Signer signer = new Signer(cf.signatureScheme(), cf.key());
    if (!signer.enabled()) {
      log.println("[kernel] WARNING: the connection file's key is empty: messages are not signed, and any local"
          + " process that can reach the ports can run code in this kernel. This is insecure and not recommended.");
    }
    codec = new MessageCodec(signer, new SeenSignatures());
    checkLocal(cf);
    try {
      shell = bind(cf, SocketType.ROUTER, cf.shellPort(), "shell");
      control = bind(cf, SocketType.ROUTER, cf.controlPort(), "control");
      stdinSocket = bind(cf, SocketType.ROUTER, cf.stdinPort(), "stdin");
      iopubSocket = bind(cf, SocketType.PUB, cf.iopubPort(), "iopub");
      hbSocket = bind(cf, SocketType.REP, cf.hbPort(), "heartbeat");
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
    iopub = new IoPub(iopubSocket, codec, log);
    stdin = new StdinChannel(stdinSocket, this, log);
    heartbeat = new Heartbeat(hbSocket, context, log);
  }

  /**
   * Binds the five sockets.
   *
   * @throws IllegalArgumentException naming the channel and endpoint when a socket cannot be bound (port in
   *     use, address not on this machine)
   */
  public static KernelSockets bind(ConnectionFile cf, PrintStream log) {
    return new KernelSockets(cf, log);
  }

  private ZMQ.Socket bind(ConnectionFile cf, SocketType type, int port, String channel) {
    ZMQ.Socket s = context.createSocket(type);
    s.setLinger(1000);
    s.setMaxMsgSize(MAX_FRAME_BYTES);
    if (cf.ipv6()) {
      s.setIPv6(true);
    }
    if (type == SocketType.ROUTER) {
      s.setRouterHandover(true);
    }
    if (type == SocketType.PUB) {
      s.setSndHWM(0);   // unlimited: a slow subscriber makes messages wait, never vanish
    }
    String endpoint = cf.endpoint(port);
    try {
      if (!s.bind(endpoint)) {
        throw new IllegalArgumentException("Cannot bind the " + channel + " socket to " + endpoint);
      }
    } catch (RuntimeException e) {
      // JeroMQ throws ZMQException (port in use), IllegalArgumentException or others for a bad address
      String why = describe(e);
      throw new IllegalArgumentException("Cannot bind the " + channel + " socket to " + endpoint + ": " + why
          + (cf.ipv6() && !why.equals(PORT_IN_USE) ? " (is IPv6 enabled on this machine?)" : ""), e);
    }
    return s;
  }

  /** Fails with a clear message when the connection file's address is not one of this machine's. */
  private void checkLocal(ConnectionFile cf) {
    String ip = cf.ip();
    if (ip.equals("*")) {
      return;
    }
    try {
      java.net.InetAddress a = java.net.InetAddress.getByName(ip);
      if (!a.isAnyLocalAddress() && !a.isLoopbackAddress() && java.net.NetworkInterface.getByInetAddress(a) == null) {
        context.close();
        throw new IllegalArgumentException("Cannot bind the kernel's sockets to " + ip
            + ": it is not an address of this machine (the connection file's \"ip\")");
      }
    } catch (java.io.IOException e) {
      context.close();
      throw new IllegalArgumentException("Cannot bind the kernel's sockets to \"" + ip + "\": " + e.getMessage(), e);
    }
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    if (e instanceof org.zeromq.ZMQException z && z.getErrorCode() == zmq.ZError.EADDRINUSE) {
      m = PORT_IN_USE;
    }
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** Starts the threads; the shell and control requests go to the handlers. */
  public void start(RequestHandler shellHandler, RequestHandler controlHandler) {
    iopub.start();
    heartbeat.start();
    shellLoop = new RequestLoop("shell", this, shell, shellHandler, log);
    controlLoop = new RequestLoop("control", this, control, controlHandler, log);
    shellLoop.start();
    controlLoop.start();
    iopub.publish("status", null, MessageCodec.JSON.createObjectNode().put("execution_state", "starting"));
  }

  /** Blocks until a handler asked for shutdown. */
  public void awaitShutdown() throws InterruptedException {
    shutdown.await();
  }

  void shutdownRequested() {
    shutdown.countDown();
  }

  /** The codec (signing, replay protection). */
  public MessageCodec codec() {
    return codec;
  }

  ZContext context() {
    return context;
  }

  /** The IOPub channel. */
  public IoPub iopub() {
    return iopub;
  }

  /** The stdin channel. */
  public StdinChannel stdin() {
    return stdin;
  }

  /** The heartbeat channel. */
  public Heartbeat heartbeat() {
    return heartbeat;
  }

  /** Stops the loops, lets IOPub send what is queued (up to a second), and closes the sockets. */
  @Override
  public void close() {
    if (shellLoop != null) {
      shellLoop.stop();
      controlLoop.stop();
    }
    heartbeat.stop();
    iopub.awaitSent(1000);
    iopub.stop();
    try {
      if (shellLoop != null) {
        shellLoop.join(1000);
        controlLoop.join(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    context.close();
  }
}
