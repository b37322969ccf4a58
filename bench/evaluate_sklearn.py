"""scikit-learn side of bench/evaluate.bench.ts: times the same metrics on the same files.

usage: /usr/bin/python3 bench/evaluate_sklearn.py BINARY_10M_CSV BINARY_1M_CSV RESAMPLES
Prints one JSON object of seconds. The bootstrap is timed over RESAMPLES resamples (index draws
plus every metric, as a user would write it) and reported per resample.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn import metrics as m


def all_binary(y, score):
    pred = (score >= 0.5).astype(np.int8)
    return [
        m.accuracy_score(y, pred), m.precision_score(y, pred), m.recall_score(y, pred), m.f1_score(y, pred),
        m.roc_auc_score(y, score), m.average_precision_score(y, score), m.log_loss(y, score, labels=[0, 1]), m.brier_score_loss(y, score),
    ]


big, small, resamples = sys.argv[1], sys.argv[2], int(sys.argv[3])
start = time.perf_counter()
frame = pd.read_csv(big, float_precision="round_trip")
read_seconds = time.perf_counter() - start
y, score = frame["label"].to_numpy(), frame["score"].to_numpy()
start = time.perf_counter()
values = all_binary(y, score)
metrics_seconds = time.perf_counter() - start

frame = pd.read_csv(small, float_precision="round_trip")
y, score = frame["label"].to_numpy(), frame["score"].to_numpy()
rng = np.random.default_rng(0)
start = time.perf_counter()
for _ in range(resamples):
    index = rng.integers(0, len(y), size=len(y))
    all_binary(y[index], score[index])
per_resample = (time.perf_counter() - start) / resamples
print(json.dumps({"read_10m": read_seconds, "metrics_10m": metrics_seconds, "bootstrap_per_resample_1m": per_resample, "roc_auc_10m": values[4]}))
