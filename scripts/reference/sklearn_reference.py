"""Run the chapter notebook's CTR pipeline with scikit-learn and report it.

Needs Debian's interpreter with python3-sklearn (scikit-learn 1.2.1,
numpy 1.24). pandas is not needed: the notebook's pandas code gives the
same numbers as these numpy calls (checked with pandas 1.5.3).

    /usr/bin/python3 scripts/reference/sklearn_reference.py --rows 10000 --json
    /usr/bin/python3 scripts/reference/sklearn_reference.py --write-fixtures tests/fixtures/ml

--json prints one JSON document with metrics, LR coefficients, fit times
and whole-run times per size. --write-fixtures writes ctr_seed42.csv,
split.json and sklearn_metrics_n10000.json (seed 42, 10,000 rows) into the
given folder.
"""

import argparse
import json
import pathlib
import platform
import sys
import time

import numpy as np
import scipy
import sklearn
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    f1_score,
    precision_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier
from sklearn.utils import resample

FEATURES = [
    "user_engagement_score",
    "item_popularity",
    "time_on_platform_days",
    "num_past_clicks",
    "is_weekend",
    "device_mobile",
]
LR_MODELS = ["logistic_regression", "lr_oversampled", "lr_balanced"]
TIMED_MODELS = [
    "logistic_regression",
    "decision_tree",
    "random_forest",
    "gradient_boosting",
    "lr_oversampled",
    "lr_balanced",
]
NOTES = [
    "ensemble: mean of predict_proba[:,1] of LR, DT, RF, GB; predicted 1 when mean >= 0.5",
    "random baseline score for ROC-AUC is the uniform draw (so AUC ~ 0.5); popularity baseline score is item_popularity",
    "always-0 baseline ROC-AUC uses a constant score -> 0.5",
    "timings: time.perf_counter around .fit only; whole_run = data generation + split + all fits + predictions + metrics",
    "train_test_split does not consume the global numpy stream; the random-baseline draw continues it right after the recipe",
    "lr_coefficients: coef_ and intercept_ of the three LogisticRegression fits (max_iter=1000, lbfgs)",
    "lr_coefficients_optimum: the same fits with solver='newton-cholesky', tol=1e-12; lbfgs stops at scipy's default ftol, up to 0.8% away on the smallest coefficients",
]


def generate(rows: int, seed: int, keep_rate: float):
    """The notebook's recipe, column for column, with numpy's legacy stream."""
    np.random.seed(seed)
    engagement = np.random.beta(2, 5, rows)
    popularity = np.random.beta(2, 3, rows)
    days = np.random.exponential(30, rows)
    past_clicks = np.random.poisson(5, rows)
    weekend = np.random.choice([0, 1], rows, p=[0.71, 0.29])
    mobile = np.random.choice([0, 1], rows, p=[0.35, 0.65])
    logit = (
        -2
        + 3 * engagement
        + 2 * popularity
        + 0.01 * past_clicks
        + 0.5 * mobile
        + np.random.normal(0, 0.5, rows)
    )
    probability = 1 / (1 + np.exp(-logit))
    clicked = (np.random.random(rows) < probability).astype(int)
    keep = np.random.random(rows) < keep_rate
    clicked[~keep & (clicked == 1)] = 0
    x = np.column_stack([engagement, popularity, days, past_clicks, weekend, mobile]).astype(float)
    return x, clicked, (engagement, popularity, days, past_clicks, weekend, mobile)


def scores(y_true, y_pred, y_score) -> dict:
    return {
        "accuracy": accuracy_score(y_true, y_pred),
        "precision": precision_score(y_true, y_pred, zero_division=0),
        "recall": recall_score(y_true, y_pred, zero_division=0),
        "f1": f1_score(y_true, y_pred, zero_division=0),
        "roc_auc": roc_auc_score(y_true, y_score),
    }


def run_once(rows: int, seed: int, random_state: int, keep_rate: float) -> dict:
    started = time.perf_counter()
    x, y, _ = generate(rows, seed, keep_rate)
    indices = np.arange(rows)
    train_idx, test_idx = train_test_split(
        indices, test_size=0.2, random_state=random_state, stratify=y
    )
    x_train, x_test = x[train_idx], x[test_idx]
    y_train, y_test = y[train_idx], y[test_idx]
    metrics = {}
    fit_seconds = {}
    models = {}

    metrics["baseline_always0"] = scores(y_test, np.zeros(len(y_test), int), np.zeros(len(y_test)))
    click_rate = y_train.mean()
    uniform = np.random.random(len(y_test))
    metrics["baseline_random"] = scores(y_test, (uniform < click_rate).astype(int), uniform)
    threshold = float(np.quantile(x_train[:, 1], 0.7))
    metrics["baseline_popularity"] = scores(
        y_test, (x_test[:, 1] > threshold).astype(int), x_test[:, 1]
    )

    def fit(name, model, fit_x, fit_y):
        fit_started = time.perf_counter()
        model.fit(fit_x, fit_y)
        fit_seconds[name] = time.perf_counter() - fit_started
        models[name] = model
        proba = model.predict_proba(x_test)[:, 1]
        metrics[name] = scores(y_test, model.predict(x_test), proba)
        return proba

    lr_proba = fit("logistic_regression", LogisticRegression(max_iter=1000), x_train, y_train)
    dt_proba = fit(
        "decision_tree", DecisionTreeClassifier(max_depth=5, random_state=random_state), x_train, y_train
    )
    rf_proba = fit(
        "random_forest",
        RandomForestClassifier(n_estimators=100, max_depth=10, random_state=random_state),
        x_train,
        y_train,
    )
    gb_proba = fit(
        "gradient_boosting",
        GradientBoostingClassifier(n_estimators=100, max_depth=5, random_state=random_state),
        x_train,
        y_train,
    )
    average = np.column_stack([lr_proba, dt_proba, rf_proba, gb_proba]).mean(axis=1)
    metrics["ensemble_avg4"] = scores(y_test, (average >= 0.5).astype(int), average)

    x_majority, x_minority = x_train[y_train == 0], x_train[y_train == 1]
    x_upsampled = resample(
        x_minority, replace=True, n_samples=len(x_majority), random_state=random_state
    )
    x_balanced = np.concatenate([x_majority, x_upsampled])
    y_balanced = np.concatenate([np.zeros(len(x_majority), int), np.ones(len(x_upsampled), int)])
    fit("lr_oversampled", LogisticRegression(max_iter=1000), x_balanced, y_balanced)
    fit(
        "lr_balanced",
        LogisticRegression(max_iter=1000, class_weight="balanced"),
        x_train,
        y_train,
    )
    whole_run = time.perf_counter() - started

    # lbfgs stops at scipy's default ftol (relative decrease 2.2e-9), a
    # little short of the optimum; newton-cholesky with a tight tol reaches
    # it. Not timed, not part of the notebook.
    optimum = {}
    fits = {
        "logistic_regression": ({}, x_train, y_train),
        "lr_oversampled": ({}, x_balanced, y_balanced),
        "lr_balanced": ({"class_weight": "balanced"}, x_train, y_train),
    }
    for name, (options, fit_x, fit_y) in fits.items():
        exact = LogisticRegression(solver="newton-cholesky", tol=1e-12, max_iter=1000, **options)
        exact.fit(fit_x, fit_y)
        optimum[name] = {"coef": exact.coef_[0].tolist(), "intercept": float(exact.intercept_[0])}

    return {
        "n": rows,
        "n_train": int(len(train_idx)),
        "n_test": int(len(test_idx)),
        "click_rate_all": float(y.mean()),
        "train_click_rate": float(click_rate),
        "test_positives": int(y_test.sum()),
        "popularity_q70": threshold,
        "ensemble_rows_exactly_0.5": int((average == 0.5).sum()),
        "lr_n_iter": {
            "lr": int(models["logistic_regression"].n_iter_[0]),
            "lr_oversampled": int(models["lr_oversampled"].n_iter_[0]),
            "lr_balanced": int(models["lr_balanced"].n_iter_[0]),
        },
        "lr_coefficients": {
            name: {
                "coef": models[name].coef_[0].tolist(),
                "intercept": float(models[name].intercept_[0]),
            }
            for name in LR_MODELS
        },
        "lr_coefficients_optimum": optimum,
        "metrics": metrics,
        "fit_seconds": fit_seconds,
        "whole_run_seconds": whole_run,
        "train_idx": train_idx,
        "test_idx": test_idx,
    }


def run(rows: int, seed: int, random_state: int, keep_rate: float, reps: int) -> dict:
    attempts = [run_once(rows, seed, random_state, keep_rate) for _ in range(reps)]
    result = dict(attempts[0])
    result["fit_seconds_min_of_%d" % reps] = {
        name: min(a["fit_seconds"][name] for a in attempts) for name in TIMED_MODELS
    }
    result["fit_seconds_all_reps"] = {
        name: [a["fit_seconds"][name] for a in attempts] for name in TIMED_MODELS
    }
    result["whole_run_seconds_min_of_%d" % reps] = min(a["whole_run_seconds"] for a in attempts)
    result["whole_run_seconds_all_reps"] = [a["whole_run_seconds"] for a in attempts]
    del result["fit_seconds"], result["whole_run_seconds"]
    return result


def versions() -> dict:
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "sklearn": sklearn.__version__,
        "interpreter": sys.executable,
    }


def write_fixtures(folder: pathlib.Path, reps: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rows, seed = 10000, 42
    x, y, columns = generate(rows, seed, 0.15)
    with open(folder / "ctr_seed42.csv", "w") as handle:
        handle.write(",".join(FEATURES + ["clicked"]) + "\n")
        for i in range(rows):
            floats = [repr(float(columns[j][i])) for j in range(3)]
            integers = [str(int(columns[j][i])) for j in range(3, 6)]
            handle.write(",".join(floats + integers + [str(int(y[i]))]) + "\n")

    result = run(rows, seed, 42, 0.15, reps)
    split = {
        "n": rows,
        "test_size": 0.2,
        "random_state": 42,
        "stratify": "clicked",
        "train_idx": result.pop("train_idx").tolist(),
        "test_idx": result.pop("test_idx").tolist(),
    }
    (folder / "split.json").write_text(json.dumps(split))
    result["csv"] = "ctr_seed42.csv"
    result["split"] = "split.json"
    document = {"versions": versions(), "notes": NOTES, "runs": {str(rows): result}}
    (folder / "sklearn_metrics_n10000.json").write_text(json.dumps(document, indent=1))
    print(f"wrote ctr_seed42.csv, split.json and sklearn_metrics_n10000.json to {folder}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10000], help="data set sizes")
    parser.add_argument("--seed", type=int, default=42, help="np.random.seed of the recipe")
    parser.add_argument(
        "--random-state", type=int, default=42, help="random_state of the split, trees and resample"
    )
    parser.add_argument("--click-keep-rate", type=float, default=0.15, help="share of clicks kept")
    parser.add_argument("--reps", type=int, default=1, help="repetitions; times are the minimum")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    parser.add_argument("--write-fixtures", type=pathlib.Path, help="folder for the fixture files")
    args = parser.parse_args()

    if args.write_fixtures is not None:
        write_fixtures(args.write_fixtures, max(args.reps, 3))
        return

    runs = {}
    for rows in args.rows:
        result = run(rows, args.seed, args.random_state, args.click_keep_rate, args.reps)
        result.pop("train_idx")
        result.pop("test_idx")
        runs[str(rows)] = result
    document = {"versions": versions(), "notes": NOTES, "runs": runs}
    if args.json:
        print(json.dumps(document))
        return
    for rows, result in runs.items():
        print(f"n={rows}: whole run {result['whole_run_seconds_all_reps']} s")
        for name, values in result["metrics"].items():
            print(f"  {name:22s} " + " ".join(f"{k}={v:.4f}" for k, v in values.items()))


if __name__ == "__main__":
    main()
