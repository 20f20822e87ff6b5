# Shift-tab through a real Jupyter client: starts each named kernel, sends inspect_request for each piece of
# code (cursor at the given offset, or at the end), prints one line OBSERVATIONS {kernel: {code: reply}}.
import json
import sys

from jupyter_client.manager import start_new_kernel

requests = json.loads(sys.argv[1])   # {kernel_name: [[code, cursor_or_null, detail_level], ...]}
obs = {}
for name, items in requests.items():
    km, kc = start_new_kernel(kernel_name=name, startup_timeout=180)
    try:
        out = {}
        for code, cursor, detail in items:
            pos = len(code) if cursor is None else cursor
            reply = kc.inspect(code, pos, detail_level=detail, reply=True, timeout=120)["content"]
            out["%s@%d/%d" % (code, pos, detail)] = {
                "status": reply["status"], "found": reply.get("found"),
                "text": reply.get("data", {}).get("text/plain", ""),
                "html": reply.get("data", {}).get("text/html", ""),
            }
        obs[name] = out
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
print("OBSERVATIONS " + json.dumps(obs))
