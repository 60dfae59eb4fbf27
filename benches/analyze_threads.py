#!/usr/bin/env python3
"""`flashpoint analyze` over Reuters-21578, whole process: both cores against `--threads 1`,
and single-threaded against an older build on the untitled text, in interleaved rounds.

Each round waits until the machine is quiet (other work under 10% of a core for a second),
then runs the four commands, alternating their order; each run records its wall time, its
own CPU time and the CPU other processes used meanwhile (from /proc/stat), so runs beside
other people's builds can be told apart. Prints the per-round ratios of the quiet rounds.

    python3 benches/analyze_threads.py NEW_BIN OLD_BIN REUTERS.jsonl UNTITLED.jsonl ROUNDS SECONDS OUT.jsonl

(UNTITLED.jsonl: the same records without `title`, the text the old build reads.)
"""
import json, os, statistics as st, subprocess, sys, time
from collections import defaultdict

NEW, OLD, E, U = sys.argv[1:5]
ROUNDS, SECONDS, OUT = int(sys.argv[5]), float(sys.argv[6]), sys.argv[7]
QUIET = 0.05  # a run is quiet when other processes used at most 5% of its wall time
CMDS = [
    ("both", [NEW, "analyze", "--json", "--input", E]),
    ("t1", [NEW, "analyze", "--json", "--threads", "1", "--input", E]),
    ("old_u", [OLD, "analyze", "--json", "--input", U]),
    ("t1_u", [NEW, "analyze", "--json", "--threads", "1", "--input", U]),
]
HZ = os.sysconf("SC_CLK_TCK")


def busy():
    v = list(map(int, open("/proc/stat").readline().split()[1:9]))
    return (sum(v) - v[3] - v[4]) / HZ


def run(cmd):
    b0, t0 = busy(), time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall, own = time.perf_counter() - t0, ru.ru_utime + ru.ru_stime
    return dict(wall=wall, cpu=own, other=max(0.0, busy() - b0 - own), ok=status == 0)


def wait_quiet(deadline):
    while time.time() < deadline:
        b0 = busy()
        time.sleep(1.0)
        if busy() - b0 < 0.1:
            return True
    return False


rows = []
deadline = time.time() + SECONDS
with open(OUT, "a") as out:
    for r in range(ROUNDS):
        if not wait_quiet(deadline):
            break
        for name, cmd in CMDS if r % 2 == 0 else CMDS[::-1]:
            m = run(cmd)
            m.update(name=name, round=r, at=time.strftime("%H:%M:%S"), load=open("/proc/loadavg").read().split()[0])
            rows.append(m)
            out.write(json.dumps(m) + "\n")
            out.flush()

by = defaultdict(dict)
for m in rows:
    by[m["round"]][m["name"]] = m
quiet = [d for d in by.values() if len(d) == 4 and all(x["other"] <= QUIET * x["wall"] for x in d.values())]
print("rounds %d, quiet rounds %d" % (len(by), len(quiet)))
for label, f in [
    ("both cores / --threads 1, wall", lambda d: d["both"]["wall"] / d["t1"]["wall"]),
    ("new:old single-thread sentences/s, wall", lambda d: d["old_u"]["wall"] / d["t1_u"]["wall"]),
    ("new:old single-thread, CPU time", lambda d: d["old_u"]["cpu"] / d["t1_u"]["cpu"]),
]:
    v = sorted(f(d) for d in quiet)
    if v:
        print("  %-42s median %.3f  (%s)" % (label, st.median(v), " ".join("%.2f" % x for x in v)))
for name, _ in CMDS:
    v = sorted(d[name]["wall"] for d in quiet)
    if v:
        print("  %-6s wall median %.3f s, min %.3f s" % (name, st.median(v), v[0]))
