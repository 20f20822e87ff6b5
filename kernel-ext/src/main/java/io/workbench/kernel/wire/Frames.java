package io.workbench.kernel.wire;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * Whole multipart messages on a ZeroMQ socket: receiving always reads every frame of one message (so a
 * malformed message can never leave frames behind for the next read), sending marks all frames but the last
 * as "more".
 *
 * <pre>{@code
 * List<byte[]> frames = Frames.receive(socket);   // after a poll said the socket is readable
 * Frames.send(socket, frames);
 * }</pre>
 */
final class Frames {

  /** Frames kept of one message; the rest are read and dropped (the message is then refused). */
  static final int MAX_FRAMES = 4096;

  private Frames() {}

  /** Every frame of the next message, or null when none is waiting; more than {@link #MAX_FRAMES}: null too. */
  static List<byte[]> receive(ZMQ.Socket socket) {
    byte[] first = socket.recv(ZMQ.DONTWAIT);
    if (first == null) {
      return null;
    }
    List<byte[]> frames = new ArrayList<>();
    frames.add(first);
    boolean tooMany = false;
    while (socket.hasReceiveMore()) {
      byte[] f = socket.recv(0);
      if (f == null) {
        break;
      }
      if (frames.size() < MAX_FRAMES) {
        frames.add(f);
      } else {
        tooMany = true;
      }
    }
    return tooMany ? List.of() : frames;
  }

  /** Sends the frames as one message; false when ZeroMQ refused it. */
  static boolean send(ZMQ.Socket socket, List<byte[]> frames) {
    boolean ok = true;
    for (int i = 0; i < frames.size(); i++) {
      ok &= socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
    }
    return ok;
  }
}
