"""scipy + pandas side of bench/drift.bench.ts: every drift method on every column, read included.

usage: /usr/bin/python3 bench/drift_scipy.py REFERENCE_CSV CURRENT_CSV CATEGORICAL_COLUMNS OUTPUT_JSON
Reads both CSVs with pandas (its default parser), then for each numeric column ks_2samp,
wasserstein_distance (and np.std for the normalisation), PSI and Jensen-Shannon on the reference
deciles (np.quantile, pd.cut); for each categorical column (comma-separated names) chi-square
(chi2.sf), the z-test when binary, PSI, Jensen-Shannon and L-infinity on value_counts. The same
definitions as test/fixtures/scipy/generate.py. Writes {column: {method: [statistic, p_value]}} and
the seconds spent reading and computing.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial.distance import jensenshannon

FLOOR = 0.0001


def floored(counts):
    shares = counts / counts.sum()
    return np.where(shares == 0, FLOOR, shares)


def binned(p_counts, q_counts):
    p, q = floored(p_counts), floored(q_counts)
    return float(np.sum((q - p) * np.log(q / p))), float(jensenshannon(p, q))


def numeric(ref, cur):
    out = {}
    ks = stats.ks_2samp(ref, cur)
    out["ks"] = [float(ks.statistic), float(ks.pvalue)]
    w1 = stats.wasserstein_distance(ref, cur)
    out["wasserstein"] = [float(w1 / max(np.std(ref), 0.001)), None]
    edges = np.unique(np.quantile(ref, np.arange(11) / 10))
    cut = np.concatenate([[-np.inf], edges[1:-1], [np.inf]])
    p_counts = pd.cut(pd.Series(ref), cut).value_counts(sort=False).to_numpy().astype(float)
    q_counts = pd.cut(pd.Series(cur), cut).value_counts(sort=False).to_numpy().astype(float)
    psi, js = binned(p_counts, q_counts)
    out["psi"] = [psi, None]
    out["js"] = [js, None]
    return out


def categorical(ref, cur):
    out = {}
    ref_counts = ref.value_counts()
    cur_counts = cur.value_counts()
    union = sorted(set(ref_counts.index) | set(cur_counts.index))
    p_counts = ref_counts.reindex(union, fill_value=0).to_numpy().astype(float)
    q_counts = cur_counts.reindex(union, fill_value=0).to_numpy().astype(float)
    shares = np.where(p_counts == 0, FLOOR, p_counts / p_counts.sum())
    expected = shares * q_counts.sum()
    chi = np.sum((q_counts - expected) ** 2 / expected)
    out["chisquare"] = [float(chi), float(stats.chi2.sf(chi, len(union) - 1))]
    reference_categories = sorted(ref_counts.index)
    if len(reference_categories) <= 2:
        target = union.index(reference_categories[0])
        x1, n1, x2, n2 = p_counts[target], p_counts.sum(), q_counts[target], q_counts.sum()
        pooled = (x1 + x2) / (n1 + n2)
        z = (x1 / n1 - x2 / n2) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        out["ztest"] = [float(abs(z)), float(2 * stats.norm.sf(abs(z)))]
    psi, js = binned(p_counts, q_counts)
    out["psi"] = [psi, None]
    out["js"] = [js, None]
    out["linf"] = [float(np.max(np.abs(p_counts / p_counts.sum() - q_counts / q_counts.sum()))), None]
    return out


reference_path, current_path, categorical_names, output = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4]
start = time.perf_counter()
reference = pd.read_csv(reference_path)
current = pd.read_csv(current_path)
read_seconds = time.perf_counter() - start
start = time.perf_counter()
results = {}
for column in reference.columns:
    ref, cur = reference[column].dropna(), current[column].dropna()
    results[column] = categorical(ref, cur) if column in categorical_names else numeric(ref.to_numpy(dtype=float), cur.to_numpy(dtype=float))
compute_seconds = time.perf_counter() - start
with open(output, "w") as out:
    json.dump({"read_seconds": read_seconds, "compute_seconds": compute_seconds, "columns": results}, out)
