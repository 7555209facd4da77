"""Write stratified-split cases from scikit-learn for the TypeScript tests.

Run with Debian's interpreter (scikit-learn 1.2.1, numpy 1.24):
    /usr/bin/python3 scripts/reference/split_cases.py

Writes tests/fixtures/ml/split_cases.json: label vectors with several
classes and tied remainders, and the train/test indices scikit-learn's
train_test_split(stratify=y) returns for each.
"""

import json
import pathlib

import numpy as np
import sklearn
from sklearn.model_selection import train_test_split

OUTPUT = pathlib.Path(__file__).resolve().parents[2] / "tests/fixtures/ml/split_cases.json"

# (class counts, test_size, random_state): tied remainders come from equal
# class counts whose share does not divide evenly.
CASES = [
    ([50, 50], 0.2, 0),
    ([33, 33, 34], 0.1, 1),
    ([7, 7, 7], 0.3, 42),
    ([11, 13, 17, 19], 0.25, 7),
    ([5, 5, 5, 5, 5], 0.7, 3),
    ([90, 10], 0.15, 123),
    ([3, 3, 3, 3], 0.5, 99),
    ([920, 80], 0.2, 42),
    ([40, 31, 29], 0.33, 2024),
    ([6, 6, 6, 6, 6, 6, 6], 0.4, 5),
]


def main() -> None:
    cases = []
    for counts, test_size, seed in CASES:
        labels = np.concatenate(
            [np.full(count, label) for label, count in enumerate(counts)]
        )
        # Interleave the classes so row order differs from class order.
        labels = labels[np.random.RandomState(seed + 1).permutation(len(labels))]
        indices = np.arange(len(labels))
        train, test = train_test_split(
            indices, test_size=test_size, random_state=seed, stratify=labels
        )
        cases.append(
            {
                "labels": labels.tolist(),
                "test_size": test_size,
                "random_state": seed,
                "train_idx": train.tolist(),
                "test_idx": test.tolist(),
            }
        )
    OUTPUT.write_text(
        json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases})
    )
    print(f"wrote {len(cases)} cases to {OUTPUT}")


if __name__ == "__main__":
    main()
