#!/usr/bin/env python3
"""Measures Accord's start-up time and memory against an empty Tauri window.

Builds the release app and the empty window (benches/empty-window: the same tauri version,
features and release profile; one command and a one-line page) in one cargo run, so both
link the very same Tauri and WebKitGTK code. Then, on a private Xvfb display and D-Bus session:

- start-up: launches each app RUNS times, alternating, with ACCORD_STARTUP_PROBE=1, and times
  from launch until the app prints its probe line: for Accord once the alliance list has shown
  and its frame is painted, for the empty window once its page has painted. Accord opens a
  database that already holds the demo alliance (the usual start); its very first start, which
  creates the database and the demo, is one more run, reported apart.
- idle memory: SETTLE seconds after the probe line, the proportional set size (PSS) of the app
  and every process below it (WebKitNetworkProcess, WebKitWebProcess); then the window is
  closed and the app must exit with status 0.
- after a 500-question comparison: Accord is started through tauri-driver with a database in
  which both partners sealed N questions (the sealed_alliance example, as
  scripts/bench-comparison.py does); its PSS is taken idle on the alliance list, then after a
  partner is unlocked and the comparison is open with all N rows shown, each after SETTLE s.

Prints every run, the medians and the ratios to the empty window. Not a test: it asserts
nothing about time or memory.

Usage: scripts/bench-startup.py [RUNS] [--settle S] [--questions N] [--no-build]
       (default 5 runs, 5 s, 500 questions)
Needs: Xvfb, dbus-daemon, tauri-driver and WebKitWebDriver (scripts/install.sh).
"""
import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import headless

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
ACCORD = os.path.join(TARGET, "release", "accord-app")
EMPTY = os.path.join(TARGET, "release", "empty-window")
KEY = "element-6066-11e4-a52e-4f735466cecf"


def build():
    subprocess.run([os.path.join(ROOT, "scripts", "build-ui.sh")], check=True)
    # One cargo run for both, so features unify and both link the same Tauri build.
    subprocess.run(["cargo", "build", "--release", "--locked", "--features", "tauri/custom-protocol",
                    "-p", "accord", "--bin", "accord-app", "-p", "empty-window"],
                   check=True, cwd=ROOT)


def run_once(desktop, argv, settle, log):
    """Launch, wait for the probe line, let it settle, measure, close. (ms, KiB)."""
    app = headless.launch(desktop, argv, log=log)
    try:
        ready = app.wait_ready()
        time.sleep(settle)
        pss = app.pss_kib()
        status = app.close()
    except RuntimeError:
        if app.process.poll() is None:
            app.kill()
        raise
    if status != 0:
        raise RuntimeError(f"{argv[0]} exited with status {status} after its window was closed")
    return ready * 1000, pss


class Driver:
    """A minimal W3C WebDriver client for tauri-driver."""

    def __init__(self, desktop, log):
        self.port = free_port()
        self.process = subprocess.Popen(
            ["tauri-driver", "--port", str(self.port), "--native-port", str(free_port())],
            env=desktop.env, stdout=log, stderr=log)
        wait_for(self.ready, "tauri-driver")

    def ready(self):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/status", timeout=2) as r:
                return r.status == 200
        except OSError:
            return False

    def request(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method,
                                     data=data, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                return json.load(resp)["value"]
        except urllib.error.HTTPError as e:
            raise RuntimeError(f"{method} {path}: {e.code} {e.read()[:300]!r}") from None

    def stop(self):
        for pid in headless.descendants(self.process.pid):
            try:
                os.kill(pid, 15)
            except ProcessLookupError:
                pass
        self.process.kill()
        self.process.wait()


def comparison_run(driver, db, n, settle):
    """(idle KiB, with the comparison open KiB) of Accord started by tauri-driver."""
    caps = {"capabilities": {"alwaysMatch": {
        "browserName": "wry", "tauri:options": {"application": ACCORD, "args": ["--db", db]}}}}
    session = driver.request("POST", "/session", caps)["sessionId"]
    s = f"/session/{session}"

    def find(css):
        return driver.request("POST", f"{s}/elements", {"using": "css selector", "value": css})

    def click(el):
        driver.request("POST", f"{s}/execute/sync", {
            "script": "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();",
            "args": [el]})

    try:
        app = wait_for(lambda: app_pid(driver.process.pid), "the app's process")
        wait_for(lambda: find("[data-testid=alliance-list-item]"), "the alliance list")
        time.sleep(settle)
        idle = headless.pss_kib(app)
        click(find("[data-testid=alliance-list-item]")[0])
        click(wait_for(lambda: find("[data-testid=compare-as][data-party=p1]")
                       or find("[data-testid=open-comparison]"), "the compare button")[0])
        if not find("[data-testid=passphrase-input]"):
            click(wait_for(lambda: find("[data-testid=compare-as][data-party=p1]"), "partner choice")[0])
        field = wait_for(lambda: find("[data-testid=passphrase-input]"), "the passphrase field")[0]
        driver.request("POST", f"{s}/element/{field[KEY]}/value", {"text": "northwind-pass"})
        click(find("[data-testid=passphrase-submit]")[0])
        button = find("[data-testid=open-comparison]")
        if button:
            click(button[0])
        wait_for(lambda: len(find("[data-testid=gap-row]")) >= n, f"{n} question rows", timeout=120)
        time.sleep(settle)
        return idle, headless.pss_kib(app)
    finally:
        driver.request("DELETE", s)
        time.sleep(1)  # let the app exit before the next session starts it again


def app_pid(driver_pid):
    """The accord-app process tauri-driver (through WebKitWebDriver) started."""
    target = os.path.realpath(ACCORD)
    for pid in headless.descendants(driver_pid):
        try:
            if os.path.realpath(f"/proc/{pid}/exe") == target:
                return pid
        except OSError:
            pass
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(fn, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = fn()
        except (OSError, RuntimeError):
            value = None
        if value:
            return value
        time.sleep(0.05)
    raise RuntimeError(f"timed out waiting for {what}")


def mib(kib):
    return kib / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("--settle", type=float, default=5.0)
    parser.add_argument("--questions", type=int, default=500)
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    if not args.no_build:
        build()
    for binary in (ACCORD, EMPTY):
        if not os.path.exists(binary):
            sys.exit(f"bench: {binary} is missing")

    work = tempfile.mkdtemp(prefix="accord-bench-startup-")
    demo_db = os.path.join(work, "demo.db")
    big_db = os.path.join(work, f"sealed-{args.questions}.db")
    subprocess.run(["cargo", "run", "--quiet", "--release", "--locked", "-p", "accord-store",
                    "--example", "sealed_alliance", "--", big_db, str(args.questions)],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    log_path = os.path.join(work, "apps.log")
    load_before = os.getloadavg()
    print(f"load average before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}")

    starts = {"empty": [], "accord": []}
    idle = {"empty": [], "accord": []}
    argv = {"empty": [EMPTY], "accord": [ACCORD, "--db", demo_db]}
    with open(log_path, "wb") as log, headless.Desktop() as desktop:
        # Warm-up, not counted: the page cache, fontconfig, WebKit's caches. Accord's warm-up
        # is its first start: it creates the database and the demo alliance.
        first_ms, _ = run_once(desktop, argv["accord"], 1, log)
        print(f"accord first start (creates the database and the demo alliance): {first_ms:.0f} ms")
        run_once(desktop, argv["empty"], 1, log)
        for run in range(args.runs):
            for name in ("empty", "accord"):
                ms, kib = run_once(desktop, argv[name], args.settle, log)
                starts[name].append(ms)
                idle[name].append(kib)
                print(f"run {run + 1} {name:6}: list shown after {ms:4.0f} ms, "
                      f"idle PSS {mib(kib):5.1f} MiB")

        driver = Driver(desktop, log)
        compared, idle_wd = [], []
        try:
            for run in range(args.runs):
                before, after = comparison_run(driver, big_db, args.questions, args.settle)
                idle_wd.append(before)
                compared.append(after)
                print(f"run {run + 1} accord through WebDriver: idle {mib(before):5.1f} MiB, "
                      f"with the {args.questions}-question comparison open {mib(after):5.1f} MiB")
        finally:
            driver.stop()
    load_after = os.getloadavg()

    def med(values):
        return statistics.median(values)

    print()
    print(f"load average: before {load_before[0]:.2f}, after {load_after[0]:.2f} "
          f"(1-minute); {os.cpu_count()} CPUs; {args.runs} runs, medians; settle {args.settle:g} s")
    print(f"binaries: accord-app {os.path.getsize(ACCORD) / 1e6:.1f} MB, "
          f"empty-window {os.path.getsize(EMPTY) / 1e6:.1f} MB")
    print()
    print("| what | empty window | Accord | ratio |")
    print("|---|---:|---:|---:|")
    e, a = med(starts["empty"]), med(starts["accord"])
    print(f"| start-up: launch to list shown | {e:.0f} ms | {a:.0f} ms | **{a / e:.2f}x** |")
    e, a = med(idle["empty"]), med(idle["accord"])
    print(f"| PSS idle after start | {mib(e):.1f} MiB | {mib(a):.1f} MiB | **{a / e:.2f}x** |")
    w, c = med(idle_wd), med(compared)
    print(f"| PSS idle, started by tauri-driver | | {mib(w):.1f} MiB | {w / e:.2f}x |")
    print(f"| PSS with the {args.questions}-question comparison open (tauri-driver) "
          f"| | {mib(c):.1f} MiB | {c / e:.2f}x |")
    print()
    print(f"ranges: start-up empty {min(starts['empty']):.0f}-{max(starts['empty']):.0f} ms, "
          f"accord {min(starts['accord']):.0f}-{max(starts['accord']):.0f} ms; "
          f"idle PSS empty {mib(min(idle['empty'])):.1f}-{mib(max(idle['empty'])):.1f} MiB, "
          f"accord {mib(min(idle['accord'])):.1f}-{mib(max(idle['accord'])):.1f} MiB")
    print(f"the apps' own output is in {log_path}")


if __name__ == "__main__":
    main()
