package io.workbench.kernel;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;
import io.github.spencerpark.jupyter.messages.ContentType;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.ReplyType;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A {@code history_reply} as the protocol wants it: {@code "history"} is a list of {@code [session, line,
 * input]} triples (the base kernel sends objects, which Jupyter clients cannot read), with {@code "status":
 * "ok"}. {@link #install} replaces the base kernel's history handler.
 *
 * <pre>{@code
 * HistoryReplyContent.install(connection, kernel.getHistoryManager());
 * }</pre>
 */
final class HistoryReplyContent implements ContentType<HistoryReplyContent>, ReplyType<HistoryRequest> {

  @SuppressWarnings("unused") // serialised by Gson
  private final String status = "ok";
  @SuppressWarnings("unused") // serialised by Gson
  private final List<List<Object>> history;

  HistoryReplyContent(List<HistoryEntry> entries) {
    history = new ArrayList<>();
    for (HistoryEntry e : entries) {
      history.add(List.of(e.getSession(), e.getCellNumber(), e.getInput()));
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public MessageType<HistoryReplyContent> getType() {
    return (MessageType<HistoryReplyContent>) (MessageType<?>) MessageType.HISTORY_REPLY;
  }

  @Override
  public MessageType<HistoryRequest> getRequestType() {
    return MessageType.HISTORY_REQUEST;
  }

  /** Answers history requests from {@code manager}. */
  static void install(JupyterConnection connection, HistoryManager manager) {
    connection.setHandler(MessageType.HISTORY_REQUEST, (env, msg) -> {
      HistoryRequest r = msg.getContent();
      EnumSet<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
      List<HistoryEntry> entries;
      if (r instanceof HistoryRequest.Tail t) {
        entries = manager.lookupTail(t.getMaxReturnLength(), flags);
      } else if (r instanceof HistoryRequest.Range g) {
        entries = manager.lookupRange(g.getSessionIndex(), g.getStart(), g.getStop(), flags);
      } else if (r instanceof HistoryRequest.Search s) {
        entries = manager.search(s.getPattern(), s.getMaxReturnLength(), flags);
      } else {
        entries = List.of();
      }
      env.setBusyDeferIdle();
      env.reply(new HistoryReplyContent(entries));
    });
  }
}
