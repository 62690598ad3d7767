#!/usr/bin/env python3
"""Runs a desktop app headless, for benchmarks and tests: a private Xvfb display and D-Bus
session, the app started with its start-up probe on, the proportional memory of the app and
its WebKit processes, and closing the window as a window manager's close button does.

As a command (used by tests/deb/run.sh):

    scripts/headless.py smoke [--timeout S] -- APP [ARG...]

starts APP with ACCORD_STARTUP_PROBE=1, waits for its probe line (the UI has shown its
alliance list and takes input), closes the window and expects exit status 0. Prints how long
the list took to show and the memory in use. Status 1 if any step fails.

As a module: `Desktop`, `launch`, `App.wait_ready`, `App.memory_kib`, `App.close` (see
scripts/bench-startup.py). Only the Python standard library and libX11 (a WebKitGTK
dependency) are used.
"""
import ctypes
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

PROBE_LINE = "accord-startup-probe: ready"


class Desktop:
    """A private X display (Xvfb) and D-Bus session bus, and a scratch home for the apps'
    configuration, data and caches. Use as a context manager."""

    def __init__(self, width=1280, height=800):
        self.size = f"{width}x{height}x24"
        self.processes = []

    def __enter__(self):
        self.home = tempfile.mkdtemp(prefix="accord-headless-")
        # -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", self.size,
                                 "-nolisten", "tcp"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        self.processes.append(xvfb)
        number = _read_line(xvfb.stdout, 30, "Xvfb to start")
        self.display = ":" + number.strip()
        # A session bus, as on a desktop: without one GLib autolaunches a bus (and the
        # accessibility bus) that outlive the app.
        bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               start_new_session=True)
        self.processes.append(bus)
        address = _read_line(bus.stdout, 30, "dbus-daemon to start").strip()
        self.env = dict(os.environ, DISPLAY=self.display, DBUS_SESSION_BUS_ADDRESS=address,
                        WEBKIT_DISABLE_COMPOSITING_MODE="1",
                        XDG_CONFIG_HOME=os.path.join(self.home, "config"),
                        XDG_DATA_HOME=os.path.join(self.home, "data"),
                        XDG_CACHE_HOME=os.path.join(self.home, "cache"))
        for name in ("ACCORD_DB", "WAYLAND_DISPLAY", "ACCORD_STARTUP_PROBE"):
            self.env.pop(name, None)
        return self

    def __exit__(self, *exc):
        # The bus first, with what it started (the accessibility bus), then the display.
        for process in reversed(self.processes):
            for pid in [process.pid] + descendants(process.pid):
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(self.home, ignore_errors=True)
        return False


class App:
    """A launched app: its process, the lines it printed (with the time each arrived) and
    the monotonic time it was started."""

    def __init__(self, desktop, argv, env, log):
        self.desktop = desktop
        self.lines = queue.Queue()
        self.started = time.monotonic()
        self.process = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=log)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.process.stdout:
            self.lines.put((time.monotonic(), raw.decode(errors="replace").rstrip("\n")))
        self.lines.put((time.monotonic(), None))

    def wait_ready(self, timeout=60):
        """Seconds from launch until the app printed the probe line."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                at, line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise RuntimeError(f"no start-up probe line within {timeout} s") from None
            if line is None:
                raise RuntimeError(f"the app exited (status {self.process.wait()}) before "
                                   "its start-up probe line")
            if line == PROBE_LINE:
                return at - self.started

    def pss_kib(self):
        return pss_kib(self.process.pid)

    def memory_kib(self):
        return memory_kib(self.process.pid)

    def close(self, timeout=20):
        """Asks the window to close (WM_DELETE_WINDOW) and returns the exit status."""
        if not close_windows(self.desktop.display, self.process.pid):
            raise RuntimeError("the app has no window that accepts WM_DELETE_WINDOW")
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise RuntimeError(f"the app did not exit within {timeout} s of closing its window") from None

    def kill(self):
        for pid in [self.process.pid] + descendants(self.process.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.process.wait()


def launch(desktop, argv, log=subprocess.DEVNULL, probe=True):
    """Starts argv on the desktop, with the start-up probe on unless `probe` is false."""
    env = dict(desktop.env)
    if probe:
        env["ACCORD_STARTUP_PROBE"] = "1"
    return App(desktop, argv, env, log)


def descendants(pid):
    """Every process below pid (children, their children, ...)."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # The command name (field 2) is in parentheses and may hold spaces.
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def memory_kib(pid):
    """Memory of pid and all its descendants (the WebKit network and web processes), in KiB,
    from /proc/PID/smaps_rollup: `pss`, the proportional set size (each shared page divided
    among the processes mapping it, machine-wide, so other WebKit apps running at the same
    time lower it), and `uss`, the pages no other process maps (Private_Clean +
    Private_Dirty), which does not depend on them."""
    total = {"pss": 0, "uss": 0}
    for p in [pid] + descendants(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    key, _, rest = line.partition(":")
                    if key == "Pss":
                        total["pss"] += int(rest.split()[0])
                    elif key in ("Private_Clean", "Private_Dirty"):
                        total["uss"] += int(rest.split()[0])
        except OSError:
            pass  # exited meanwhile
    return total


def pss_kib(pid):
    """Proportional set size of pid and all its descendants, in KiB (see memory_kib)."""
    return memory_kib(pid)["pss"]


def webkit_processes_besides(pid):
    """How many WebKit web processes run on the machine outside pid's process tree: they
    share library pages with ours and so lower our PSS."""
    ours = set(descendants(pid))
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit() and int(entry) not in ours:
            try:
                with open(f"/proc/{entry}/comm") as f:
                    count += f.read().startswith("WebKitWebProces")
            except OSError:
                pass
    return count


def close_windows(display, pid):
    """Sends WM_DELETE_WINDOW to each top-level window of process pid (by _NET_WM_PID) that
    takes it, as a window manager does when its close button is clicked. Under Xvfb there is
    no window manager, so top-level windows are children of the root. Returns how many."""
    x = ctypes.CDLL("libX11.so.6")
    ulong_p = ctypes.POINTER(ctypes.c_ulong)
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x.XDefaultRootWindow.restype = ctypes.c_ulong
    x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x.XInternAtom.restype = ctypes.c_ulong
    x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
    x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ulong_p, ulong_p,
                             ctypes.POINTER(ulong_p), ctypes.POINTER(ctypes.c_uint)]
    x.XGetWindowProperty.argtypes = [
        ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
        ctypes.c_int, ctypes.c_ulong, ulong_p, ctypes.POINTER(ctypes.c_int), ulong_p, ulong_p,
        ctypes.POINTER(ctypes.c_void_p)]
    x.XGetWMProtocols.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ulong_p),
                                  ctypes.POINTER(ctypes.c_int)]
    x.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                             ctypes.c_void_p]
    x.XFree.argtypes = [ctypes.c_void_p]
    x.XFlush.argtypes = [ctypes.c_void_p]
    x.XCloseDisplay.argtypes = [ctypes.c_void_p]

    class ClientMessage(ctypes.Structure):
        _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                    ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                    ("window", ctypes.c_ulong), ("message_type", ctypes.c_ulong),
                    ("format", ctypes.c_int), ("data", ctypes.c_long * 5)]

    class XEvent(ctypes.Union):
        _fields_ = [("xclient", ClientMessage), ("pad", ctypes.c_long * 24)]

    dpy = x.XOpenDisplay(display.encode())
    if not dpy:
        raise RuntimeError(f"cannot open display {display}")
    try:
        net_wm_pid = x.XInternAtom(dpy, b"_NET_WM_PID", 0)
        wm_protocols = x.XInternAtom(dpy, b"WM_PROTOCOLS", 0)
        wm_delete = x.XInternAtom(dpy, b"WM_DELETE_WINDOW", 0)
        root, parent, children, count = ctypes.c_ulong(), ctypes.c_ulong(), ulong_p(), ctypes.c_uint()
        if not x.XQueryTree(dpy, x.XDefaultRootWindow(dpy), ctypes.byref(root), ctypes.byref(parent),
                            ctypes.byref(children), ctypes.byref(count)):
            return 0
        windows = [children[i] for i in range(count.value)]
        if children:
            x.XFree(children)
        sent = 0
        for window in windows:
            kind, fmt, items, after = ctypes.c_ulong(), ctypes.c_int(), ctypes.c_ulong(), ctypes.c_ulong()
            data = ctypes.c_void_p()
            status = x.XGetWindowProperty(dpy, window, net_wm_pid, 0, 1, 0, 6,  # XA_CARDINAL
                                          ctypes.byref(kind), ctypes.byref(fmt), ctypes.byref(items),
                                          ctypes.byref(after), ctypes.byref(data))
            if status != 0 or not data.value:
                continue
            owner = ctypes.cast(data, ulong_p)[0] if items.value == 1 and fmt.value == 32 else None
            x.XFree(data)
            if owner != pid:
                continue
            protocols, n = ulong_p(), ctypes.c_int()
            if not x.XGetWMProtocols(dpy, window, ctypes.byref(protocols), ctypes.byref(n)):
                continue
            takes_delete = any(protocols[i] == wm_delete for i in range(n.value))
            x.XFree(protocols)
            if not takes_delete:
                continue
            event = XEvent()
            event.xclient.type = 33  # ClientMessage
            event.xclient.window = window
            event.xclient.message_type = wm_protocols
            event.xclient.format = 32
            event.xclient.data[0] = wm_delete
            event.xclient.data[1] = 0  # CurrentTime
            x.XSendEvent(dpy, window, 0, 0, ctypes.byref(event))
            sent += 1
        x.XFlush(dpy)
        return sent
    finally:
        x.XCloseDisplay(dpy)


def _read_line(stream, timeout, what):
    result = []
    reader = threading.Thread(target=lambda: result.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    if not result or not result[0]:
        raise RuntimeError(f"timed out waiting for {what}")
    return result[0].decode()


def smoke(argv, timeout):
    """Starts the app, waits for its alliance list, closes it. Returns the exit status."""
    with Desktop() as desktop:
        log = tempfile.TemporaryFile()
        app = launch(desktop, argv, log=log)
        try:
            ready = app.wait_ready(timeout)
            print(f"smoke: the alliance list showed {ready * 1000:.0f} ms after launch")
            time.sleep(2)
            print(f"smoke: PSS of the app and its WebKit processes: {app.pss_kib() / 1024:.0f} MiB")
            status = app.close()
        except RuntimeError as error:
            if app.process.poll() is None:
                app.kill()
            log.seek(0)
            sys.stderr.write(log.read().decode(errors="replace")[-4000:])
            print(f"smoke: {error}", file=sys.stderr)
            return 1
        if status != 0:
            print(f"smoke: the app exited with status {status} after its window was closed",
                  file=sys.stderr)
            return 1
        print("smoke: the window closed and the app exited with status 0")
        return 0


def main(args):
    usage = "usage: scripts/headless.py smoke [--timeout S] -- APP [ARG...]"
    if not args or args[0] != "smoke":
        sys.exit(usage)
    args = args[1:]
    timeout = 60.0
    if args[:1] == ["--timeout"] and len(args) > 1:
        timeout, args = float(args[1]), args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        sys.exit(usage)
    return smoke(args, timeout)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
