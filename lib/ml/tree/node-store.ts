import { TREE_LEAF, TreeStructure } from "./tree-structure";

/** Nodes whose impurity is at most this are pure (numpy's float64 eps). */
export const EPSILON = Number.EPSILON;

/**
 * Tests whether a node is a leaf before any split search: at the depth
 * limit, too small to split, or pure (scikit-learn's `is_leaf` test).
 */
export function isLeafBeforeSearch(
  depth: number,
  nNodeSamples: number,
  impurity: number,
  maxDepth: number,
  minSamplesSplit: number,
  minSamplesLeaf: number,
): boolean {
  return (
    depth >= maxDepth ||
    nNodeSamples < minSamplesSplit ||
    nNodeSamples < 2 * minSamplesLeaf ||
    impurity <= EPSILON
  );
}

/** Growable node arrays that become a {@link TreeStructure}. */
export class NodeStore {
  private count = 0;
  private capacity = 64;
  private maxDepth = 0;
  private childrenLeft: Int32Array = new Int32Array(this.capacity);
  private childrenRight: Int32Array = new Int32Array(this.capacity);
  private feature: Int32Array = new Int32Array(this.capacity);
  private threshold: Float64Array = new Float64Array(this.capacity);
  private impurity: Float64Array = new Float64Array(this.capacity);
  private nNodeSamples: Int32Array = new Int32Array(this.capacity);
  private weightedNNodeSamples: Float64Array = new Float64Array(this.capacity);
  private value: Float64Array;

  constructor(
    private readonly valueStride: number,
    private readonly nFeatures: number,
  ) {
    this.value = new Float64Array(this.capacity * valueStride);
  }

  add(
    parent: number,
    isLeft: boolean,
    feature: number,
    threshold: number,
    impurity: number,
    nNodeSamples: number,
    weightedNNodeSamples: number,
    depth: number,
  ): number {
    if (this.count === this.capacity) this.grow();
    const id = this.count++;
    if (parent >= 0) {
      if (isLeft) this.childrenLeft[parent] = id;
      else this.childrenRight[parent] = id;
    }
    this.childrenLeft[id] = TREE_LEAF;
    this.childrenRight[id] = TREE_LEAF;
    this.feature[id] = feature;
    this.threshold[id] = threshold;
    this.impurity[id] = impurity;
    this.nNodeSamples[id] = nNodeSamples;
    this.weightedNNodeSamples[id] = weightedNNodeSamples;
    if (depth > this.maxDepth) this.maxDepth = depth;
    return id;
  }

  setValue(node: number, slot: number, value: number): void {
    this.value[node * this.valueStride + slot] = value;
  }

  private grow(): void {
    this.capacity *= 2;
    this.childrenLeft = resizeInt(this.childrenLeft, this.capacity);
    this.childrenRight = resizeInt(this.childrenRight, this.capacity);
    this.feature = resizeInt(this.feature, this.capacity);
    this.threshold = resizeFloat(this.threshold, this.capacity);
    this.impurity = resizeFloat(this.impurity, this.capacity);
    this.nNodeSamples = resizeInt(this.nNodeSamples, this.capacity);
    this.weightedNNodeSamples = resizeFloat(
      this.weightedNNodeSamples,
      this.capacity,
    );
    this.value = resizeFloat(this.value, this.capacity * this.valueStride);
  }

  finish(): TreeStructure {
    const n = this.count;
    return new TreeStructure({
      nFeatures: this.nFeatures,
      valueStride: this.valueStride,
      maxDepth: this.maxDepth,
      childrenLeft: this.childrenLeft.slice(0, n),
      childrenRight: this.childrenRight.slice(0, n),
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      impurity: this.impurity.slice(0, n),
      nNodeSamples: this.nNodeSamples.slice(0, n),
      weightedNNodeSamples: this.weightedNNodeSamples.slice(0, n),
      value: this.value.slice(0, n * this.valueStride),
    });
  }
}

function resizeInt(array: Int32Array, length: number): Int32Array {
  const resized = new Int32Array(length);
  resized.set(array);
  return resized;
}

function resizeFloat(array: Float64Array, length: number): Float64Array {
  const resized = new Float64Array(length);
  resized.set(array);
  return resized;
}
