/**
 * An open-loop load generator: it sends requests at evenly spaced times
 * (request k at start + k / rate) whatever the server's speed, over
 * keep-alive connections, and times each response from its scheduled send
 * time, so a server that falls behind shows in the latencies instead of
 * slowing the sender down (no coordinated omission). autocannon's rate
 * option instead sends each connection's share at the start of every
 * second, a burst of the whole second's requests at once.
 */
import http from "node:http";

export interface PacedRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface PacedResult {
  /** Milliseconds from each request's scheduled time to its full response. */
  latencies: number[];
  statusCounts: Record<string, number>;
  /** Requests that failed without a response (connection errors, 10 s timeouts). */
  failures: number;
  /** Seconds from the first scheduled request to the last response. */
  elapsedSeconds: number;
}

/**
 * Sends `rate × durationSeconds` requests to `origin` at `rate` per second.
 *
 * @param next builds each request (headers, body) when it is due.
 */
export async function pacedLoad(options: {
  origin: string;
  rate: number;
  durationSeconds: number;
  next: () => PacedRequest;
}): Promise<PacedResult> {
  const url = new URL(options.origin);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const total = Math.round(options.rate * options.durationSeconds);
  const intervalMs = 1000 / options.rate;
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let failures = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();

  const send = (scheduledAt: number, request: PacedRequest) =>
    new Promise<void>((resolve) => {
      const outgoing = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: request.method,
          path: request.path,
          headers: request.body
            ? {
                ...request.headers,
                "content-length": Buffer.byteLength(request.body),
              }
            : request.headers,
          timeout: 10_000,
        },
        (response) => {
          response.resume();
          response.on("end", () => {
            latencies.push(performance.now() - scheduledAt);
            const status = String(response.statusCode);
            statusCounts[status] = (statusCounts[status] ?? 0) + 1;
            resolve();
          });
        },
      );
      outgoing.on("timeout", () => outgoing.destroy(new Error("timed out")));
      outgoing.on("error", () => {
        failures += 1;
        resolve();
      });
      outgoing.end(request.body);
    });

  for (let index = 0; index < total; index += 1) {
    const scheduledAt = start + index * intervalMs;
    const wait = scheduledAt - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(send(scheduledAt, options.next()));
  }
  await Promise.all(pending);
  agent.destroy();
  return {
    latencies,
    statusCounts,
    failures,
    elapsedSeconds: (performance.now() - start) / 1000,
  };
}
