#!/usr/bin/env python3
"""Measures how long the release app takes to show a comparison of N questions.

Writes a database with two partners who have answered and sealed N questions (the
sealed_alliance example), starts the app under a private Xvfb through tauri-driver, opens the
alliance, unlocks a partner, clicks "Open the comparison" and times, inside the page, from the
click until all N question rows are in the DOM and a frame has been painted. Prints one line per
run and the median. Not a test: it asserts nothing about time.

Usage: scripts/bench-comparison.py [N] [RUNS]   (default 500 questions, 5 runs)
Needs: the release app (scripts/build-app.sh), tauri-driver, Xvfb.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
APP = os.path.join(ROOT, "target", "release", "accord-app")
N = int(sys.argv[1]) if len(sys.argv) > 1 else 500
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
KEY = "element-6066-11e4-a52e-4f735466cecf"


def request(port, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method, data=data,
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.load(resp)["value"]
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"{method} {path}: {e.code} {e.read()[:300]!r}") from None


def wait_for(fn, what, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = fn()
        if value:
            return value
        time.sleep(0.05)
    raise RuntimeError(f"timed out waiting for {what}")


def main():
    if not os.path.exists(APP):
        sys.exit(f"bench: {APP} is missing; run scripts/build-app.sh first")
    work = tempfile.mkdtemp(prefix="accord-bench-")
    db = os.path.join(work, "bench.db")
    subprocess.run(["cargo", "run", "--quiet", "--release", "-p", "accord-store", "--example",
                    "sealed_alliance", "--", db, str(N)], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    display = ":" + str(150 + os.getpid() % 50)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            stderr=subprocess.DEVNULL)
    env = dict(os.environ, DISPLAY=display, WEBKIT_DISABLE_COMPOSITING_MODE="1",
               XDG_CONFIG_HOME=os.path.join(work, "config"))
    env.pop("ACCORD_DB", None)
    port = 4700 + os.getpid() % 100
    driver = subprocess.Popen(["tauri-driver", "--port", str(port), "--native-port", str(port + 1)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    timings = []
    try:
        wait_for(lambda: _status(port), "tauri-driver")
        for run in range(RUNS):
            capabilities = {"capabilities": {"alwaysMatch": {
                "browserName": "wry",
                "tauri:options": {"application": APP, "args": ["--db", db]}}}}
            session = wait_for(lambda: _try(lambda: request(port, "POST", "/session", capabilities)),
                               "a WebDriver session")["sessionId"]
            s = f"/session/{session}"

            def find(css):
                return request(port, "POST", f"{s}/elements", {"using": "css selector", "value": css})

            def click(el):
                request(port, "POST", f"{s}/execute/sync", {
                    "script": "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();",
                    "args": [el]})

            def fill(el, text):
                request(port, "POST", f"{s}/element/{el[KEY]}/value", {"text": text})

            click(wait_for(lambda: find("[data-testid=alliance-list-item]"), "the alliance")[0])
            click(wait_for(lambda: find("[data-testid=compare-as][data-party=p1]")
                           or find("[data-testid=open-comparison]"), "the compare button")[0])
            if not find("[data-testid=passphrase-input]"):
                buttons = wait_for(lambda: find("[data-testid=compare-as][data-party=p1]"), "partner choice")
                click(buttons[0])
            fill(wait_for(lambda: find("[data-testid=passphrase-input]"), "the passphrase field")[0],
                 "northwind-pass")
            click(find("[data-testid=passphrase-submit]")[0])
            # The comparison may open right after unlocking; if a button remains, time that click.
            ms = request(port, "POST", f"{s}/execute/async", {"script": """
                const [n, done] = arguments;
                const start = performance.now();
                const button = document.querySelector('[data-testid=open-comparison]');
                if (button) button.click();
                const check = () => {
                  if (document.querySelectorAll('[data-testid=gap-row]').length >= n) {
                    requestAnimationFrame(() => done(performance.now() - start));
                  } else { setTimeout(check, 5); }
                };
                check();
            """, "args": [N]})
            rows = len(find("[data-testid=gap-row]"))
            print(f"run {run + 1}: {ms:.0f} ms to show {rows} question rows")
            timings.append(ms)
            if run == 0:
                subprocess.run(["import", "-window", "root", os.path.join(ROOT, "target", f"bench-comparison-{N}.png")],
                               env=env, check=False)
            request(port, "DELETE", s)
            time.sleep(1)  # let the app exit before the next session starts it again
    finally:
        driver.kill()
        xvfb.kill()
    print(f"median of {len(timings)} runs: {statistics.median(timings):.0f} ms for {N} questions")


def _try(fn):
    try:
        return fn()
    except (OSError, RuntimeError):
        return None


def _status(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


if __name__ == "__main__":
    main()
