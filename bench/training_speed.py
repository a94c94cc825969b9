#!/usr/bin/python3
"""Training speed, nn2crn against a PyTorch BinaryConnect peer (issue 13's benchmark).

For each MNIST config: export its preprocessed train and select splits once (`nn2crn data export`),
then, alternating, train it with nn2crn for --epochs epochs (the launcher's default of one OpenMP
thread) and run bench/binaryconnect_peer.py (PyTorch, one thread) with the same architecture,
weights, loss, batch size, optimizer, learning rate and dropout on the same data; --runs times
each. Prints per config the median seconds per epoch of the training loop and of the rest of the
epoch (evaluation on the train and select splits, and for nn2crn the export and checkpoint), and
the ratios. Without Debian's python3-torch only nn2crn's side runs.

The peer needs Debian's python3-torch and an optimized BLAS behind it (libopenblas0-pthread):
Debian's torch calls the system libblas.so.3, the reference implementation unless OpenBLAS is
installed (the script warns).
Usage: bench/training_speed.py [--data-dir DIR] [--configs mnist,mnist-large] [--epochs 3] [--runs 2]
"""
import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NN2CRN = os.path.join(ROOT, "nn2crn")
PEER = os.path.join(ROOT, "bench", "binaryconnect_peer.py")


def run(cmd, env=None):
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    if result.returncode != 0:
        sys.exit("failed: " + " ".join(cmd) + "\n" + result.stdout[-2000:])
    return result.stdout


def short_config(name, epochs, folder):
    """The shipped config with its epoch count cut (the schedule is per epoch; speed is what is measured)."""
    text = open(os.path.join(ROOT, "configs", name + ".yaml")).read()
    text = re.sub(r"(?m)^name: .*$", "name: " + name + "-speed", text)
    text = re.sub(r"(?m)^  epochs: .*$", "  epochs: %d" % epochs, text)
    text = re.sub(r"(?m)^  patience: .*$", "  patience: %d" % epochs, text)
    path = os.path.join(folder, name + "-speed.yaml")
    with open(path, "w") as f:
        f.write(text)
    return path


def nn2crn_epochs(config, out, data_args):
    env = dict(os.environ)
    env.setdefault("OMP_NUM_THREADS", "1")
    run([NN2CRN, "train", config, "--out", out] + data_args, env)
    with open(os.path.join(out, "metrics.csv")) as f:
        rows = list(csv.DictReader(f))
    loop = [float(r["train_seconds"]) for r in rows]
    rest = [float(r["seconds"]) - float(r["train_seconds"]) for r in rows]
    with open(os.path.join(out, "config.json")) as f:
        used = json.load(f)
    with open(os.path.join(out, "summary.json")) as f:
        accuracy = json.load(f)["accuracy"]
    return loop, rest, used, accuracy


def peer_epochs(used, train_csv, select_csv):
    n, t = used["network"], used["training"]
    cmd = ["/usr/bin/python3", PEER, train_csv, select_csv,
           "--hidden", ",".join(str(h) for h in n["hidden"]), "--weights", n["weights"],
           "--threshold", str(n["ternary_threshold"]), "--loss", t["loss"], "--batch", str(t["batch_size"]),
           "--lr", str(t["lr_start"]), "--epochs", str(t["epochs"]), "--scale", n["weight_scale"],
           "--input-dropout", str(t["input_dropout"]), "--hidden-dropout", str(t["hidden_dropout"])]
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    out = run(cmd, env)
    loop, rest, last = [], [], ""
    for line in out.splitlines():
        f = line.split()
        if f and f[0] == "epoch":
            loop.append(float(f[3]))
            rest.append(float(f[5]))
            last = "select %.2f%%" % (100 * float(f[11]))
    return loop, rest, last


def blas_warning():
    """Debian's python3-torch calls the system BLAS: the reference one unless OpenBLAS is installed."""
    link = os.path.realpath("/usr/lib/x86_64-linux-gnu/libblas.so.3")
    if os.path.exists(link) and "openblas" not in link and "mkl" not in link and "blis" not in link:
        return ("warning: libblas.so.3 is " + link + " (the reference BLAS, ~20x slower than OpenBLAS); "
                "apt-get install libopenblas0-pthread for a fair peer")
    return None


def has_torch():
    return subprocess.run(["/usr/bin/python3", "-c", "import torch"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data-dir")
    p.add_argument("--configs", default="mnist,mnist-large")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--runs", type=int, default=2)
    a = p.parse_args()
    data_args = ["--data-dir", a.data_dir] if a.data_dir else []
    torch = has_torch()
    if not torch:
        print("python3-torch is not installed: nn2crn only (apt-get install python3-torch for the peer)")
    if torch and blas_warning():
        print(blas_warning())
    work = tempfile.mkdtemp(prefix="nn2crn-training-speed-")
    exported = {}
    table = []
    for name in a.configs.split(","):
        config = short_config(name, a.epochs, work)
        ours_loop, ours_rest, peer_loop, peer_rest = [], [], [], []
        note = ""
        for r in range(a.runs):
            out = os.path.join(work, "%s-run%d" % (name, r))
            loop, rest, used, accuracy = nn2crn_epochs(config, out, data_args)
            ours_loop += loop
            ours_rest += rest
            note = "nn2crn select %.2f%%" % (100 * accuracy[used["dataset"]["select_split"]])
            if torch:
                key = (used["dataset"]["name"], used["dataset"]["variant"])
                if key not in exported:
                    files = []
                    for split in (used["dataset"]["train_split"], used["dataset"]["select_split"]):
                        path = os.path.join(work, "%s-%s-%s.csv" % (key[0], key[1], split))
                        run([NN2CRN, "data", "export", key[0], "--variant", key[1], "--split", split, "--out", path]
                            + data_args)
                        files.append(path)
                    exported[key] = files
                loop, rest, last = peer_epochs(used, *exported[key])
                peer_loop += loop
                peer_rest += rest
                note += ", peer " + last
            print("%s run %d: nn2crn loop %s s, peer loop %s s" % (
                name, r + 1, [round(x, 3) for x in ours_loop[-a.epochs:]],
                [round(x, 3) for x in peer_loop[-a.epochs:]] if torch else "-"), flush=True)
        row = [name, statistics.median(ours_loop), statistics.median(ours_rest)]
        if torch:
            row += [statistics.median(peer_loop), statistics.median(peer_rest)]
        table.append((row, note))
    print()
    print("seconds per epoch, median over %d epochs x %d runs, one thread each (%s)" % (a.epochs, a.runs,
                                                                                       os.uname().nodename))
    header = "%-12s %12s %14s" % ("config", "nn2crn loop", "nn2crn rest")
    if torch:
        header += " %12s %12s %11s %12s" % ("torch loop", "torch rest", "loop ratio", "epoch ratio")
    print(header)
    for row, note in table:
        line = "%-12s %12.3f %14.3f" % tuple(row[:3])
        if torch:
            line += " %12.3f %12.3f %10.2fx %11.2fx" % (row[3], row[4], row[1] / row[3],
                                                       (row[1] + row[2]) / (row[3] + row[4]))
        print(line + "   " + note)


if __name__ == "__main__":
    main()
