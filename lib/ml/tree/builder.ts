import {
  isClassification,
  nodeImpurity,
  type CriterionCode,
} from "./criterion";
import type { PresortedSplitter } from "./presorted-splitter";
import { EPSILON, isLeafBeforeSearch, NodeStore } from "./node-store";
import { TREE_UNDEFINED, type TreeStructure } from "./tree-structure";

/** Stopping rules and feature sampling of one tree, already resolved. */
export interface TreeGrowthParams {
  criterion: CriterionCode;
  /** Depth limit; the root has depth 0. */
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** Features drawn per split, in [1, nFeatures]. */
  maxFeatures: number;
}

/**
 * Grows one tree depth first, left child first, exactly in the order of
 * scikit-learn 1.2.1's `DepthFirstTreeBuilder`, so node numbering and the
 * splitter's feature draws follow the same sequence.
 *
 * @param target per-row class labels (0/1) or regression targets.
 * @param weight per-row weights; rows with weight 0 are left out.
 * @param seed the splitter's `rand_r_state`.
 * @param leafOfRow when given, receives the leaf of every row with
 * non-zero weight (other entries become −1).
 */
export function growTree(
  splitter: PresortedSplitter,
  params: TreeGrowthParams,
  target: Float64Array,
  weight: Float64Array,
  seed: number,
  leafOfRow?: Int32Array,
): TreeStructure {
  const { criterion, maxDepth, minSamplesLeaf } = params;
  const classification = isClassification(criterion);
  splitter.startTree(
    target,
    weight,
    seed,
    criterion,
    params.maxFeatures,
    minSamplesLeaf,
  );
  const minSamplesSplit = Math.max(params.minSamplesSplit, 2 * minSamplesLeaf);
  const nodes = new NodeStore(classification ? 2 : 1, splitter.nFeatures);
  // Depth first, the stack contains at most one pending sibling per level.
  const stack = new BuildStack(Math.min(splitter.nSamples, maxDepth) + 2);
  if (leafOfRow !== undefined) leafOfRow.fill(-1);

  stack.push(0, splitter.nSamples, 0, -1, false, NaN, 0, 0);
  stack.setSums(splitter.rootWeight, splitter.rootSum, splitter.rootSecond);
  let first = true;

  while (stack.size > 0) {
    const top = stack.pop();
    const start = stack.start[top];
    const end = stack.end[top];
    const depth = stack.depth[top];
    const nodeWeight = stack.weight[top];
    const nodeSum = stack.sum[top];
    const nodeSecond = stack.second[top];
    const nNodeSamples = end - start;

    let impurity = stack.impurity[top];
    if (first) {
      impurity = nodeImpurity(criterion, nodeWeight, nodeSum, nodeSecond);
      first = false;
    }
    let isLeaf = isLeafBeforeSearch(
      depth,
      nNodeSamples,
      impurity,
      maxDepth,
      minSamplesSplit,
      minSamplesLeaf,
    );

    if (!isLeaf) {
      const found = splitter.nodeSplit(
        start,
        end,
        nodeWeight,
        nodeSum,
        nodeSecond,
        impurity,
        stack.nConstantFeatures[top],
      );
      // min_impurity_decrease is 0, so only rounding can reject a split here.
      isLeaf = !found || splitter.splitImprovement + EPSILON < 0;
    }

    const nodeId = nodes.add(
      stack.parent[top],
      stack.isLeft[top] === 1,
      isLeaf ? TREE_UNDEFINED : splitter.splitFeature,
      isLeaf ? TREE_UNDEFINED : splitter.splitThreshold,
      impurity,
      nNodeSamples,
      nodeWeight,
      depth,
    );
    if (classification) {
      nodes.setValue(nodeId, 0, nodeSecond);
      nodes.setValue(nodeId, 1, nodeSum);
    } else {
      nodes.setValue(nodeId, 0, nodeSum / nodeWeight);
    }

    if (isLeaf) {
      if (leafOfRow !== undefined) {
        const rows = splitter.rowsOf(stack.validFeature[top], start, end);
        for (let k = 0; k < rows.length; k++) leafOfRow[rows[k]] = nodeId;
      }
      continue;
    }

    const pos = splitter.splitPos;
    // Children that will not be split never read the other features'
    // segments, so the partition can be skipped.
    const childDepth = depth + 1;
    const leftIsLeaf = isLeafBeforeSearch(
      childDepth,
      pos - start,
      splitter.leftImpurity,
      maxDepth,
      minSamplesSplit,
      minSamplesLeaf,
    );
    const rightIsLeaf = isLeafBeforeSearch(
      childDepth,
      end - pos,
      splitter.rightImpurity,
      maxDepth,
      minSamplesSplit,
      minSamplesLeaf,
    );
    if (!leftIsLeaf || !rightIsLeaf) splitter.partition(start, end);
    const nConstant = splitter.nConstantFeatures;
    const splitFeature = splitter.splitFeature;
    stack.push(
      pos,
      end,
      depth + 1,
      nodeId,
      false,
      splitter.rightImpurity,
      nConstant,
      splitFeature,
    );
    stack.setSums(
      splitter.rightWeight,
      splitter.rightSum,
      splitter.rightSecond,
    );
    stack.push(
      start,
      pos,
      depth + 1,
      nodeId,
      true,
      splitter.leftImpurity,
      nConstant,
      splitFeature,
    );
    stack.setSums(splitter.leftWeight, splitter.leftSum, splitter.leftSecond);
  }

  return nodes.finish();
}

/**
 * Pending nodes as parallel arrays. `validFeature` is a feature whose
 * segment is partitioned down to the node (the parent's split feature),
 * used to list a leaf's rows.
 */
class BuildStack {
  size = 0;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly depth: Int32Array;
  readonly parent: Int32Array;
  readonly isLeft: Uint8Array;
  readonly impurity: Float64Array;
  readonly nConstantFeatures: Int32Array;
  readonly validFeature: Int32Array;
  readonly weight: Float64Array;
  readonly sum: Float64Array;
  readonly second: Float64Array;

  constructor(capacity: number) {
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.depth = new Int32Array(capacity);
    this.parent = new Int32Array(capacity);
    this.isLeft = new Uint8Array(capacity);
    this.impurity = new Float64Array(capacity);
    this.nConstantFeatures = new Int32Array(capacity);
    this.validFeature = new Int32Array(capacity);
    this.weight = new Float64Array(capacity);
    this.sum = new Float64Array(capacity);
    this.second = new Float64Array(capacity);
  }

  push(
    start: number,
    end: number,
    depth: number,
    parent: number,
    isLeft: boolean,
    impurity: number,
    nConstantFeatures: number,
    validFeature: number,
  ): void {
    const k = this.size++;
    this.start[k] = start;
    this.end[k] = end;
    this.depth[k] = depth;
    this.parent[k] = parent;
    this.isLeft[k] = isLeft ? 1 : 0;
    this.impurity[k] = impurity;
    this.nConstantFeatures[k] = nConstantFeatures;
    this.validFeature[k] = validFeature;
  }

  /** Sets the node sums of the entry pushed last. */
  setSums(weight: number, sum: number, second: number): void {
    const k = this.size - 1;
    this.weight[k] = weight;
    this.sum[k] = sum;
    this.second[k] = second;
  }

  pop(): number {
    return --this.size;
  }
}
