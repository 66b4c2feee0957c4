#!/usr/bin/env python3
"""Writes the benchmark inputs for issue 4 ("Fast") into a data folder (default /tmp/converge-bench).

Both sides read these same files: the Rust bench (crates/methods/benches/methods.rs) and the
example `winners` parse them with the crate's `parse_preflib`; scripts/bench/compare.py reads them
for pref_voting and choix. Deterministic: the same seed gives the same bytes (Python's
`random.Random`, a Mersenne Twister, is specified and platform-independent).

Ranked profiles, `m{M}_v{N}.soi` (PrefLib, strict orders, incomplete):
  * a mixture of two Mallows models (Kendall tau) over M candidates: with probability 0.55 a
    voter draws from centre A, otherwise from centre B, both random permutations of the
    candidates, dispersion phi = 0.8 (1 would be impartial culture);
  * each voter ranks only their top k candidates, k uniform in 1..min(M, 10) (truncated ballots,
    the rest unranked);
  * the top k of a Mallows ranking is sampled exactly, top-down: the next candidate is the j-th
    still unplaced one in the centre's order with probability proportional to phi**j;
  * identical ballots are aggregated with a count, as PrefLib does (lines sorted by count, then
    by ballot).

Pairwise comparisons, `bt_n{N}_c{C}.pairs`: N items with planted log-strengths drawn from a
normal(0, 1); each comparison picks a uniformly random pair of distinct items and the winner with
the Bradley–Terry probability. Format: a header line `N C`, then `winner loser` (0-based) per
line. The planted strengths are in the `.truth.json` beside it.

Usage: gen_profiles.py [--out DIR] [--seed S] [--only NAME ...]
"""

import argparse
import json
import math
import os
import random
import sys
import time

PROFILES = [(m, n) for m in (10, 50, 200) for n in (1_000, 100_000, 1_000_000)]
COMPARISONS = [(n, c) for n in (10, 50) for c in (10_000, 100_000, 1_000_000)]
PHI = 0.8
MIX = 0.55
MAX_RANKED = 10


def profile_name(m, n):
    return f"m{m}_v{n}"


def pairs_name(items, comparisons):
    return f"bt_n{items}_c{comparisons}"


def mallows_top_k(rng, centre, k, log_phi):
    """The top k of a Mallows(centre, phi) ranking, drawn exactly by repeated selection."""
    remaining = list(centre)
    top = []
    for _ in range(k):
        r = len(remaining)
        # Truncated geometric on 0..r-1 with P(j) proportional to phi**j, by inversion.
        u = rng.random()
        j = int(math.log(1.0 - u * (1.0 - math.exp(log_phi * r))) / log_phi)
        top.append(remaining.pop(min(j, r - 1)))
    return tuple(top)


def write_profile(path, m, n, seed):
    rng = random.Random(f"{seed}-profile-{m}-{n}")
    centre_a = list(range(1, m + 1))
    rng.shuffle(centre_a)
    centre_b = list(range(1, m + 1))
    rng.shuffle(centre_b)
    log_phi = math.log(PHI)
    counts = {}
    max_k = min(m, MAX_RANKED)
    for _ in range(n):
        centre = centre_a if rng.random() < MIX else centre_b
        ballot = mallows_top_k(rng, centre, rng.randint(1, max_k), log_phi)
        counts[ballot] = counts.get(ballot, 0) + 1
    lines = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    name = os.path.basename(path)
    with open(path, "w") as f:
        f.write(f"# FILE NAME: {name}\n")
        f.write(
            f"# TITLE: benchmark soi m={m} n={n} two-centre Mallows phi={PHI} mix={MIX} "
            f"top-k truncation k~U(1..{max_k}) seed={seed}\n"
        )
        f.write("# DATA TYPE: soi\n")
        f.write(f"# NUMBER ALTERNATIVES: {m}\n")
        f.write(f"# NUMBER VOTERS: {n}\n")
        f.write(f"# NUMBER UNIQUE ORDERS: {len(lines)}\n")
        for c in range(1, m + 1):
            f.write(f"# ALTERNATIVE NAME {c}: Option {c}\n")
        for ballot, count in lines:
            f.write(f"{count}: {','.join(map(str, ballot))}\n")
    return len(lines)


def write_pairs(path, items, comparisons, seed):
    rng = random.Random(f"{seed}-pairs-{items}-{comparisons}")
    log_strengths = [rng.gauss(0.0, 1.0) for _ in range(items)]
    out = [f"{items} {comparisons}\n"]
    for _ in range(comparisons):
        a, b = rng.sample(range(items), 2)
        p_a = 1.0 / (1.0 + math.exp(log_strengths[b] - log_strengths[a]))
        out.append(f"{a} {b}\n" if rng.random() < p_a else f"{b} {a}\n")
    with open(path, "w") as f:
        f.writelines(out)
    with open(path[: -len(".pairs")] + ".truth.json", "w") as f:
        json.dump({"log_strengths": log_strengths}, f)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.environ.get("CONVERGE_BENCH_DATA", "/tmp/converge-bench"))
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--only", nargs="*", help="names to (re)generate, e.g. m10_v1000 bt_n10_c10000")
    parser.add_argument("--force", action="store_true", help="rewrite files that already exist")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    manifest_path = os.path.join(args.out, "manifest.json")
    manifest = {}
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            manifest = json.load(f)
    if manifest.get("seed", args.seed) != args.seed:
        manifest = {}
        args.force = True
    manifest["seed"] = args.seed
    manifest["model"] = (
        f"two-centre Mallows mixture (weights {MIX}/{1 - MIX:.2f}, phi={PHI}), "
        f"each voter ranks their top k, k uniform in 1..min(M,{MAX_RANKED})"
    )
    manifest.setdefault("profiles", {})
    manifest.setdefault("comparisons", {})
    for m, n in PROFILES:
        name = profile_name(m, n)
        if args.only and name not in args.only:
            continue
        path = os.path.join(args.out, name + ".soi")
        if os.path.exists(path) and not args.force and name in manifest["profiles"]:
            continue
        start = time.perf_counter()
        unique = write_profile(path, m, n, args.seed)
        manifest["profiles"][name] = {
            "candidates": m,
            "voters": n,
            "unique_orders": unique,
            "bytes": os.path.getsize(path),
        }
        print(f"{name}: {unique} unique orders, {os.path.getsize(path) / 1e6:.1f} MB "
              f"({time.perf_counter() - start:.1f} s)", file=sys.stderr)
    for items, comparisons in COMPARISONS:
        name = pairs_name(items, comparisons)
        if args.only and name not in args.only:
            continue
        path = os.path.join(args.out, name + ".pairs")
        if os.path.exists(path) and not args.force and name in manifest["comparisons"]:
            continue
        write_pairs(path, items, comparisons, args.seed)
        manifest["comparisons"][name] = {"items": items, "comparisons": comparisons}
        print(f"{name}: written", file=sys.stderr)
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
