"""Write scikit-learn tree-model predictions for the CTR split as a fixture.

Fits DecisionTreeClassifier, RandomForestClassifier and
GradientBoostingClassifier on the training rows of
tests/fixtures/ml/ctr_seed42.csv (split from split.json) and writes the
test-set probabilities of class 1, the feature importances and a few fitted
attributes to tests/fixtures/ml/sklearn_trees_n10000.json. The TypeScript
tree models are checked against this file.

Run with Debian's scikit-learn 1.2.1 (apt-get install python3-sklearn):

    /usr/bin/python3 scripts/reference/sklearn_trees.py
"""

import csv
import json
import pathlib
import sys

import numpy as np
import sklearn
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier

EXPECTED_SKLEARN = "1.2.1"
ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "ml"
OUTPUT = FIXTURES / "sklearn_trees_n10000.json"


def load_split():
    with open(FIXTURES / "ctr_seed42.csv", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = [[float(value) for value in row] for row in reader]
    data = np.asarray(rows, dtype=np.float64)
    x, y = data[:, :-1], data[:, -1].astype(np.int64)
    with open(FIXTURES / "split.json") as handle:
        split = json.load(handle)
    train, test = np.asarray(split["train_idx"]), np.asarray(split["test_idx"])
    return header[:-1], x[train], y[train], x[test], y[test]


def tree_structure(tree):
    """Node arrays of a fitted sklearn tree, enough to compare splits."""
    inner = tree.tree_
    return {
        "feature": inner.feature.tolist(),
        "threshold": inner.threshold.tolist(),
        "children_left": inner.children_left.tolist(),
        "children_right": inner.children_right.tolist(),
        "n_node_samples": inner.n_node_samples.tolist(),
    }


def describe(model, x_test, extra=None):
    entry = {
        "params": {
            key: value
            for key, value in model.get_params().items()
            if isinstance(value, (int, float, str, type(None)))
        },
        "test_proba": model.predict_proba(x_test)[:, 1].tolist(),
        "feature_importances": model.feature_importances_.tolist(),
    }
    entry.update(extra or {})
    return entry


def main():
    if sklearn.__version__ != EXPECTED_SKLEARN:
        sys.exit(
            f"scikit-learn {EXPECTED_SKLEARN} is required, found "
            f"{sklearn.__version__}; run /usr/bin/python3 after "
            "apt-get install python3-sklearn."
        )

    feature_names, x_train, y_train, x_test, y_test = load_split()
    models = {}

    dt = DecisionTreeClassifier(max_depth=5, random_state=42).fit(x_train, y_train)
    models["decision_tree"] = describe(dt, x_test, {"tree": tree_structure(dt)})

    dt_entropy = DecisionTreeClassifier(
        criterion="entropy",
        max_depth=8,
        max_features="sqrt",
        min_samples_leaf=5,
        random_state=7,
    ).fit(x_train, y_train)
    models["decision_tree_entropy_sqrt"] = describe(
        dt_entropy, x_test, {"tree": tree_structure(dt_entropy)}
    )

    rf = RandomForestClassifier(
        n_estimators=100, max_depth=10, random_state=42
    ).fit(x_train, y_train)
    models["random_forest"] = describe(
        rf,
        x_test,
        {"node_counts": [tree.tree_.node_count for tree in rf.estimators_]},
    )

    gbdt = GradientBoostingClassifier(
        n_estimators=100, max_depth=5, random_state=42
    ).fit(x_train, y_train)
    models["gradient_boosting"] = describe(
        gbdt,
        x_test,
        {
            "train_score": gbdt.train_score_.tolist(),
            "init_raw_prediction": float(
                gbdt._raw_predict_init(x_test[:1])[0, 0]
            ),
        },
    )

    gbdt_subsample = GradientBoostingClassifier(
        n_estimators=50,
        max_depth=3,
        learning_rate=0.2,
        subsample=0.7,
        min_samples_leaf=3,
        random_state=3,
    ).fit(x_train, y_train)
    models["gradient_boosting_subsample"] = describe(
        gbdt_subsample,
        x_test,
        {"train_score": gbdt_subsample.train_score_.tolist()},
    )

    fixture = {
        "description": (
            "scikit-learn tree models fitted on the training rows of "
            "ctr_seed42.csv (split.json); test_proba is predict_proba[:, 1] "
            "on the test rows in split order."
        ),
        "generator": "scripts/reference/sklearn_trees.py",
        "versions": {"sklearn": sklearn.__version__, "numpy": np.__version__},
        "feature_names": feature_names,
        "n_train": int(len(y_train)),
        "n_test": int(len(y_test)),
        "models": models,
    }
    with open(OUTPUT, "w") as handle:
        json.dump(fixture, handle)
        handle.write("\n")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
