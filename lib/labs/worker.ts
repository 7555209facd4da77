/**
 * Worker-thread entry of the lab pool: runs one lab computation per task
 * and posts progress on the task's port. scripts/build-worker.ts bundles
 * this file into .build/lab-worker.mjs; under Vitest the pool loads it
 * from source through tsx.
 */
import { assertJsonValue } from "./json-value";
import { getLabDefinition, parseLabParams } from "./registry";
import type { LabWorkerMessage, LabWorkerTask } from "./worker-protocol";
import type { JsonValue } from "./types";

export default function runLabTask(task: LabWorkerTask): JsonValue {
  const port = task.progressPort;
  const post = (message: LabWorkerMessage) => port?.postMessage(message);

  try {
    const definition = getLabDefinition(task.lab);
    const params = parseLabParams(task.lab, task.params);
    post({ type: "started" });

    const result: unknown = definition.run(params, (progress) =>
      post({ type: "progress", progress }),
    );
    assertJsonValue(result);
    return result;
  } finally {
    port?.close();
  }
}
