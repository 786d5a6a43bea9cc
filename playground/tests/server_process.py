"""Starts a playground server on a free loopback port for the tests (standard library only)."""
from __future__ import annotations

import json
import os
import subprocess
import urllib.error
import urllib.request


class Server:
    """`with Server(binary, "--pretend-missing", "1.4") as s: s.post("/api/math", {...})`"""

    def __init__(self, binary: str, *args: str):
        self.binary = binary
        self.args = list(args)
        self.process = None
        self.url = None

    def __enter__(self) -> "Server":
        self.process = subprocess.Popen([self.binary, "--port", "0", *self.args], stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        line = self.process.stdout.readline()  # "MiniTorch playground (modules 0..4): http://127.0.0.1:PORT/"
        if "http://" not in line:
            self.process.kill()
            self.process.wait()
            rest = self.process.stdout.read()
            self.process.stdout.close()
            raise RuntimeError(f"the playground did not start: {line}{rest}")
        self.url = line[line.index("http://"):].strip().rstrip("/")
        return self

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()

    def alive(self) -> bool:
        return self.process.poll() is None

    def request(self, method: str, path: str, body: bytes | None = None,
                content_type: str = "application/json", timeout: float = 60) -> tuple[int, dict]:
        """(status, JSON answer); a 4xx/5xx answer is returned, not raised."""
        req = urllib.request.Request(self.url + path, data=body, method=method)
        if body is not None:
            req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as res:
                return res.status, json.loads(res.read() or b"{}")
        except urllib.error.HTTPError as e:
            text = e.read()
            try:
                return e.code, json.loads(text)
            except ValueError:
                return e.code, {"raw": text.decode(errors="replace")}

    def get(self, path: str) -> tuple[int, dict]:
        return self.request("GET", path)

    def post(self, path: str, payload) -> tuple[int, dict]:
        return self.request("POST", path, json.dumps(payload).encode())

    def events(self, session: str, timeout: float = 120) -> list[dict]:
        """Every frame of a training session's event stream, until it ends."""
        frames = []
        with urllib.request.urlopen(f"{self.url}/api/train/{session}/events", timeout=timeout) as res:
            assert res.headers.get_content_type() == "text/event-stream"
            for raw in res:
                line = raw.decode().strip()
                if line.startswith("data: "):
                    frames.append(json.loads(line[6:]))
                    if frames[-1]["state"] != "running":
                        break
        return frames


def binary_from_argv(argv: list[str]) -> str:
    """The playground binary: the first argument, or $PLAYGROUND."""
    path = argv[1] if len(argv) > 1 else os.environ.get("PLAYGROUND", "build/ci/bin/playground")
    if not os.access(path, os.X_OK):
        raise SystemExit(f"no playground binary at {path} (build it: cmake --build build/ci --target playground)")
    return path
