/**
 * Answers written for the drills' free-text questions, used to check that
 * each rubric's phrases fire on a good answer and stay quiet on a weak or
 * off-topic one. Keyed by the drill slug, then the question slug.
 */
export interface ModelAnswers {
  /** Covers every E5 and E6 point of the rubric. */
  e6: string;
  /** Covers the E5 points only. */
  e5: string;
}

export const modelAnswers: Record<string, Record<string, ModelAnswers>> = {
  "model-progression": {
    "progression-walkthrough": {
      e6: `I would start with a popularity baseline: rank items by their historical click rate. It needs no training, so every model has to beat it.
Next I would train logistic regression. It trains in minutes, has interpretable coefficients and outputs calibrated click probabilities.
After that I would try gradient-boosted trees, and later a deep model with embeddings, because they capture feature interactions that a linear model misses.
I only move to the next stage when it beats the previous one on ROC-AUC and log loss offline, and then in an A/B test.
Latency is tight in serving and we want to iterate quickly, so GBDT comes before neural networks. If the gain justifies the cost, stacking the trees with logistic regression is an option.
Clicks come from what the current model showed, so we retrain on fresh data and watch for a feedback loop and position bias.`,
      e5: `The baseline ranks items by popularity, the most popular items first. Then logistic regression, because it is fast to train and interpretable. Then gradient-boosted trees to learn feature interactions. Each stage must improve ROC-AUC over the previous one.`,
    },
  },
  "class-imbalance": {
    "fraud-walkthrough": {
      e6: `A model that always predicts not fraud already reaches 99.9% accuracy, so accuracy is misleading. There are very few fraud examples and the loss is dominated by legitimate transactions.
I would try oversampling the fraud class, or undersampling legitimate transactions, and separately class weights or focal loss in the loss.
I would report precision, recall, F1 and the area under the precision-recall curve.
At scale, undersampling throws away data but makes training cheaper, while oversampling duplicates fraud and can overfit. Both shift the predicted probabilities, so I would recalibrate them.
The threshold comes from the cost of a missed fraud against the cost of a false alarm, within the review capacity of the analysts.`,
      e5: `Predicting the majority class gives 99.9% accuracy, which is useless. There are too few positives for the model to learn from. I would oversample fraud and use class weights. The metrics are precision, recall and PR-AUC.`,
    },
  },
  "labeling-strategy": {
    "labeling-walkthrough": {
      e6: `Feed ranking uses natural labels: the label is 1 when the user liked the post, and dwell time is another signal.
Harmful content needs hand labels from trained reviewers who apply the written policy.
Image classification uses human annotators, for example through a crowdsourcing service, possibly on top of ImageNet.
Hand labels are expensive and slow, while natural labels are cheap but noisy.
To estimate label noise we send a 1% sample of natural labels for human review and track inter-annotator agreement, and active learning picks what to label next.
Natural labels arrive with a label delay, and the ranking creates a feedback loop because users only engage with what we show.`,
      e5: `For feed ranking I would use natural labels from user behavior. Harmful content needs human reviewers. Images need annotators. Hand labels are expensive; natural labels are noisy.`,
    },
  },
  "distributed-training": {
    "parallelism-walkthrough": {
      e6: `I would use data parallelism. 500M parameters in fp32 take 2 GB, and with Adam about 16 bytes per parameter, so 8 GB: the model fits on one GPU.
The 10 billion examples are the heavy part, so each worker gets its own shard of the data and the gradients are averaged with all-reduce, as in synchronous SGD.
We don't need model parallelism here; it is for models too large for a single GPU, like GPT-3.
With many workers the global batch grows, so I would scale the learning rate with a warmup and use mixed precision to cut communication overhead.
At 20,000 examples per second per GPU, one epoch on 64 GPUs takes about two hours of wall-clock time.
If the model had huge embedding tables, I would shard the embeddings and keep the dense layers data-parallel.`,
      e5: `Data parallelism, because the model fits on one GPU: 2 GB of weights. The data is split into shards, one per worker, and a parameter server aggregates the gradients. Model parallelism is unnecessary here.`,
    },
  },
  "talking-points": {
    "checklist-walkthrough": {
      e6: `Model suitability: GBDT is fast to train and interpretable on tabular features. The latency budget is 10 ms, so we cache embeddings and serve a lightweight model.
Labels: natural labels from watch completion, with a one-day delay. Today's predictions affect tomorrow's labels, a feedback loop we monitor, with some exploration.
Imbalance: the class ratio is 10 to 1, handled with class_weight. At scale, focal loss on hard negatives beats oversampling.
Overfitting: L2 regularization, plus early stopping on the validation set while we monitor calibration.
Cadence: retrain weekly on fresh data, moving to continuous training on streaming data with an A/B test before every full rollout.`,
      e5: `We use GBDT because it is fast to train and interpretable. Labels come from user engagement with a one-day delay. The class ratio is about 10 to 1, so class weights. L2 regularization against overfitting. Retrain weekly.`,
    },
    "labels-and-feedback": {
      e6: `Labels come from implicit feedback such as watch completion, and the label delay is about one day. Because our recommendations decide what users see, there is a feedback loop, so we monitor it and keep some exploration.`,
      e5: `Labels come from implicit feedback such as watch completion, and the label delay is about one day.`,
    },
  },
};

/** An answer on another subject, which should earn almost nothing. */
export const offTopicAnswer = `I would containerize the service, put it behind a load balancer and store sessions in Redis. Logs go to a central store and alerts page the on-call engineer.`;
