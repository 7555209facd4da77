/**
 * Fault: a learner's connection drops while a mock-interview draft is being
 * saved, and the server's database connections are cut while drafts save.
 *
 *   npx tsx scripts/faults/mock-draft.ts [--port 3414 --pg-port 54345]
 *
 * Drafts go to POST /mock/<id>/draft, the route the interview page's
 * beacon uses, which saves through lib/mock's saveDraft. Steps: ten drafts
 * saved in turn; an eleventh whose socket closes halfway through its body;
 * a twelfth whose socket closes right after the request is sent, before
 * the response; then, reconnected, the stored draft must be exactly the
 * tenth or the twelfth (never a truncated text), a new draft must save,
 * and the interview page must show it. Then every backend of the app's
 * database is terminated between saves; the next saves are retried until
 * stored, and the last one must be the stored draft. Prints a JSON report.
 */
import net from "node:net";

import pg from "pg";

import { startCurrentQuestion } from "@/lib/mock/lifecycle";
import { startInterview } from "@/lib/mock/start";

import {
  clientFor,
  createVirtualLearners,
  ensureBuild,
  host,
  monitorPing,
  preparedDatabase,
  signIn,
  startServer,
} from "../load/harness";
import { numberOption } from "./options";

const settings = {
  port: numberOption("port", 3414),
  pgPort: numberOption("pg-port", 54345),
};

function draftText(version: number): string {
  return `Draft version ${version} marker-v${version}: report precision and recall, oversample the rare class, recalibrate. `.repeat(
    20,
  );
}

async function saveDraft(
  origin: string,
  cookie: string,
  interviewId: string,
  answerId: string,
  text: string,
) {
  const response = await fetch(`${origin}/mock/${interviewId}/draft`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ answerId, text, numeric: null }),
    signal: AbortSignal.timeout(10_000),
  });
  return {
    status: response.status,
    body: (await response.json()) as { status?: string; error?: string },
  };
}

/**
 * Sends a draft over a raw socket and closes it: after `fraction` of the
 * body (the connection drops mid-request), or after all of it without
 * reading the response.
 */
function sendAndCut(
  port: number,
  cookie: string,
  path: string,
  body: string,
  fraction: number,
): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      const bytes = Buffer.from(body);
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nContent-Type: application/json\r\n` +
          `Cookie: ${cookie}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`,
      );
      socket.write(
        bytes.subarray(0, Math.floor(bytes.length * fraction)),
        () => {
          // Give the server a moment to read what arrived, then drop the line.
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 50);
        },
      );
    });
    socket.on("error", () => resolve());
  });
}

async function main() {
  await ensureBuild();
  const database = await preparedDatabase("faults", settings.pgPort);
  const prisma = clientFor(database);
  const server = await startServer({
    databaseUrl: database.url,
    port: settings.port,
  });
  try {
    const [email] = await createVirtualLearners(prisma, 1);
    const learner = await prisma.user.findUniqueOrThrow({ where: { email } });
    const drill = await prisma.drill.findFirstOrThrow({
      where: { published: true, rubricId: { not: null } },
      orderBy: { number: "asc" },
    });
    const now = new Date();
    const { interviewId } = await startInterview(prisma, {
      userId: learner.id,
      drillIds: [drill.id],
      shuffle: false,
      perQuestionSeconds: 1_800,
      now,
    });
    const answer = await startCurrentQuestion(
      prisma,
      { id: interviewId, perQuestionSeconds: 1_800 },
      now,
    );
    const answerId = answer!.id;
    const storedDraft = async () =>
      (await prisma.mockAnswer.findUniqueOrThrow({ where: { id: answerId } }))
        .draft;

    const { cookie } = await signIn(server.origin, email);
    const ping = monitorPing(server.origin);
    const path = `/mock/${interviewId}/draft`;

    // 1. Ordinary autosaves.
    const saves = [];
    for (let version = 1; version <= 10; version += 1) {
      saves.push(
        await saveDraft(
          server.origin,
          cookie,
          interviewId,
          answerId,
          draftText(version),
        ),
      );
    }
    const savedBeforeCut = saves.every(
      (save) => save.status === 200 && save.body.status === "saved",
    );

    // 2. The connection drops halfway through a draft's body.
    await sendAndCut(
      settings.port,
      cookie,
      path,
      JSON.stringify({ answerId, text: draftText(11), numeric: null }),
      0.5,
    );
    // 3. The connection drops after the whole request, before the response.
    await sendAndCut(
      settings.port,
      cookie,
      path,
      JSON.stringify({ answerId, text: draftText(12), numeric: null }),
      1,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    const afterCuts = await storedDraft();
    const afterCutsVersion = [10, 11, 12].find(
      (version) => afterCuts === draftText(version),
    );

    // 4. Reconnected: a new draft saves and the page shows it.
    const reconnected = await saveDraft(
      server.origin,
      cookie,
      interviewId,
      answerId,
      draftText(13),
    );
    const page = await fetch(`${server.origin}/mock/${interviewId}`, {
      headers: { cookie },
    });
    const pageShowsDraft = (await page.text()).includes("marker-v13");

    // 5. The server's database connections are cut between saves.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    let failedSaves = 0;
    let terminated = 0;
    for (let version = 14; version <= 23; version += 1) {
      if (version % 3 === 0) {
        const result = await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'",
        );
        terminated += result.rowCount ?? 0;
      }
      for (let tries = 0; tries < 20; tries += 1) {
        const save = await saveDraft(
          server.origin,
          cookie,
          interviewId,
          answerId,
          draftText(version),
        ).catch(() => null);
        if (save?.status === 200 && save.body.status === "saved") break;
        failedSaves += 1;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    await admin.end();
    const finalDraft = await storedDraft();
    const pingSummary = await ping.stop();

    const report = {
      fault: "connection cut while saving a mock-interview draft",
      autosavesBeforeCut: saves.length,
      allAutosavesSaved: savedBeforeCut,
      storedAfterCuts:
        afterCutsVersion === undefined
          ? "a text that is none of the drafts sent"
          : `version ${afterCutsVersion}`,
      reconnectedSave: reconnected.body.status ?? reconnected.body.error,
      pageShowsDraftAfterReconnect: pageShowsDraft,
      databaseBackendsTerminated: terminated,
      savesRetriedAfterDatabaseCut: failedSaves,
      finalDraftIsLastSent: finalDraft === draftText(23),
      ping: pingSummary,
      passed:
        savedBeforeCut &&
        (afterCutsVersion === 10 || afterCutsVersion === 12) &&
        reconnected.body.status === "saved" &&
        pageShowsDraft &&
        finalDraft === draftText(23) &&
        pingSummary.failures === 0,
    };
    console.log(JSON.stringify(report, null, 2));
    if (!report.passed) process.exitCode = 1;
  } finally {
    await server.stop();
    await prisma.$disconnect();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
