#!/usr/bin/python3
"""The benchmark's reference model (bench/reference.ts) as a vectorised NumPy script.

What someone would write in NumPy for this one model: every input drawn at once as an
(inputs x samples) matrix, each effect's full-strength yearly saving a product of those
matrices, its time profile (ramp-up, drop-off, discounting) summed once into a number, and
every partner's NPV and undiscounted net one matrix product (partners x effects) @ (effects x
samples). Floating-point cents like the engine's column kernel; NumPy's own generator and
samplers (so its numbers agree with the engine's in distribution, not sample by sample).

Reads the model as JSON (written by bench/run.ts from reference.ts) from the file named in
argv[1]; argv[2] is the number of samples, argv[3] the seed. Prints, per partner and society,
the summary the engine prints (mean, sd, p5, p10, p50, p90, p95, P(NPV < 0) of the NPV, and the
mean of the net) as JSON, in euros.
"""
import json
import sys
import time

import numpy as np


def main() -> None:
    spec = json.load(open(sys.argv[1]))
    n = int(sys.argv[2])
    seed = int(sys.argv[3])
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    partners = spec["partners"]
    years, rate = spec["years"], spec["rate"]
    effects, investments, domains = spec["effects"], spec["investments"], spec["domains"]
    P, E = len(partners), len(effects)
    at = {p: i for i, p in enumerate(partners)}

    df = (1 + rate) ** -np.arange(years)
    profile = np.array([e["profile"] for e in effects])  # (E, years): ramp-up x drop-off
    H = profile @ df  # discounted sum of each effect's profile
    N = profile.sum(axis=1)

    def col(key, field):
        return np.array([e[key][field] for e in effects], dtype=float)[:, None]

    # Inputs: (E, n) matrices; the saving per effect in cents at full strength.
    q = rng.normal(col("q", "mean"), col("q", "sd"), size=(E, n))
    price = rng.uniform(col("p", "min"), col("p", "max"), size=(E, n))
    attribution = rng.beta(col("a", "a"), col("a", "b"), size=(E, n))
    keep = np.array([(1 - e["deadweight"]) * 100 for e in effects])[:, None]
    saving = q * price * attribution * keep

    # Who gets what: the funder the saving, the provider minus its fixed part (vcs - 1).
    wH = np.zeros((P, E))
    wN = np.zeros((P, E))
    for j, e in enumerate(effects):
        d = domains[e["domain"]]
        wH[at[d["funder"]], j] += H[j]
        wN[at[d["funder"]], j] += N[j]
        if d["provider"]:
            wH[at[d["provider"]], j] += (d["vcs"] - 1) * H[j]
            wN[at[d["provider"]], j] += (d["vcs"] - 1) * N[j]
    npv = wH @ saving
    net = wN @ saving

    cost = rng.normal([[i["cost"]["mean"]] for i in investments], [[i["cost"]["sd"]] for i in investments], size=(len(investments), n)) * 100
    for j, inv in enumerate(investments):
        npv[at[inv["bearer"]]] -= cost[j] * df.sum()
        net[at[inv["bearer"]]] -= cost[j] * years

    npv = np.vstack([npv, npv.sum(axis=0)])
    net = np.vstack([net, net.sum(axis=0)])
    pct = np.percentile(npv, [5, 10, 50, 90, 95], axis=1)
    out = []
    for i, name in enumerate([*partners, "society"]):
        out.append({
            "id": name,
            "mean": npv[i].mean() / 100, "sd": npv[i].std(ddof=1) / 100,
            "p5": pct[0, i] / 100, "p10": pct[1, i] / 100, "p50": pct[2, i] / 100, "p90": pct[3, i] / 100, "p95": pct[4, i] / 100,
            "probabilityOfLoss": float((npv[i] < 0).mean()), "netMean": net[i].mean() / 100,
        })
    json.dump({"computeMs": (time.perf_counter() - started) * 1000, "entities": out}, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
