#!/usr/bin/env python3
"""Issue 29's attacks against a built server binary, with the figures the issue asks for.

  scripts/hardening-probe.py [BINARY]   (default target/release/qianyue)

1. Metrics: 300 requests with made-up methods of 20 KB (letters only) -> the size of
   /metrics and the server's resident memory before and after.
2. Lock-out: 5 wrong passwords from each of 11 addresses on ent_demo -> the owner's browser
   (with the device cookie of an earlier sign-in) from a 12th address, and a new browser
   from there without one: status and time of each.

Starts the binary on a fresh demo database under target/hardening-probe, on loopback
addresses (127.0.0.0/8 is all local on Linux). Prints figures; not a test (the tests are
server/tests/it/metrics.rs and sign_in.rs; the parked uploads, the login flood and the
database outage run with QY_SERVER_BIN=BINARY against any binary)."""

import os
import random
import shutil
import socket
import string
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target/release/qianyue")
DIR = os.path.join(ROOT, "target/hardening-probe")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PORT, METRICS = free_port(), free_port()


def exchange(request: bytes, source="127.0.0.1", port=PORT, timeout=30.0):
    """One request on a fresh connection from `source`: (status, head, body, seconds)."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout, source_address=(source, 0)) as s:
        s.sendall(request)
        chunks = []
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
    answer = b"".join(chunks)
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head[9:12]) if len(head) >= 12 else 0
    return status, head.decode("latin-1"), body, time.monotonic() - started


def login(name, password, source, cookie=None):
    form = f"login={name}&password={password}".encode()
    cookie = f"Cookie: {cookie}\r\n" if cookie else ""
    request = (
        f"POST /fn/login HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nOrigin: http://127.0.0.1:{PORT}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(form)}\r\n"
        f"{cookie}Connection: close\r\n\r\n"
    ).encode() + form
    return exchange(request, source)


def device_cookie(head):
    for line in head.split("\r\n"):
        if line.lower().startswith("set-cookie: qy_device="):
            return line.split(": ", 1)[1].split(";")[0]
    return None


def resident_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def metrics_size():
    request = f"GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
    return len(exchange(request, port=METRICS)[2])


def main():
    shutil.rmtree(DIR, ignore_errors=True)
    os.makedirs(DIR)
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite://{DIR}/probe.db",
        QY_ADDR=f"127.0.0.1:{PORT}",
        QY_METRICS_ADDR=f"127.0.0.1:{METRICS}",
        QY_DATA_DIR=f"{DIR}/data",
        QY_DEMO="1",
        QY_SECURE_COOKIES="0",
        RUST_LOG="error",
    )
    subprocess.run([BINARY, "seed-demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([BINARY, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                if exchange(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        exchange(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")

        # 1. Made-up methods.
        before = (metrics_size(), resident_mb(server.pid))
        for _ in range(300):
            method = "".join(random.choices(string.ascii_uppercase, k=20_000)).encode()
            try:
                exchange(method + b" / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            except OSError:
                pass
        after = (metrics_size(), resident_mb(server.pid))
        print(f"1. /metrics {before[0] / 1024:.1f} KB -> {after[0] / 1024:.1f} KB; "
              f"resident {before[1]:.0f} MB -> {after[1]:.0f} MB (300 requests, 20 KB methods)")

        # 2. 11 addresses x 5 wrong passwords.
        status, head, _, _ = login("ent_demo", "Qianyue-2026", "127.0.0.2")
        cookie = device_cookie(head)
        assert status == 200 and cookie, head
        answers = [login("ent_demo", "Wrong-pass-1", f"127.0.1.{a}")[0] for a in range(11) for _ in range(5)]
        print(f"2. 55 wrong passwords from 11 addresses: "
              f"{answers.count(401)} x 401, {answers.count(429)} x 429")
        status, _, _, took = login("ent_demo", "Qianyue-2026", "127.0.2.1", cookie)
        print(f"   the owner's browser (device cookie), 12th address: {status} in {took * 1000:.0f} ms")
        status, _, _, took = login("ent_demo", "Qianyue-2026", "127.0.2.1")
        print(f"   a new browser, same address, right password: {status} in {took * 1000:.0f} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
