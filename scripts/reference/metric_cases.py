"""Write metric cases from scikit-learn for the TypeScript tests.

Run with Debian's interpreter (scikit-learn 1.2.1, numpy 1.24):
    /usr/bin/python3 scripts/reference/metric_cases.py

Writes tests/fixtures/ml/metric_cases.json: labels, scores (some rounded
to create ties) and what scikit-learn's metrics, curves, calibration bins
and numpy's linear quantile return for them.
"""

import json
import pathlib

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    f1_score,
    log_loss,
    precision_recall_curve,
    precision_score,
    recall_score,
    roc_auc_score,
    roc_curve,
)

OUTPUT = pathlib.Path(__file__).resolve().parents[2] / "tests/fixtures/ml/metric_cases.json"
QUANTILES = [0.0, 0.1, 0.25, 0.5, 0.7, 0.9, 0.99, 1.0]


def make_case(seed: int, n: int, rate: float, decimals) -> dict:
    rng = np.random.RandomState(seed)
    y = (rng.random_sample(n) < rate).astype(int)
    y[0], y[1] = 0, 1  # both classes present
    signal = rng.normal(0, 1, n) + 1.2 * y
    scores = 1 / (1 + np.exp(-signal))
    if decimals is not None:
        scores = np.round(scores, decimals)
    threshold = 0.5 if rate > 0.2 else float(np.quantile(scores, 1 - rate))
    pred = (scores >= threshold).astype(int)
    fpr, tpr, roc_thresholds = roc_curve(y, scores)
    fpr_all, tpr_all, _ = roc_curve(y, scores, drop_intermediate=False)
    precision, recall, pr_thresholds = precision_recall_curve(y, scores)
    calibration = {}
    for bins, strategy in [(5, "uniform"), (10, "uniform"), (5, "quantile")]:
        prob_true, prob_pred = calibration_curve(y, scores, n_bins=bins, strategy=strategy)
        calibration[f"{strategy}_{bins}"] = {
            "prob_true": prob_true.tolist(),
            "prob_pred": prob_pred.tolist(),
        }
    return {
        "y": y.tolist(),
        "scores": scores.tolist(),
        "pred": pred.tolist(),
        "accuracy": accuracy_score(y, pred),
        "precision": precision_score(y, pred, zero_division=0),
        "recall": recall_score(y, pred, zero_division=0),
        "f1": f1_score(y, pred, zero_division=0),
        "roc_auc": roc_auc_score(y, scores),
        "average_precision": average_precision_score(y, scores),
        "log_loss": log_loss(y, scores),
        "brier": brier_score_loss(y, scores),
        "roc_curve": {
            "fpr": fpr.tolist(),
            "tpr": tpr.tolist(),
            "thresholds": roc_thresholds.tolist(),
            "fpr_all_points": fpr_all.tolist(),
            "tpr_all_points": tpr_all.tolist(),
        },
        "pr_curve": {
            "precision": precision.tolist(),
            "recall": recall.tolist(),
            "thresholds": pr_thresholds.tolist(),
        },
        "calibration": calibration,
        "quantiles": {str(q): float(np.quantile(scores, q)) for q in QUANTILES},
    }


def main() -> None:
    cases = [
        make_case(0, 200, 0.3, None),
        make_case(1, 500, 0.08, 2),
        make_case(2, 1000, 0.5, 1),
        make_case(3, 2000, 0.02, 3),
        make_case(4, 50, 0.4, 1),
    ]
    # Constant scores: every row tied.
    constant = make_case(5, 100, 0.3, None)
    constant["scores"] = [0.25] * 100
    constant["roc_auc"] = roc_auc_score(constant["y"], constant["scores"])
    constant["average_precision"] = average_precision_score(constant["y"], constant["scores"])
    cases.append({k: constant[k] for k in ["y", "scores", "roc_auc", "average_precision"]})
    OUTPUT.write_text(
        json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases})
    )
    print(f"wrote {len(cases)} cases to {OUTPUT}")


if __name__ == "__main__":
    main()
