import { z } from "zod";

import type { LabParameterField } from "@/components/labs/parameter-fields";
import type { StoredLabParameter } from "@/lib/content/import-labs";
import type { LabChart } from "@/lib/content/lab-schema";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { questionSpecSchema } from "@/lib/grading/spec";
import { resolveLabRunLimits } from "@/lib/labs/limits";
import { getLabRun, listLabRuns } from "@/lib/labs/runner";
import { labDefinitions } from "@/lib/labs/registry";
import type { AnyLabDefinition, JsonValue } from "@/lib/labs/types";
import {
  toPublicQuestion,
  type PublicQuestion,
} from "@/lib/practice/public-question";

/**
 * Server-side reads of the lab pages: the imported Lab rows with their
 * questions, the parameter form built from each lab's schema, and the
 * learner's own runs in a shape the browser can receive.
 */

/** A run in the lab page's list, without its result. */
export interface LabRunListItem {
  id: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
  params: Record<string, unknown>;
  cached: boolean;
  durationMs: number | null;
  /** ISO 8601 time the run was requested. */
  createdAt: string;
  error: string | null;
}

/** A run with its result, as the lab page shows and grades it. */
export interface LabRunDetail extends LabRunListItem {
  result: JsonValue | null;
}

/** One lab of the /labs list with the learner's latest runs. */
export interface LabListEntry {
  slug: string;
  title: string;
  summary: string;
  drill: { slug: string; number: number; title: string };
  listed: boolean;
  questionCount: number;
  recentRuns: LabRunListItem[];
}

/** Everything the page of one lab needs. */
export interface LabPageContent {
  slug: string;
  title: string;
  summary: string;
  intro: string;
  drill: { slug: string; number: number; title: string };
  parameters: LabParameterField[];
  charts: LabChart[];
  questions: PublicQuestion[];
}

function listItemOf(run: {
  id: string;
  status: LabRunListItem["status"];
  params: unknown;
  cached: boolean;
  durationMs: number | null;
  createdAt: Date;
  error: string | null;
}): LabRunListItem {
  return {
    id: run.id,
    status: run.status,
    params: (run.params ?? {}) as Record<string, unknown>,
    cached: run.cached,
    durationMs: run.durationMs,
    createdAt: run.createdAt.toISOString(),
    error: run.error,
  };
}

/**
 * Lists the published labs whose definition exists, in drill order, each
 * with the user's three latest runs. Labs marked as not listed (run inline
 * on a drill page) come last.
 */
export async function listLabPages(
  prisma: PrismaClient,
  userId: string,
): Promise<LabListEntry[]> {
  const labs = await prisma.lab.findMany({
    where: { published: true, drill: { published: true } },
    orderBy: [{ drill: { number: "asc" } }, { slug: "asc" }],
    include: {
      drill: { select: { slug: true, number: true, title: true } },
      _count: { select: { questions: { where: { published: true } } } },
    },
  });
  const known = labs.filter((lab) => labDefinitions.has(lab.slug));

  const entries = await Promise.all(
    known.map(async (lab) => {
      const runs = await listLabRuns({
        prisma,
        userId,
        lab: lab.slug,
        take: 3,
      });
      return {
        slug: lab.slug,
        title: lab.title,
        summary: lab.summary,
        drill: lab.drill,
        listed: lab.listed,
        questionCount: lab._count.questions,
        recentRuns: runs.map(listItemOf),
      };
    }),
  );
  return [
    ...entries.filter((entry) => entry.listed),
    ...entries.filter((entry) => !entry.listed),
  ];
}

/**
 * Returns a published lab page with its form fields and its published
 * questions stripped of their answer keys, or null when there is none
 * with this slug or lib/labs does not define the lab.
 */
export async function getLabPage(
  prisma: PrismaClient,
  slug: string,
): Promise<LabPageContent | null> {
  const definition = labDefinitions.get(slug);
  if (!definition) return null;

  const lab = await prisma.lab.findFirst({
    where: { slug, published: true, drill: { published: true } },
    include: {
      drill: { select: { slug: true, number: true, title: true } },
      questions: {
        where: { published: true },
        orderBy: { position: "asc" },
      },
    },
  });
  if (!lab) return null;

  return {
    slug: lab.slug,
    title: lab.title,
    summary: lab.summary,
    intro: lab.intro,
    drill: lab.drill,
    parameters: describeLabParameters(
      definition,
      lab.parameters as StoredLabParameter[],
    ),
    charts: lab.charts as LabChart[],
    questions: lab.questions.map((question) =>
      toPublicQuestion({
        id: question.id,
        slug: question.slug,
        prompt: question.prompt,
        version: question.version,
        spec: questionSpecSchema.parse(question.spec),
      }),
    ),
  };
}

type JsonSchemaProperty = {
  type?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  default?: unknown;
};

/**
 * Builds the form fields of a lab from its parameter schema, read as JSON
 * Schema (zod's toJSONSchema), in the schema's order. Labels and help come
 * from the lab page file; a parameter the file does not describe is shown
 * under its own name.
 *
 * @throws {Error} naming the parameter when its schema is not an integer
 *   or number range or a list of strings with a default, the only kinds
 *   lib/labs/params-schema.ts builds.
 */
export function describeLabParameters(
  definition: AnyLabDefinition,
  texts: StoredLabParameter[] = [],
): LabParameterField[] {
  const json = z.toJSONSchema(definition.paramsSchema, { io: "input" }) as {
    properties?: Record<string, JsonSchemaProperty>;
  };
  const textByName = new Map(texts.map((text) => [text.name, text]));

  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const text = textByName.get(name);
    const described = {
      name,
      label: text?.label ?? name,
      help: text?.help ?? "",
    };

    if (
      property.type === "string" &&
      Array.isArray(property.enum) &&
      property.enum.every((option) => typeof option === "string") &&
      typeof property.default === "string"
    ) {
      return {
        ...described,
        kind: "enum" as const,
        options: property.enum as string[],
        defaultValue: property.default,
      };
    }
    if (
      (property.type === "integer" || property.type === "number") &&
      typeof property.minimum === "number" &&
      typeof property.maximum === "number" &&
      typeof property.default === "number"
    ) {
      return {
        ...described,
        kind: property.type,
        min: property.minimum,
        max: property.maximum,
        defaultValue: property.default,
      };
    }
    throw new Error(
      `Parameter "${name}" of lab "${definition.slug}" has a schema the lab form cannot show (${JSON.stringify(property)}); build it with integerParam, numberParam or enumParam.`,
    );
  });
}

/** Lists the user's runs of one lab, newest first, without results. */
export async function listOwnLabRuns(
  prisma: PrismaClient,
  userId: string,
  lab: string,
): Promise<LabRunListItem[]> {
  const runs = await listLabRuns({ prisma, userId, lab, take: 20 });
  return runs.map(listItemOf);
}

/**
 * Returns one of the user's runs of a lab with its result, or null when
 * the user has no run of that lab with this id.
 */
export async function getOwnLabRun(
  prisma: PrismaClient,
  userId: string,
  lab: string,
  runId: string,
): Promise<LabRunDetail | null> {
  const run = await getLabRun({ prisma, userId, runId });
  if (!run || run.lab !== lab) return null;
  return { ...listItemOf(run), result: run.result };
}

/** True for a run that is queued or running and young enough to be alive. */
function isInProgress(run: LabRunListItem, now: number): boolean {
  if (run.status !== "RUNNING" && run.status !== "QUEUED") return false;
  // A row left RUNNING by a server that stopped never finishes. Past this
  // age the runner treats it as abandoned, so the page does too.
  const age = now - Date.parse(run.createdAt);
  return age < resolveLabRunLimits().abandonedAfterMs;
}

/**
 * Picks the run a lab page opens with: the requested one when it is the
 * user's run of this lab, else the newest succeeded run. A run still in
 * progress is returned as `activeRunId`, so the page follows its progress.
 */
export async function pickInitialRun(
  prisma: PrismaClient,
  userId: string,
  lab: string,
  runs: LabRunListItem[],
  requestedId: string | undefined,
): Promise<{ selected: LabRunDetail | null; activeRunId: string | null }> {
  const now = Date.now();
  const active = runs.find((run) => isInProgress(run, now));
  const requested = requestedId
    ? await getOwnLabRun(prisma, userId, lab, requestedId)
    : null;
  if (requested && requested.status !== "SUCCEEDED") {
    const running = isInProgress(requested, now);
    return {
      selected: null,
      activeRunId: running ? requested.id : (active?.id ?? null),
    };
  }

  const latest = runs.find((run) => run.status === "SUCCEEDED");
  const selected =
    requested ??
    (latest ? await getOwnLabRun(prisma, userId, lab, latest.id) : null);
  return { selected, activeRunId: active?.id ?? null };
}
