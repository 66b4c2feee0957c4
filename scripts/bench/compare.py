#!/usr/bin/env python3
"""Times pref_voting and choix on the benchmark inputs and sets them beside the Rust times.

Issue 4 ("Fast"): the methods crate must be at least 50x faster than pref_voting and 10x faster
than choix, with identical results. This script
  * reads the inputs written by gen_profiles.py (the same files the Rust bench reads);
  * runs pref_voting's plurality, Borda, instant runoff (for truncated linear orders), Copeland,
    beat path (Schulze) and minimax on a ProfileWithTies with extended strict preference, the
    conventions of crates/methods/tests/data/preflib/*.expected.json;
  * runs choix.ilsr_pairwise (choix's fastest maximum-likelihood estimator) on the comparisons;
  * checks the winner sets (and the Bradley-Terry order) against the Rust results printed by
    `cargo run --release -p converge-methods --example winners`;
  * reads the Rust medians from the divan output of `cargo bench -p converge-methods`;
  * writes results.json and results.md (the table for BENCHMARKS.md) into --out.

It installs nothing. Run it through scripts/bench/run.sh, which produces its inputs.
pref_voting is pure Python and O(unique orders x candidates^2) per profile (its instant runoff
rebuilds the profile every round), so on the largest profiles a call would take many minutes:
each pref_voting call is first estimated from the same method's cost on a smaller profile already
measured in this run, and skipped, with the estimate reported, when it exceeds --cap seconds.
"""

import argparse
import importlib
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import time

PINNED = {"pref_voting": "1.18.2", "choix": "0.4.1"}
METHODS = ["plurality", "borda", "instant_runoff", "copeland", "schulze", "minimax"]
# Copeland, beat path and minimax read the support matrix that ProfileWithTies memoises when it
# is built (use_extended_strict_preference). The Rust free functions build the matrix in every
# call (compared with pref_voting's call plus the support matrix); the `*_on_tally` benches time
# them on a `Tally` whose matrix is already built (compared with pref_voting's bare call).
USES_MEMOISED_MATRIX = {"copeland", "schulze", "minimax"}


def check_imports():
    missing = []
    for name in PINNED:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    if missing:
        pins = " ".join(f"{name}=={version}" for name, version in PINNED.items())
        print(f"missing Python packages: {', '.join(missing)}\nrun:  python3 -m pip install {pins}", file=sys.stderr)
        sys.exit(3)


def read_soi(path):
    """A PrefLib .soc/.soi file as pref_voting rankings: {candidate: rank} dicts, 1-based."""
    n_alternatives, rankings, counts = None, [], []
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                if line.startswith("# NUMBER ALTERNATIVES:"):
                    n_alternatives = int(line.split(":")[1])
                continue
            line = line.strip()
            if not line:
                continue
            count, order = line.split(":")
            if "{" in order:
                raise ValueError(f"{path}: ties are not expected in the benchmark profiles")
            order = order.strip()
            rankings.append({int(c): rank for rank, c in enumerate(order.split(","), start=1)} if order else {})
            counts.append(int(count))
    return n_alternatives, rankings, counts


def read_pairs(path):
    with open(path) as f:
        n_items, n_comparisons = map(int, f.readline().split())
        data = [tuple(map(int, line.split())) for line in f if line.strip()]
    assert len(data) == n_comparisons
    return n_items, data


def timed(function, reps, budget):
    """Median of up to `reps` calls, stopping early once `budget` seconds are spent."""
    times, result = [], None
    while len(times) < reps:
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
        if sum(times) > budget:
            break
    return statistics.median(times), len(times), result


UNITS = {"ns": 1e-9, "µs": 1e-6, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def parse_divan(path):
    """{(bench, arg): median seconds} from divan's table."""
    medians, group = {}, None
    row = re.compile(r"^[│ ]*[├╰]─ (\S+)(.*)$")
    with open(path, encoding="utf-8") as f:
        for line in f:
            match = row.match(line.rstrip("\n"))
            if not match:
                continue
            name, rest = match.groups()
            cells = [cell.strip() for cell in rest.split("│")]
            if len(cells) < 6 or not cells[2]:
                group = name
                continue
            value, unit = cells[2].split()
            medians[(group, name)] = float(value) * UNITS[unit]
    return medians


def pref_voting_functions():
    from pref_voting.voting_methods import (
        beat_path,
        borda,
        copeland,
        instant_runoff_for_truncated_linear_orders,
        minimax,
        plurality,
    )

    return {
        "plurality": plurality,
        "borda": borda,
        "instant_runoff": lambda p: instant_runoff_for_truncated_linear_orders(p, hide_warnings=True),
        "copeland": copeland,
        "schulze": beat_path,
        "minimax": minimax,
    }


def cost_units(method, unique, m):
    """The size a pref_voting call scales with, to extrapolate its time from a smaller profile."""
    if method == "plurality":
        return unique * m
    if method in USES_MEMOISED_MATRIX:
        return m**3 if method == "schulze" else m**2
    return unique * m * m  # build, Borda (rebuilds the profile) and instant runoff (rebuilds per round)


def run_ranked(args, manifest, rust, divan):
    from pref_voting.profiles_with_ties import ProfileWithTies

    functions = pref_voting_functions()
    per_unit = {}  # (what, m) -> seconds per cost unit, from the latest measurement
    results = []
    order = sorted(manifest["profiles"].items(), key=lambda kv: (kv[1]["voters"], kv[1]["candidates"]))
    for name, info in order:
        m, unique = info["candidates"], info["unique_orders"]
        row = {"profile": name, "candidates": m, "voters": info["voters"], "unique_orders": unique, "methods": {}}
        results.append(row)
        rust_winners = rust.get(f"{name}.soi", {}).get("winners", {})

        def estimate(what):
            same_m = [(mm, c) for (w, mm), c in per_unit.items() if w == what and mm == m]
            others = [(mm, c) for (w, mm), c in per_unit.items() if w == what]
            known = same_m or others
            if not known:
                return None
            return max(c for _, c in known) * cost_units(what, unique, m)

        build_estimate = estimate("build")
        build = None
        if build_estimate is not None and build_estimate > args.cap_build:
            row["build_skipped_estimate_s"] = build_estimate
        else:
            n, rankings, counts = read_soi(os.path.join(args.data, name + ".soi"))
            start = time.perf_counter()
            profile = ProfileWithTies(rankings, counts, candidates=list(range(1, n + 1)))
            constructed = time.perf_counter()
            profile.use_extended_strict_preference()
            done = time.perf_counter()
            build = {"construct_s": constructed - start, "extended_supports_s": done - constructed}
            row["pref_voting_build"] = build
            per_unit[("build", m)] = (done - start) / cost_units("build", unique, m)
            per_unit[("supports", m)] = (done - constructed) / cost_units("build", unique, m)
            print(f"{name}: ProfileWithTies built in {done - start:.2f} s "
                  f"(extended-preference supports {done - constructed:.2f} s)", file=sys.stderr)
        for method in METHODS:
            cell = {"rust_median_s": divan.get((method, name)), "rust_winners": rust_winners.get(method)}
            if method in USES_MEMOISED_MATRIX:
                cell["rust_on_tally_median_s"] = divan.get((f"{method}_on_tally", name))
            row["methods"][method] = cell
            guess = estimate(method)
            if build is None:
                cell["pref_voting_skipped"] = "profile not built"
                cell["pref_voting_estimate_s"] = guess
                supports = estimate("supports")
                if method in USES_MEMOISED_MATRIX and guess is not None and supports is not None:
                    cell["pref_voting_with_supports_estimate_s"] = guess + supports
                continue
            if guess is not None and guess > args.cap:
                cell["pref_voting_skipped"] = f"estimated {guess:.0f} s > cap {args.cap:.0f} s"
                cell["pref_voting_estimate_s"] = guess
                continue
            seconds, reps, winners = timed(lambda: functions[method](profile), args.reps, args.budget)
            per_unit[(method, m)] = seconds / max(cost_units(method, unique, m), 1)
            cell["pref_voting_s"] = seconds
            cell["pref_voting_reps"] = reps
            cell["pref_voting_winners"] = sorted(int(w) for w in winners)
            if method in USES_MEMOISED_MATRIX:
                cell["pref_voting_with_supports_s"] = seconds + build["extended_supports_s"]
            cell["winners_match"] = cell["rust_winners"] is not None and cell["pref_voting_winners"] == cell["rust_winners"]
            print(f"  {method}: pref_voting {seconds:.4g} s x{reps}, winners {cell['pref_voting_winners']}, "
                  f"rust {cell['rust_winners']}, match {cell['winners_match']}", file=sys.stderr)
    return results


def run_pairwise(args, manifest, rust, divan):
    import choix
    import numpy as np

    results = []
    for name, info in sorted(manifest["comparisons"].items(), key=lambda kv: (kv[1]["comparisons"], kv[1]["items"])):
        n, data = read_pairs(os.path.join(args.data, name + ".pairs"))
        seconds, reps, params = timed(lambda: choix.ilsr_pairwise(n, data, alpha=args.alpha), args.reps, args.budget)
        choix_strengths = np.exp(params)
        choix_strengths /= choix_strengths.sum()
        rust_row = rust.get(f"{name}.pairs", {})
        rust_strengths = np.asarray(rust_row.get("strengths", [math.nan] * n), dtype=float)
        rust_strengths = rust_strengths / rust_strengths.sum()
        choix_order = [int(i) for i in np.argsort(-choix_strengths, kind="stable")]
        rust_order = [int(i) for i in np.argsort(-rust_strengths, kind="stable")]
        discordant = sum(
            1
            for i in range(n)
            for j in range(i + 1, n)
            if (choix_strengths[i] - choix_strengths[j]) * (rust_strengths[i] - rust_strengths[j]) < 0
        )
        row = {
            "input": name,
            "items": n,
            "comparisons": len(data),
            "rust_median_s": divan.get(("bradley_terry", name)),
            "rust_iterations": rust_row.get("iterations"),
            "rust_converged": rust_row.get("converged"),
            "choix_s": seconds,
            "choix_reps": reps,
            "same_order": choix_order == rust_order,
            "discordant_pairs": discordant,
            "max_relative_difference": float(np.max(np.abs(rust_strengths - choix_strengths) / choix_strengths)),
        }
        results.append(row)
        print(f"{name}: choix {seconds:.4g} s x{reps}, same order {row['same_order']}, "
              f"max rel diff {row['max_relative_difference']:.2e}", file=sys.stderr)
    return results


def machine():
    def run(command):
        try:
            return subprocess.run(command, shell=True, capture_output=True, text=True, check=False).stdout.strip()
        except OSError:
            return ""

    import numpy

    versions = {name: importlib.import_module(name).__version__ if hasattr(importlib.import_module(name), "__version__")
                else "?" for name in PINNED}
    from importlib.metadata import version

    return {
        "nproc": run("nproc"),
        "lscpu": run("lscpu | head -n 14"),
        "memory": run("free -h | head -n 2"),
        "os": platform.platform(),
        "rustc": run("rustc -V"),
        "python": sys.version.split()[0],
        "pref_voting": version("pref_voting"),
        "choix": version("choix"),
        "numpy": numpy.__version__,
        "import_versions": versions,
        "git": run("git rev-parse --short HEAD"),
    }


def fmt_time(seconds):
    if seconds is None:
        return "—"
    if seconds >= 100:
        return f"{seconds:,.0f} s"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} µs"


def fmt_ratio(numerator, rust, estimated=False):
    if numerator is None or not rust:
        return "—"
    ratio = numerator / rust
    text = f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.2g}×"
    return f"~{text} (est.)" if estimated else text


def markdown(ranked, pairwise, info):
    out = []
    out.append("| profile (cands × voters) | unique orders | method | Rust call | pref_voting call (+ support matrix) "
               "| ratio | Rust on built matrix | pref_voting on memoised matrix | ratio | winners match |")
    out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|:---:|")
    for row in ranked:
        label = f"{row['candidates']} × {row['voters']:,}"
        for method in METHODS:
            cell = row["methods"][method]
            rust = cell.get("rust_median_s")
            if "pref_voting_s" in cell:
                bare, est = cell["pref_voting_s"], False
            else:
                bare, est = cell.get("pref_voting_estimate_s"), True
            if method in USES_MEMOISED_MATRIX:
                full = cell.get("pref_voting_with_supports_s") if not est else cell.get("pref_voting_with_supports_estimate_s")
            else:
                full = bare
            match = cell.get("winners_match")
            match_text = "—" if match is None else ("yes" if match else "**NO**")

            def py_text(seconds):
                if not est:
                    return fmt_time(seconds)
                return f"not run (est. {fmt_time(seconds)})" if seconds else "not run"

            line = (f"| {label} | {row['unique_orders']:,} | {method} | {fmt_time(rust)} | {py_text(full)} | "
                    f"{fmt_ratio(full, rust, est)} | ")
            if method in USES_MEMOISED_MATRIX:
                on_tally = cell.get("rust_on_tally_median_s")
                line += f"{fmt_time(on_tally)} | {py_text(bare)} | {fmt_ratio(bare, on_tally, est)} | "
            else:
                line += " |  |  | "
            out.append(line + f"{match_text} |")
    out.append("")
    out.append("| comparisons (items × comparisons) | Rust (median) | Rust solver steps (converged) | "
               "choix ilsr_pairwise | ratio | same order | discordant pairs | max rel. diff. of strengths |")
    out.append("|---|---:|---:|---:|---:|:---:|---:|---:|")
    for row in pairwise:
        out.append(
            f"| {row['items']} × {row['comparisons']:,} | {fmt_time(row['rust_median_s'])} | "
            f"{row['rust_iterations']} ({'yes' if row['rust_converged'] else '**no**'}) | {fmt_time(row['choix_s'])} | "
            f"{fmt_ratio(row['choix_s'], row['rust_median_s'])} | {'yes' if row['same_order'] else '**NO**'} | "
            f"{row['discordant_pairs']} | {row['max_relative_difference']:.1e} |"
        )
    out.append("")
    out.append(f"Machine: {info['nproc']} cores; rustc {info['rustc']}; Python {info['python']}, "
               f"pref_voting {info['pref_voting']}, choix {info['choix']}, numpy {info['numpy']}; git {info['git']}.")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("CONVERGE_BENCH_DATA", "/tmp/converge-bench"))
    parser.add_argument("--rust", help="JSON lines from the `winners` example")
    parser.add_argument("--divan", help="the output of `cargo bench -p converge-methods --bench methods`")
    parser.add_argument("--out", help="folder for results.json and results.md")
    parser.add_argument("--reps", type=int, default=5, help="at most this many timed calls per method")
    parser.add_argument("--budget", type=float, default=2.0, help="stop repeating a method after this many seconds")
    parser.add_argument("--cap", type=float, default=60.0, help="skip a pref_voting call estimated above this (s)")
    parser.add_argument("--cap-build", type=float, default=150.0, help="skip building a profile estimated above (s)")
    parser.add_argument("--alpha", type=float, default=0.01, help="choix regularisation")
    parser.add_argument("--only", nargs="*", help="restrict to these inputs, e.g. m10_v1000 bt_n10_c10000")
    parser.add_argument("--check-only", action="store_true", help="only check that the packages import")
    parser.add_argument("--rerender", action="store_true",
                        help="re-read only the Rust medians from --divan into --out/results.json (after re-running "
                             "some Rust benches) and rewrite results.md; pref_voting and choix are not re-run")
    args = parser.parse_args()
    if args.rerender:
        divan = parse_divan(args.divan)
        path = os.path.join(args.out, "results.json")
        with open(path) as f:
            saved = json.load(f)
        for row in saved["ranked"]:
            for method, cell in row["methods"].items():
                for key, bench in (("rust_median_s", method), ("rust_on_tally_median_s", f"{method}_on_tally")):
                    if (bench, row["profile"]) in divan:
                        cell[key] = divan[(bench, row["profile"])]
        for row in saved["pairwise"]:
            if ("bradley_terry", row["input"]) in divan:
                row["rust_median_s"] = divan[("bradley_terry", row["input"])]
        with open(path, "w") as f:
            json.dump(saved, f, indent=1)
        table = markdown(saved["ranked"], saved["pairwise"], saved["machine"])
        with open(os.path.join(args.out, "results.md"), "w") as f:
            f.write(table)
        print(table)
        return
    check_imports()
    if args.check_only:
        return
    with open(os.path.join(args.data, "manifest.json")) as f:
        manifest = json.load(f)
    if args.only:
        for kind in ("profiles", "comparisons"):
            manifest[kind] = {k: v for k, v in manifest[kind].items() if k in args.only}
    rust = {}
    with open(args.rust) as f:
        for line in f:
            value = json.loads(line)
            rust[os.path.basename(value["file"])] = value
    divan = parse_divan(args.divan)
    info = machine()
    ranked = run_ranked(args, manifest, rust, divan)
    pairwise = run_pairwise(args, manifest, rust, divan)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "results.json"), "w") as f:
        json.dump({"machine": info, "model": manifest["model"], "seed": manifest["seed"],
                   "ranked": ranked, "pairwise": pairwise, "options": vars(args)}, f, indent=1)
    table = markdown(ranked, pairwise, info)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write(table)
    print(table)
    mismatches = [(r["profile"], m) for r in ranked for m, c in r["methods"].items() if c.get("winners_match") is False]
    mismatches += [(r["input"], "bradley_terry order") for r in pairwise if not r["same_order"]]
    if mismatches:
        print(f"RESULTS DIFFER: {mismatches}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
