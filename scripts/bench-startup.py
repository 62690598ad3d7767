#!/usr/bin/env python3
"""Measures Accord's start-up time and memory against an empty Tauri window.

Builds the release app and the empty window (benches/empty-window: the same tauri version,
features and release profile; one command and a one-line page) in one cargo run, so both
link the very same Tauri and WebKitGTK code. Then, on a private Xvfb display and D-Bus session:

- start-up: launches each app RUNS times, alternating (empty window, then Accord), with
  ACCORD_STARTUP_PROBE=1, and times from launch until the app prints its probe line: for
  Accord once the alliance list has shown and its frame is painted, for the empty window once
  its page has painted. Accord opens a database that already holds the demo alliance (the
  usual start); its very first start, which creates the database and the demo, is one more
  run, reported apart.
- idle memory: SETTLE seconds after the probe line, the proportional set size (PSS) of the app
  and every process below it (WebKitNetworkProcess, WebKitWebProcess), and its unique set
  size (USS, pages no other process maps); then the window is closed and the app must exit
  with status 0.
- with a comparison open: RUNS more pairs, each an empty-window run as above and then Accord
  started through tauri-driver with a database in which both partners sealed N questions (the
  sealed_alliance example, as scripts/bench-comparison.py uses): its memory idle on the list,
  then once a partner is unlocked and the comparison is open with all N rows shown, each
  after SETTLE s.

Each ratio is the median of the runs' ratios, Accord's run against the empty-window run just
before it: PSS divides shared library pages among every process that maps them, machine-wide,
so another WebKit app running meanwhile (counted and printed) lowers both apps' PSS alike.
Prints every run, the medians and the ratios. Not a test: it asserts nothing about time or
memory.

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
                    "-p", "accord", "--bin", "accord-app", "-p", "empty-window", "--bin", "empty-window"],
                   check=True, cwd=ROOT)


def run_once(desktop, argv, settle, log):
    """Launch, wait for the probe line, let it settle, measure, close.
    Returns (ms to the probe line, memory in KiB, WebKit web processes outside ours)."""
    app = headless.launch(desktop, argv, log=log)
    try:
        ready = app.wait_ready()
        time.sleep(settle)
        memory = app.memory_kib()
        others = headless.webkit_processes_besides(app.process.pid)
        status = app.close()
    except RuntimeError:
        if app.process.poll() is None:
            app.kill()
        raise
    if status != 0:
        raise RuntimeError(f"{argv[0]} exited with status {status} after its window was closed")
    return ready * 1000, memory, others


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
        except OSError as e:  # e.g. the driver dropped the connection
            raise RuntimeError(f"{method} {path}: {e}") from None

    def stop(self):
        for pid in headless.descendants(self.process.pid):
            try:
                os.kill(pid, 15)
            except ProcessLookupError:
                pass
        self.process.kill()
        self.process.wait()


def comparison_run(driver, db, n, settle):
    """Memory of Accord started by tauri-driver (KiB): idle on the list, then with the
    comparison open; and the WebKit web processes outside ours at the second measurement."""
    caps = {"capabilities": {"alwaysMatch": {
        "browserName": "wry", "tauri:options": {"application": ACCORD, "args": ["--db", db]}}}}
    session = wait_for(lambda: driver.request("POST", "/session", caps), "a WebDriver session")["sessionId"]
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
        idle = headless.memory_kib(app)
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
        return idle, headless.memory_kib(app), headless.webkit_processes_besides(app)
    finally:
        try:
            driver.request("DELETE", s)
        except RuntimeError:
            pass
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


def summary(pairs):
    """Medians of the empty window's and Accord's figures, and the median of the per-run
    ratios: each Accord run is paired with the empty-window run just before it, under the
    same machine load and the same other processes."""
    empty = statistics.median(e for e, _ in pairs)
    accord = statistics.median(a for _, a in pairs)
    ratio = statistics.median(a / e for e, a in pairs)
    return empty, accord, ratio


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

    starts, pss, uss, cmp_pss, cmp_uss, idle_wd, others = [], [], [], [], [], [], []
    empty_argv, accord_argv = [EMPTY], [ACCORD, "--db", demo_db]
    with open(log_path, "wb") as log, headless.Desktop() as desktop:
        # Warm-up, not counted: the page cache, fontconfig, WebKit's caches. Accord's warm-up
        # is its first start: it creates the database and the demo alliance.
        first_ms, _, _ = run_once(desktop, accord_argv, 1, log)
        print(f"accord first start (creates the database and the demo alliance): {first_ms:.0f} ms")
        run_once(desktop, empty_argv, 1, log)
        for run in range(args.runs):
            e_ms, e_mem, e_others = run_once(desktop, empty_argv, args.settle, log)
            a_ms, a_mem, a_others = run_once(desktop, accord_argv, args.settle, log)
            starts.append((e_ms, a_ms))
            pss.append((e_mem["pss"], a_mem["pss"]))
            uss.append((e_mem["uss"], a_mem["uss"]))
            others += [e_others, a_others]
            print(f"run {run + 1}: list shown after {e_ms:4.0f} / {a_ms:4.0f} ms, idle PSS "
                  f"{mib(e_mem['pss']):5.1f} / {mib(a_mem['pss']):5.1f} MiB, USS "
                  f"{mib(e_mem['uss']):5.1f} / {mib(a_mem['uss']):5.1f} MiB (empty / accord); "
                  f"other WebKit web processes: {max(e_others, a_others)}")

        driver = Driver(desktop, log)
        try:
            for run in range(args.runs):
                _, e_mem, e_others = run_once(desktop, empty_argv, args.settle, log)
                for attempt in range(3):
                    try:
                        before, after, a_others = comparison_run(driver, big_db, args.questions,
                                                                 args.settle)
                        break
                    except RuntimeError as error:
                        # WebKitWebDriver now and then drops a connection on a busy machine.
                        print(f"run {run + 1} through WebDriver failed ({error}); again")
                        if attempt == 2:
                            raise
                idle_wd.append((e_mem["pss"], before["pss"]))
                cmp_pss.append((e_mem["pss"], after["pss"]))
                cmp_uss.append((e_mem["uss"], after["uss"]))
                others += [e_others, a_others]
                print(f"run {run + 1}: empty window idle PSS {mib(e_mem['pss']):5.1f} MiB; accord "
                      f"through WebDriver idle {mib(before['pss']):5.1f} MiB, with the "
                      f"{args.questions}-question comparison open PSS {mib(after['pss']):5.1f} MiB, "
                      f"USS {mib(after['uss']):5.1f} MiB; other WebKit web processes: "
                      f"{max(e_others, a_others)}")
        finally:
            driver.stop()
    load_after = os.getloadavg()

    print()
    print(f"load average: before {load_before[0]:.2f}, after {load_after[0]:.2f} "
          f"(1-minute); {os.cpu_count()} CPUs; {args.runs} runs; settle {args.settle:g} s; "
          f"other WebKit web processes on the machine at a measurement: up to {max(others)}")
    print(f"binaries: accord-app {os.path.getsize(ACCORD) / 1e6:.1f} MB, "
          f"empty-window {os.path.getsize(EMPTY) / 1e6:.1f} MB")
    print()
    print("| median of the runs | empty window | Accord | ratio (median of the runs' ratios) |")
    print("|---|---:|---:|---:|")
    e, a, r = summary(starts)
    print(f"| start-up: launch to list shown | {e:.0f} ms | {a:.0f} ms | **{r:.2f}x** |")
    e, a, r = summary(pss)
    print(f"| PSS idle after start | {mib(e):.1f} MiB | {mib(a):.1f} MiB | **{r:.2f}x** |")
    e, a, r = summary(uss)
    print(f"| USS idle after start | {mib(e):.1f} MiB | {mib(a):.1f} MiB | {r:.2f}x |")
    e, a, r = summary(idle_wd)
    print(f"| PSS idle, Accord started by tauri-driver | {mib(e):.1f} MiB | {mib(a):.1f} MiB | {r:.2f}x |")
    e, a, r = summary(cmp_pss)
    print(f"| PSS, {args.questions}-question comparison open (tauri-driver) "
          f"| {mib(e):.1f} MiB | {mib(a):.1f} MiB | **{r:.2f}x** |")
    e, a, r = summary(cmp_uss)
    print(f"| USS, {args.questions}-question comparison open (tauri-driver) "
          f"| {mib(e):.1f} MiB | {mib(a):.1f} MiB | {r:.2f}x |")
    print()
    print(f"start-up ranges: empty {min(e for e, _ in starts):.0f}-{max(e for e, _ in starts):.0f} ms, "
          f"accord {min(a for _, a in starts):.0f}-{max(a for _, a in starts):.0f} ms")
    print(f"the apps' own output is in {log_path}")


if __name__ == "__main__":
    main()
