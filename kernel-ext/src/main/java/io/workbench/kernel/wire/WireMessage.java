package io.workbench.kernel.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One Jupyter message as received: the ZeroMQ routing identities, the header, the parent header, metadata,
 * content and binary buffers. A message whose header is sound but whose content is not a JSON object arrives
 * with empty content and a {@link #problem()}, so the kernel can still answer it with an error reply.
 *
 * <pre>{@code
 * if (m.type().equals("execute_request")) { String code = m.content().path("code").asText(); }
 * }</pre>
 *
 * @param identities routing identities (frames before {@code <IDS|MSG>}), to address the reply
 * @param header the header: {@code msg_id}, {@code msg_type}, {@code session}, ...
 * @param parent the parent header (empty object when none)
 * @param metadata the metadata
 * @param content the content
 * @param buffers extra binary frames
 * @param problem what was wrong with the content, or null
 */
public record WireMessage(List<byte[]> identities, ObjectNode header, ObjectNode parent, ObjectNode metadata,
    ObjectNode content, List<byte[]> buffers, String problem) {

  /** Copies the lists. */
  public WireMessage {
    identities = List.copyOf(identities);
    buffers = List.copyOf(buffers);
  }

  /** The message type, for example {@code execute_request}. */
  public String type() {
    return header.path("msg_type").asText();
  }

  /** The message id. */
  public String id() {
    return header.path("msg_id").asText();
  }
}
