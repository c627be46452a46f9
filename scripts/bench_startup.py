#!/usr/bin/env python3
"""Times the start of two builds of the app side by side (scripts/bench-startup.sh).

Usage: bench_startup.py RUNS DB APP BARE

Starts APP and BARE alternately, RUNS times each after one uncounted warm-up start
of each, on a private Xvfb display, each on a fresh copy of the database DB. For
every start it records:
  - first paint: from spawning the process to the page's first contentful paint,
    as the web view itself records it (Paint Timing): the page reports the
    paint's wall-clock time through the bench_mark command, which the app prints
    on stdout when DANGJIAN_BENCH is set;
  - second frame: from spawning to the start of the frame after the first (two
    nested requestAnimationFrame callbacks), reported the same way; it counts,
    besides the paint, however long the page keeps busy right after it;
  - memory: the summed PSS of the process and all its descendants (WebKit's web
    and network processes) once the app has settled, 3 s after both, and
    the same by process name (where the difference lies).
Prints each start, the medians and the app/bare ratios with the issue's targets.
"""

import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

MARK = "dangjian-bench: "
EVENTS = ("first-contentful-paint", "second-frame")
SETTLE_S = 3.0
TIMEOUT_S = 60.0
PAINT_TARGET = 1.15
MEMORY_TARGET = 1.2


def start_xvfb(tmp):
    """A private Xvfb on a display it picks itself; returns (process, DISPLAY)."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=[write_end],
        stderr=open(os.path.join(tmp, "xvfb.log"), "wb"),
    )
    os.close(write_end)
    with os.fdopen(read_end) as f:
        number = f.readline().strip()
    if not number:
        sys.exit("bench: Xvfb did not start; see " + os.path.join(tmp, "xvfb.log"))
    return xvfb, ":" + number


def descendants(pid):
    """pid and every process below it, from the parent links in /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                # The command name may hold spaces; the parent id follows its ')'.
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def pss_kib(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def command_name(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return "?"


def one_start(binary, db, env):
    """Starts binary once; returns (ms to first paint, ms to the second frame, MiB
    of PSS after settling, MiB of PSS by process name)."""
    started, spawned_at_ms = time.monotonic(), time.time() * 1000
    proc = subprocess.Popen([binary], env={**env, "DANGJIAN_DB": db}, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        at_ms, pending = {}, b""
        while not all(event in at_ms for event in EVENTS):
            left = TIMEOUT_S - (time.monotonic() - started)
            if left <= 0 or not select.select([proc.stdout], [], [], left)[0]:
                sys.exit(f"bench: {binary} did not report {', '.join(e for e in EVENTS if e not in at_ms)} "
                         f"within {TIMEOUT_S:.0f} s")
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                sys.exit(f"bench: {binary} exited before painting (status {proc.wait()})")
            *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                text = line.decode(errors="replace")
                if not text.startswith(MARK):
                    continue
                event, _, wall_ms = text[len(MARK):].partition(" ")
                try:
                    since_spawn_ms = float(wall_ms) - spawned_at_ms
                except ValueError:
                    since_spawn_ms = -1.0
                if since_spawn_ms < 0:
                    sys.exit(f"bench: {binary} said {text!r}, not an event and its time in ms since the epoch: "
                             "built before this script? Run without BENCH_REUSE to rebuild it")
                at_ms[event] = since_spawn_ms
        time.sleep(SETTLE_S)
        by_name = {}
        for p in descendants(proc.pid):
            name = command_name(p)
            by_name[name] = by_name.get(name, 0) + pss_kib(p) / 1024
        return at_ms[EVENTS[0]], at_ms[EVENTS[1]], sum(by_name.values()), by_name
    finally:
        tree = descendants(proc.pid)
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        # WebKit's helpers leave with their parent; any left over would skew the next start.
        for p in tree[1:]:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass


def main():
    runs, db, app, bare = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    tmp = tempfile.mkdtemp(prefix="dangjian-bench.")
    xvfb, display = start_xvfb(tmp)
    env = {**os.environ, "DISPLAY": display, "DANGJIAN_BENCH": "1"}
    print(f"bench: Xvfb on {display}; {runs} starts of each after a warm-up, alternately")
    results = {"app": [], "bare": []}
    try:
        for i in range(runs + 1):
            for name, binary in (("bare", bare), ("app", app)):
                copy = os.path.join(tmp, f"{name}-{i}.db")
                shutil.copyfile(db, copy)
                paint, frame, mib, by_name = one_start(binary, copy, env)
                label = "warm-up" if i == 0 else f"start {i}"
                parts = ", ".join(f"{n} {m:.1f}" for n, m in sorted(by_name.items()))
                print(f"  {label:8} {name:4}  first paint {paint:5.0f} ms  second frame {frame:5.0f} ms  "
                      f"memory {mib:6.1f} MiB ({parts})", flush=True)
                if i > 0:
                    results[name].append((paint, frame, mib, by_name))
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    def median(name, k):
        return statistics.median(r[k] for r in results[name])

    paint = {n: median(n, 0) for n in results}
    frame = {n: median(n, 1) for n in results}
    mib = {n: median(n, 2) for n in results}
    print(f"first paint, median: app {paint['app']:.0f} ms, bare page {paint['bare']:.0f} ms, "
          f"ratio {paint['app'] / paint['bare']:.2f} (target <= {PAINT_TARGET})")
    print(f"second frame, median: app {frame['app']:.0f} ms, bare page {frame['bare']:.0f} ms, "
          f"ratio {frame['app'] / frame['bare']:.2f}")
    print(f"memory (PSS, all processes), median: app {mib['app']:.1f} MiB, bare page {mib['bare']:.1f} MiB, "
          f"ratio {mib['app'] / mib['bare']:.2f} (target <= {MEMORY_TARGET})")
    for name in results:
        names = sorted({n for r in results[name] for n in r[3]})
        parts = ", ".join(f"{n} {statistics.median(r[3].get(n, 0) for r in results[name]):.1f}" for n in names)
        print(f"memory by process, median, {name}: {parts}")


if __name__ == "__main__":
    main()
