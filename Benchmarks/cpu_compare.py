#!/usr/bin/env python3
"""Runs several commands alternately in fresh processes and prints, per command, the median wall
time, the median and minimum CPU time (user + sys, from wait4) and the median peak RSS. CPU time
is the steadier measure on a shared machine; use it to compare two builds of the same tool.

  Benchmarks/cpu_compare.py REPS '{"old-scan": ["old/delta-bench", "scan", "--table", "T"],
                                   "new-scan": ["new/delta-bench", "scan", "--table", "T"]}'
"""
import json, os, statistics, sys, time


def run(cmd):
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        os.execvp(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed")
    return time.perf_counter() - t0, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    reps, commands = int(sys.argv[1]), json.loads(sys.argv[2])
    results = {name: [] for name in commands}
    for _ in range(reps):
        for name, cmd in commands.items():
            results[name].append(run(cmd))
    for name, runs in results.items():
        print(f"{name}: wall {statistics.median(r[0] for r in runs):.3f} s, cpu {statistics.median(r[1] for r in runs):.3f} s "
              f"(min {min(r[1] for r in runs):.3f}), peak RSS {statistics.median(r[2] for r in runs):.0f} MB")


if __name__ == "__main__":
    main()
