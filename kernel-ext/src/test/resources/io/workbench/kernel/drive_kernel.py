"""Drives the workbench kernel through jupyter_client and prints one JSON object of observations.

Usage: python3 drive_kernel.py KERNEL_NAME WORK_DIR  (JUPYTER_PATH must point at the installed kernelspec)
The JUnit test KernelProtocolTest asserts on the printed JSON; this script only records what happened.
"""
import json
import os
import sys
import time

import jupyter_client
from jupyter_client.session import Session

name, work = sys.argv[1], sys.argv[2]
obs = {}
t0 = time.time()
km, kc = jupyter_client.manager.start_new_kernel(kernel_name=name, startup_timeout=120, cwd=work)
obs["startup_seconds"] = time.time() - t0


def run(code, timeout=60):
    """Executes code; returns (reply content, [(msg_type, content)] of IOPub outputs)."""
    outs = []
    reply = kc.execute_interactive(code, timeout=timeout,
                                   output_hook=lambda m: outs.append((m["msg_type"], m["content"])))
    return reply["content"], outs


def shell_reply(msg_id, timeout=30):
    """The shell reply to msg_id (other replies are skipped)."""
    while True:
        m = kc.get_shell_msg(timeout=timeout)
        if m["parent_header"].get("msg_id") == msg_id:
            return m


def summary(code, timeout=60):
    reply, outs = run(code, timeout)
    s = {"status": reply["status"], "count": reply.get("execution_count"), "stdout": "", "stderr": "",
         "result": None, "ename": None, "evalue": None, "traceback": None, "displays": [], "updates": []}
    for t, c in outs:
        if t == "stream":
            s[c["name"]] += c["text"]
        elif t == "execute_result":
            s["result"] = c["data"]
        elif t == "error":
            s["ename"], s["evalue"], s["traceback"] = c["ename"], c["evalue"], c["traceback"]
        elif t == "display_data":
            s["displays"].append({"data": c["data"], "id": c.get("transient", {}).get("display_id")})
        elif t == "update_display_data":
            s["updates"].append({"data": c["data"], "id": c.get("transient", {}).get("display_id")})
    return s


info = kc.kernel_info(reply=True, timeout=30)["content"]
obs["kernel_info"] = {"protocol_version": info.get("protocol_version"),
                      "language": info.get("language_info", {}).get("name"),
                      "status": info.get("status")}

obs["one_plus_one"] = summary("1+1")
obs["print_and_decl"] = summary('System.out.println("hello from java");\nint x = 20;\nx + 1')
obs["compile_error"] = summary('int a = 1;\nint b = a +;\nint c = 3;')
obs["exception"] = summary('void boom() { throw new IllegalStateException("boom in method"); }\nboom();')
obs["exit"] = summary("System.exit(3);")
obs["after_exit"] = summary("x * 2")
obs["megabytes"] = summary('for (int i = 0; i < 300000; i++) System.out.println("line " + i + " of a flood");')
obs["display"] = summary('String id = display("first");\nupdateDisplay(id, "second");\nid')
obs["svg"] = summary('var ch = new XYChartBuilder().width(200).height(120).title("s").build();\n'
                     'ch.addSeries("a", new double[]{1,2,3}, new double[]{3,1,2});\n'
                     'display(XChartFigure.of(ch), "image/svg+xml");')
obs["table"] = summary("Datasets.iris().table()")
obs["time_magic"] = summary("%time int slow = 6 * 7;\nslow")
with open(os.path.join(work, "helpers.jsh"), "w") as f:
    f.write("int triple(int v) { return 3 * v; }\n")
obs["load_magic"] = summary("%load helpers.jsh\ntriple(14)")
obs["unknown_magic"] = summary("%nosuchmagic 1 2")

# display(obj, "text/html") sends the requested type (IJava's display(Object, String...))
obs["display_html"] = summary('display("<b>bold</b>", "text/html");')

# output floods: every line arrives, in order, up to the 1 MB cap; then the notice; then idle
for label, n in [("lines_20k", 20000), ("lines_200k", 200000)]:
    s_ = summary('for (int i = 0; i < %d; i++) System.out.println("line " + i);' % n, timeout=180)
    obs[label] = {"status": s_["status"], "stdout_length": len(s_["stdout"]),
                  "head": s_["stdout"][:40], "tail": s_["stdout"][-300:],
                  "lines_ok": None}
    expected = "".join("line %d\n" % i for i in range(n))
    out = s_["stdout"]
    cut = out.find("\n[stdout truncated: ")
    shown = out if cut < 0 else out[:cut]
    obs[label]["lines_ok"] = expected.startswith(shown) and (cut >= 0 or shown == expected)
    obs[label]["shown_bytes"] = len(shown.encode("utf-8"))
    obs[label]["expected_bytes"] = len(expected.encode("utf-8"))
    obs[label]["notice"] = out[cut:] if cut >= 0 else None

# user_expressions are evaluated after the cell (spec 5.3)
msg_id = kc.execute("int ue = 5;", user_expressions={"twice": "ue * 2", "bad": "noSuchName + 1"})
obs["user_expressions"] = shell_reply(msg_id)["content"].get("user_expressions")

# a 100 MB string result is cut, with a notice
r = summary('"x".repeat(100_000_000)', timeout=180)
text = (r["result"] or {}).get("text/plain", "")
obs["huge_result"] = {"status": r["status"], "length": len(text), "tail": text[-200:]}

# a failing cell with stop_on_error aborts the execute requests already queued behind it
ids = [kc.execute("Thread.sleep(800);\nthrow new IllegalStateException(\"first fails\");"),
       kc.execute("int queuedRan = 1;"), kc.execute("2 + 2")]
statuses = {}
while len(statuses) < 3:
    m = kc.get_shell_msg(timeout=60)
    pid = m["parent_header"].get("msg_id")
    if pid in ids:
        statuses[ids.index(pid)] = m["content"]["status"]
obs["abort"] = [statuses[i] for i in range(3)]
obs["abort_after"] = summary("queuedRan")

# an interrupt while a long cell is still being compiled (a snippet at a time) is honoured
long_cell = "\n".join("int compiled%d = %d;" % (i, i) for i in range(3000))
msg_id = kc.execute(long_cell)
time.sleep(1.5)
t = time.time()
km.interrupt_kernel()
reply = shell_reply(msg_id, timeout=120)
obs["interrupt_compile"] = {"status": reply["content"]["status"], "ename": reply["content"].get("ename"),
                            "seconds": time.time() - t}
obs["after_interrupt_compile"] = summary("compiled2999")

# completion, inspection, is_complete, history
code = 'String greeting = "hi";\ngreeting.toUpperC'
run('String greeting = "hi";')
r = kc.complete(code, len(code), reply=True, timeout=30)["content"]
obs["complete"] = {"status": r["status"], "matches": r["matches"], "start": r["cursor_start"],
                   "end": r["cursor_end"], "code_length": len(code)}
code = "Math.max(1, 2)"
r = kc.inspect(code, 6, reply=True, timeout=30)["content"]
obs["inspect"] = {"status": r["status"], "found": r.get("found"), "text": r.get("data", {}).get("text/plain", "")}
obs["is_complete"] = {}
for label, c in [("complete", "int q = 1;"), ("incomplete", "for (int i = 0; i < 3; i++) {"),
                 ("magic", "%time 1+1")]:
    r = shell_reply(kc.is_complete(c))["content"]
    obs["is_complete"][label] = {"status": r["status"], "indent": r.get("indent")}
r = kc.history(hist_access_type="tail", n=50, output=False, raw=True, reply=True, timeout=30)["content"]
obs["history"] = [h[2] for h in r.get("history", [])]
for c in ["10", "1+1", "12", "x1", "1"]:
    run(c)
r = kc.history(hist_access_type="tail", n=1000, output=True, raw=True, reply=True, timeout=30)["content"]
obs["history_output"] = r.get("history", [])
r = kc.history(hist_access_type="search", pattern="1?", output=False, raw=True, reply=True, timeout=30)["content"]
obs["history_search"] = {"status": r.get("status"), "found": [h[2] for h in r.get("history", [])]}
# the reference: SQLite's GLOB (what IPython's history search runs) over the same inputs
import sqlite3
db = sqlite3.connect(":memory:")
every = [h[2][0] for h in obs["history_output"]]
obs["history_search"]["sqlite"] = [c for c in every if db.execute("SELECT ? GLOB ?", (c, "1?")).fetchone()[0]]

# interrupt: a runaway loop without any interrupt check, then a blocking sleep; the kernel must live on
for label, c in [("empty_loop", "while (true) {}"),
                 ("loop", "long spins = 0;\nwhile (true) { spins++; }"),
                 ("sleep", "Thread.sleep(600_000);")]:
    msg_id = kc.execute(c)
    time.sleep(1.5)
    t = time.time()
    km.interrupt_kernel()
    reply = shell_reply(msg_id)
    obs["interrupt_" + label] = {"status": reply["content"]["status"],
                                 "ename": reply["content"].get("ename"),
                                 "seconds": time.time() - t}
obs["after_interrupt"] = summary("2 + 3")
obs["spins_kept"] = summary("spins > 0")

# messages with a bad or missing signature are dropped, the kernel keeps serving
for label, key in [("bad_signature", b"not-the-key"), ("unsigned", b"")]:
    rogue = Session(key=key, session=kc.session.session)
    rogue.send(kc.shell_channel.socket, "execute_request",
               {"code": "int sneaky_%s = 42;" % label, "silent": False, "store_history": True,
                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
time.sleep(1.5)
obs["rogue_bad"] = summary("sneaky_bad_signature")
obs["rogue_unsigned"] = summary("sneaky_unsigned")
obs["alive_after_rogue"] = summary("40 + 2")

# restart: a fresh session, counts start again
km.restart_kernel(now=False)
kc.wait_for_ready(timeout=120)
obs["after_restart"] = summary("x")
obs["after_restart_ok"] = summary("7 * 6")
kc.stop_channels()
km.shutdown_kernel(now=False)
obs["alive_after_shutdown"] = km.is_alive()
print("OBSERVATIONS " + json.dumps(obs))
sys.stdout.flush()
os._exit(0)
