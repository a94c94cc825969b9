#!/usr/bin/python3
"""Simulation speed, nn2crn against SUNDIALS CVODE (issue 12's benchmark).

For a compile folder (or .crn file) and an inputs table (`nn2crn data export DATASET --split test
--crn DIR --limit N --out inputs.csv` writes one from a dataset), alternately runs
`nn2crn simulate --inputs` with each of nn2crn's solvers and bench/cvode_peer.py (CVODE BDF with
matrix-free GMRES and a generated C right-hand side), one core each, on the same examples, the same
t_max and tolerances (a solver written NAME:peak runs with `--error-scale peak`). Prints per engine the median seconds per example, the median steps, the ratio
to CVODE and the largest difference of an output from CVODE's. Needs Debian's libsundials-dev and
gcc for the peer; without them only nn2crn runs.

Usage: bench/simulation_speed.py CRN_DIR INPUTS.csv [--solvers auto,dopri5,rodas4,auto:peak] [--t-max 200]
       [--rtol 1e-6] [--atol 1e-9] [--limit 100] [--runs 2]
"""
import argparse
import csv
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NN2CRN = os.path.join(ROOT, "nn2crn")
PEER = os.path.join(ROOT, "bench", "cvode_peer.py")


def crn_file(path):
    return os.path.join(path, "network.crn") if os.path.isdir(path) else path


def outputs_of(crn):
    for line in open(crn):
        m = re.match(r"# outputs: (.*)", line)
        if m:
            specs = []
            for part in m.group(1).split(", "):
                k, expr = part.split(" = ")
                specs.append("y%s=%s" % (k.strip(), expr.replace(" ", "")))
            return ",".join(specs)
    sys.exit(crn + ": no '# outputs:' line (compile the CRN with nn2crn)")


def ours(crn, inputs, solver, a, out):
    cmd = [NN2CRN, "simulate", "--crn", crn, "--inputs", inputs, "--t-max", str(a.t_max), "--rtol", str(a.rtol),
           "--atol", str(a.atol), "--threads", "1", "--out", out]
    name, _, scale = solver.partition(":")
    cmd += ["--solver", name] + (["--error-scale", scale] if scale else [])
    env = dict(os.environ, OMP_NUM_THREADS="1")
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    if r.returncode != 0:
        sys.exit("failed: " + " ".join(cmd) + "\n" + r.stdout[-2000:])
    with open(os.path.join(out, "results.csv")) as f:
        rows = list(csv.DictReader(f))
    seconds = [float(r["seconds"]) for r in rows]
    steps = [float(r["steps"]) for r in rows]
    outputs = [[float(r[k]) for k in r if re.match(r"crn_y\d+$", k)] for r in rows]
    return seconds, steps, outputs


def peer(crn, inputs, a):
    cmd = ["/usr/bin/python3", PEER, crn_file(crn), inputs, "--outputs", outputs_of(crn_file(crn)),
           "--t-max", str(a.t_max), "--rtol", str(a.rtol), "--atol", str(a.atol)]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.exit("failed: " + " ".join(cmd) + "\n" + r.stdout[-2000:])
    seconds, steps, outputs = [], [], []
    for line in r.stdout.splitlines():
        f = line.split()
        if f and f[0] == "example":
            seconds.append(float(f[3]))
            steps.append(float(f[5]))
            outputs.append([float(v) for v in f[9:]])
    return seconds, steps, outputs


def have_peer():
    return shutil.which("gcc") and os.path.exists("/usr/include/cvode/cvode.h")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("crn")
    p.add_argument("inputs")
    p.add_argument("--solvers", default="auto,dopri5,rodas4")
    p.add_argument("--t-max", type=float, default=200)
    p.add_argument("--rtol", type=float, default=1e-6)
    p.add_argument("--atol", type=float, default=1e-9)
    p.add_argument("--limit", type=int, default=100)
    p.add_argument("--runs", type=int, default=2)
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="nn2crn-simulation-speed-")
    # the first --limit examples, the same file for both sides
    with open(a.inputs) as f:
        lines = f.readlines()
    a.inputs = os.path.join(work, "inputs.csv")
    with open(a.inputs, "w") as f:
        f.writelines(lines[:a.limit + 1] if a.limit else lines)
    engines = a.solvers.split(",") + (["cvode"] if have_peer() else [])
    if "cvode" not in engines:
        print("libsundials-dev or gcc missing: nn2crn only (apt-get install libsundials-dev gcc for the peer)")
    times = {e: [] for e in engines}
    steps = {e: [] for e in engines}
    outputs = {}
    for r in range(a.runs):
        for e in engines:
            if e == "cvode":
                s, n, y = peer(a.crn, a.inputs, a)
            else:
                s, n, y = ours(a.crn, a.inputs, e, a, os.path.join(work, "%s-%d" % (e.replace(":", "-"), r)))
            times[e] += s
            steps[e] += n
            outputs[e] = y
            print("run %d %-10s %.4f s/example (median), %d steps" % (r + 1, e, statistics.median(s),
                                                                      statistics.median(n)), flush=True)
    print()
    print("%s, %s examples, t_max %g, rtol %g, atol %g, one core each; medians over %d runs" % (
        a.crn, len(outputs[engines[0]]), a.t_max, a.rtol, a.atol, a.runs))
    print("%-12s %12s %10s %14s %22s" % ("engine", "s/example", "steps", "vs CVODE", "max |y - y_CVODE|"))
    base = statistics.median(times["cvode"]) if "cvode" in times else None
    for e in engines:
        t = statistics.median(times[e])
        ratio = "%.2fx" % (t / base) if base else "-"
        diff = "-"
        if "cvode" in outputs and e != "cvode":
            diff = "%.2e" % max(abs(u - v) / max(1.0, abs(v)) for ys, vs in zip(outputs[e], outputs["cvode"])
                                for u, v in zip(ys, vs))
        print("%-12s %12.4f %10d %14s %22s" % (e, t, statistics.median(steps[e]), ratio, diff))


if __name__ == "__main__":
    main()
