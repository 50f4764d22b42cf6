"""client.py: a minimal Language Server Protocol client for the tests of
pmc lsp (Python 3, standard library only). It reads the server's standard
output strictly: every byte must belong to a framed JSON-RPC message."""

import json
import os
import select
import subprocess
import time


class ProtocolError(Exception):
    pass


class Client:
    def __init__(self, pmc, *args, cwd=None):
        self.proc = subprocess.Popen(
            [pmc, "lsp", *args], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.buf = bytearray()
        self.next_id = 0
        self.notes = []  # notifications read while waiting for a reply

    # -- writing
    def raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, obj):
        body = json.dumps(obj).encode()
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params=None):
        msg = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)

    def request(self, method, params=None, timeout=10):
        self.next_id += 1
        msg = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            msg["params"] = params
        self.send(msg)
        return self.reply(self.next_id, timeout)

    # -- reading
    def _fill(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        r, _, _ = select.select([self.proc.stdout], [], [], left)
        if not r:
            return False
        chunk = os.read(self.proc.stdout.fileno(), 65536)
        if not chunk:
            raise EOFError("the server closed its output")
        self.buf += chunk
        return True

    def read(self, timeout=10):
        """The next message, or None when none comes within timeout."""
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in self.buf:
            if not self._fill(deadline):
                return None
        end = self.buf.index(b"\r\n\r\n")
        head = bytes(self.buf[:end])
        if not head.startswith(b"Content-Length: ") or b"\r\n" in head:
            raise ProtocolError("bad header from the server: %r" % head)
        n = end + 4 + int(head[16:])
        while len(self.buf) < n:
            if not self._fill(deadline):
                return None
        body, self.buf = self.buf[end + 4:n], self.buf[n:]
        msg = json.loads(bytes(body).decode("utf-8"))
        if msg.get("jsonrpc") != "2.0":
            raise ProtocolError("not JSON-RPC 2.0: %r" % msg)
        return msg

    def reply(self, rid, timeout=10):
        deadline = time.monotonic() + timeout
        while True:
            msg = self.read(max(0, deadline - time.monotonic()))
            if msg is None:
                raise ProtocolError("no reply to request %r" % rid)
            if "method" in msg:
                self.notes.append(msg)
            elif msg.get("id") == rid:
                return msg

    def note(self, method, timeout=10, uri=None):
        """The next notification of method (for uri), or None."""
        deadline = time.monotonic() + timeout
        while True:
            for i, m in enumerate(self.notes):
                if m["method"] == method and (
                        uri is None or m["params"].get("uri") == uri):
                    return self.notes.pop(i)
            msg = self.read(max(0, deadline - time.monotonic()))
            if msg is None:
                return None
            if "method" in msg:
                self.notes.append(msg)

    def initialize(self, encodings=None):
        caps = {}
        if encodings is not None:
            caps["general"] = {"positionEncodings": encodings}
        r = self.request("initialize", {"processId": None, "rootUri": None,
                                        "capabilities": caps})
        self.notify("initialized", {})
        return r

    def open(self, uri, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": version,
            "text": text}})

    def diagnostics(self, uri, timeout=10):
        m = self.note("textDocument/publishDiagnostics", timeout, uri)
        if m is None:
            raise ProtocolError("no diagnostics for %s" % uri)
        return m["params"]

    def close(self, timeout=10):
        """Closes the server's input; its exit status (None: it hung)."""
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def stderr(self):
        return self.proc.stderr.read().decode("utf-8", "replace")


def file_uri(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))
