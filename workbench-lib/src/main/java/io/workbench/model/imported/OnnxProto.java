package io.workbench.model.imported;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The few Protocol Buffers messages of the ONNX format that an exported network needs ({@code ModelProto},
 * {@code GraphProto}, {@code NodeProto}, {@code AttributeProto}, {@code TensorProto}, {@code ValueInfoProto}),
 * written field by field in the protobuf wire format (field numbers from {@code onnx.proto}), so the workbench
 * needs no protobuf library to write ONNX.
 */
final class OnnxProto {

  /** One message being written. */
  static final class Message {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private void tag(int field, int wire) {
      varint(((long) field << 3) | wire);
    }

    private void varint(long v) {
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }

    /** An int32/int64/enum field (varint). */
    Message integer(int field, long v) {
      tag(field, 0);
      varint(v);
      return this;
    }

    /** A float field (fixed32). */
    Message real(int field, float v) {
      tag(field, 5);
      int bits = Float.floatToIntBits(v);
      for (int b = 0; b < 4; b++) {
        out.write((bits >>> (8 * b)) & 0xFF);
      }
      return this;
    }

    /** A string field. */
    Message text(int field, String s) {
      return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    /** A bytes field. */
    Message bytes(int field, byte[] b) {
      tag(field, 2);
      varint(b.length);
      out.write(b, 0, b.length);
      return this;
    }

    /** An embedded message field. */
    Message message(int field, Message m) {
      return bytes(field, m.toBytes());
    }

    byte[] toBytes() {
      return out.toByteArray();
    }
  }

  private OnnxProto() {}

  /** {@code TensorProto} of FLOAT values with its dims, the values as little-endian raw data. */
  static Message tensor(String name, long[] dims, float[] values) {
    Message t = new Message();
    for (long d : dims) {
      t.integer(1, d);
    }
    t.integer(2, 1);
    t.text(8, name);
    ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buf.putFloat(v);
    }
    t.bytes(9, buf.array());
    return t;
  }

  /** {@code ValueInfoProto} of a FLOAT tensor; a null dimension is the symbolic {@code batch}. */
  static Message valueInfo(String name, Long... dims) {
    Message shape = new Message();
    for (Long d : dims) {
      Message dim = new Message();
      if (d == null) {
        dim.text(2, "batch");
      } else {
        dim.integer(1, d);
      }
      shape.message(1, dim);
    }
    Message tensorType = new Message().integer(1, 1).message(2, shape);
    Message type = new Message().message(1, tensorType);
    return new Message().text(1, name).message(2, type);
  }

  /** {@code NodeProto}. */
  static Message node(String op, String name, String[] inputs, String output, Message... attributes) {
    Message n = new Message();
    for (String in : inputs) {
      n.text(1, in);
    }
    n.text(2, output);
    n.text(3, name);
    n.text(4, op);
    for (Message a : attributes) {
      n.message(5, a);
    }
    return n;
  }

  /** {@code AttributeProto} of type INT. */
  static Message intAttribute(String name, long v) {
    return new Message().text(1, name).integer(3, v).integer(20, 2);
  }

  /** {@code AttributeProto} of type FLOAT. */
  static Message floatAttribute(String name, float v) {
    return new Message().text(1, name).real(2, v).integer(20, 1);
  }

  /** {@code AttributeProto} of type INTS. */
  static Message intsAttribute(String name, long... v) {
    Message a = new Message().text(1, name);
    for (long x : v) {
      a.integer(8, x);
    }
    return a.integer(20, 7);
  }
}
