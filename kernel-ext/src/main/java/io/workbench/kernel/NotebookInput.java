package io.workbench.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.in} of the kernel: when a cell reads and nothing is buffered, the frontend is asked for a
 * line ({@code input_request} on the stdin channel) and the line, with its end, becomes the next bytes. When
 * the request did not allow stdin ({@code allow_stdin: false}) or no cell runs, reading gives end of input.
 *
 * <pre>{@code
 * NotebookInput in = new NotebookInput();
 * System.setIn(in);
 * in.attach(prompt -> stdin.requestInput(...));   // for the duration of an execute request
 * }</pre>
 */
final class NotebookInput extends InputStream {

  /** Asks the frontend for one line. */
  interface LineSource {
    String readLine(String prompt) throws IOException;
  }

  private volatile LineSource source;
  private byte[] data = new byte[0];
  private int pos;

  /** Reads go to {@code lines} (null: end of input) until {@link #detach()}. */
  void attach(LineSource lines) {
    source = lines;
  }

  /** Ends reading from the frontend (a read still waiting for it is ended by its source). */
  void detach() {
    source = null;
  }

  private boolean fill() throws IOException {
    if (pos < data.length) {
      return true;
    }
    LineSource s = source;
    if (s == null) {
      return false;
    }
    data = (s.readLine("") + "\n").getBytes(StandardCharsets.UTF_8);
    pos = 0;
    return data.length > 0;
  }

  @Override
  public synchronized int read() throws IOException {
    return fill() ? data[pos++] & 0xFF : -1;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, data.length - pos);
    System.arraycopy(data, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public synchronized int available() {
    return data.length - pos;
  }
}
