"""Drives the workbench kernel as a careless or hostile local client would, and prints one JSON object of
observations (the JUnit test KernelHardeningTest asserts on it; this script only records what happened).

Usage: python3 hostile_kernel.py KERNEL_NAME WORK_DIR  (JUPYTER_PATH must point at the installed kernelspec)

Through jupyter_client plus raw ZeroMQ sockets: a correctly signed request sent twice (replay), multipart
messages without the <IDS|MSG> delimiter (framing), two clients with one ZeroMQ identity, junk on the stdin
port while a cell waits for input, a %jars of a file that is not a jar and a cell whose compilation overflows
the stack (errors on the shell thread); then kernels started by hand on ::1, on an address that is not on this
machine, and with an empty key.
"""
import json
import os
import socket
import subprocess
import sys
import time
import uuid

import jupyter_client
import zmq
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.session import Session

name, work = sys.argv[1], sys.argv[2]
obs = {}
ctx = zmq.Context()


def recv(sock, session, timeout):
    """The next message on a raw socket, deserialized, or None after timeout seconds."""
    if not sock.poll(int(timeout * 1000)):
        return None
    frames = sock.recv_multipart()
    _, msg_list = session.feed_identities(frames)
    return session.deserialize(msg_list)


def summary(kc, code, timeout=60, allow_stdin=False):
    """Runs code through jupyter_client; returns status, result text, error name and value, seconds."""
    outs = []
    t = time.time()
    try:
        reply = kc.execute_interactive(code, timeout=timeout, allow_stdin=allow_stdin,
                                       output_hook=lambda m: outs.append((m["msg_type"], m["content"])))
    except Exception as e:  # a timeout: the kernel never answered
        return {"status": "no reply", "error": repr(e), "seconds": time.time() - t}
    s = {"status": reply["content"]["status"], "result": None, "ename": None, "evalue": None,
         "stdout": "", "seconds": time.time() - t}
    for typ, c in outs:
        if typ == "execute_result":
            s["result"] = c["data"].get("text/plain")
        elif typ == "error":
            s["ename"], s["evalue"] = c["ename"], c["evalue"]
        elif typ == "stream" and c["name"] == "stdout":
            s["stdout"] += c["text"]
    return s


km, kc = jupyter_client.manager.start_new_kernel(kernel_name=name, startup_timeout=120, cwd=work)
info = km.get_connection_info()
key = info["key"] if isinstance(info["key"], bytes) else info["key"].encode()
session = Session(key=key, signature_scheme=info["signature_scheme"], username="hostile")


def url(port):
    return "tcp://%s:%d" % (info["ip"], port)


def dealer(port, identity=None):
    s = ctx.socket(zmq.DEALER)
    s.linger = 0
    if identity is not None:
        s.setsockopt(zmq.IDENTITY, identity)
    s.connect(url(port))
    return s


def execute_msg(code):
    return session.msg("execute_request", {"code": code, "silent": False, "store_history": True,
                                           "user_expressions": {}, "allow_stdin": False,
                                           "stop_on_error": False})


def section(label, fn):
    """Runs one probe; a probe that fails (the kernel never answered) is recorded, not fatal."""
    try:
        fn()
    except Exception as e:
        obs[label] = {"failed": repr(e)}


def replay():
    """1. Replay: the same signed execute request twice; the second must not run."""
    summary(kc, "int replayCount = 0;")
    raw = dealer(info["shell_port"])
    frames = session.serialize(execute_msg("replayCount++;"))
    raw.send_multipart(frames)
    first = recv(raw, session, 30)
    raw.send_multipart(frames)
    second = recv(raw, session, 3)
    obs["replay"] = {"first_status": first and first["content"]["status"], "second_answered": second is not None,
                     "count": summary(kc, "replayCount")["result"]}


def framing():
    """2. Framing: messages without the delimiter, or with too few frames, from a local process without the key."""
    rogue = dealer(info["shell_port"])
    obs["framing"] = {}
    for label, junk, code in [("no_delimiter", [b"no delimiter here"], "6 * 7"),
                              ("too_few_frames", [b"<IDS|MSG>", b"deadbeef"], "6 * 8"),
                              ("bad_json", [b"<IDS|MSG>", b"", b"{not json", b"{}", b"{}", b"{}"], "6 * 9")]:
        rogue.send_multipart(junk)
        time.sleep(0.3)
        obs["framing"][label] = summary(kc, code, timeout=20)


def identity():
    """3. Identity: a second client connecting with the identity of the first still gets replies."""
    a = dealer(info["shell_port"], b"shared-identity")
    a.send_multipart(session.serialize(session.msg("kernel_info_request", {})))
    ra = recv(a, session, 20)
    b = dealer(info["shell_port"], b"shared-identity")
    time.sleep(0.5)
    b.send_multipart(session.serialize(session.msg("kernel_info_request", {})))
    rb = recv(b, session, 20)
    obs["identity"] = {"first": ra is not None and ra["content"].get("status"),
                       "second": rb is not None and rb["content"].get("status")}


def stdin():
    """4. stdin: junk before and while a cell waits for input; the user's line must arrive intact."""
    junk = dealer(info["stdin_port"])
    junk.send_multipart([b"stale", b"junk"])
    time.sleep(0.2)
    msg_id = kc.execute('String line = new java.util.Scanner(System.in).nextLine();\n"got " + line', allow_stdin=True)
    request = kc.get_stdin_msg(timeout=60)
    junk.send_multipart([b"junk", b"without", b"delimiter"])
    wrong = Session(key=b"not-the-key")
    junk.send_multipart(wrong.serialize(wrong.msg("input_reply", {"value": "evil"})))
    junk.send_multipart([b"<IDS|MSG>"])
    time.sleep(0.5)
    kc.input("hello world")
    result = None
    while True:
        m = kc.get_iopub_msg(timeout=30)
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "execute_result":
            result = m["content"]["data"]["text/plain"]
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    obs["stdin"] = {"request": request["msg_type"], "result": result}


def shell_errors():
    """5. Errors on the shell thread: a file that is not a jar, a compilation that overflows the stack."""
    with open(os.path.join(work, "not-a-jar.jar"), "w") as f:
        f.write("this is text, not a zip archive\n")
    obs["bad_jar"] = summary(kc, "%jars not-a-jar.jar")
    obs["after_bad_jar"] = summary(kc, "1 + 1")
    deep = "(" * 30000 + "1" + ")" * 30000
    obs["deep"] = summary(kc, "int deep = " + deep + ";", timeout=120)
    obs["after_deep"] = summary(kc, "2 + 2")


for label, fn in [("replay", replay), ("framing", framing), ("identity", identity), ("stdin", stdin),
                  ("shell_errors", shell_errors)]:
    section(label, fn)
kc.stop_channels()
km.shutdown_kernel(now=True)

# 6. Kernels started by hand: on ::1, on an address not on this machine, with an empty key
argv = KernelSpecManager().get_kernel_spec(name).argv


def free_ports(family, host, n=5):
    socks = []
    for _ in range(n):
        s = socket.socket(family)
        s.bind((host, 0))
        socks.append(s)
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def start(ip, key_text, family=socket.AF_INET, bind_host="127.0.0.1"):
    ports = free_ports(family, bind_host)
    conn = {"shell_port": ports[0], "iopub_port": ports[1], "stdin_port": ports[2], "control_port": ports[3],
            "hb_port": ports[4], "ip": ip, "key": key_text, "transport": "tcp",
            "signature_scheme": "hmac-sha256", "kernel_name": name}
    path = os.path.join(work, "conn-%s.json" % uuid.uuid4().hex[:8])
    with open(path, "w") as f:
        json.dump(conn, f)
    log = open(path + ".log", "w")
    cmd = [a.replace("{connection_file}", path) for a in argv]
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=work)
    return proc, conn, path + ".log"


def ask_info(conn, host, key_bytes, ipv6=False):
    s = ctx.socket(zmq.DEALER)
    s.linger = 0
    if ipv6:
        s.setsockopt(zmq.IPV6, 1)
    s.connect("tcp://%s:%d" % (host, conn["shell_port"]))
    ses = Session(key=key_bytes)
    reply = None
    for _ in range(60):  # the kernel binds within a second or two of starting
        s.send_multipart(ses.serialize(ses.msg("kernel_info_request", {})))
        reply = recv(s, ses, 1)
        if reply is not None:
            break
    s.close()
    return reply


def stop(proc):
    proc.kill()
    proc.wait(10)


proc, conn, logfile = start("::1", "v6-key", socket.AF_INET6, "::1")
reply = ask_info(conn, "[::1]", b"v6-key", ipv6=True)
obs["ipv6"] = {"status": reply and reply["content"].get("status"), "alive": proc.poll() is None}
stop(proc)

proc, conn, logfile = start("2001:db8::77", "k", socket.AF_INET6, "::1")
try:
    code = proc.wait(60)
except subprocess.TimeoutExpired:
    code = None
    stop(proc)
obs["unbindable"] = {"exit": code, "log": open(logfile).read()[-2000:]}

proc, conn, logfile = start("127.0.0.1", "")
reply = ask_info(conn, "127.0.0.1", b"")
time.sleep(0.5)
obs["empty_key"] = {"status": reply and reply["content"].get("status"), "log": open(logfile).read()[-2000:]}
stop(proc)

print("OBSERVATIONS " + json.dumps(obs))
sys.stdout.flush()
os._exit(0)
