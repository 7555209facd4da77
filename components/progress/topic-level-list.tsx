"use client";

import Link from "next/link";

import { LevelBadge } from "@/components/mock/level-badge";
import type { LevelEstimate } from "@/lib/progress/level";
import type {
  EvidenceAnswer,
  EvidenceCriterion,
  TopicLevel,
} from "@/lib/progress/topic-levels";

/** The part of one rubric criterion of one answer that the list shows. */
export interface CriterionItem extends Omit<
  EvidenceCriterion,
  "points" | "description"
> {
  /** Index of the criterion's description in the list's `descriptions`. */
  description: number;
}

/**
 * The part of one topic's level estimate that the list shows: a
 * TopicLevel without the point sums and criterion points, and with each
 * answer's date already formatted by the server, so the browser shows the
 * same text.
 */
export interface TopicLevelItem {
  topic: TopicLevel["topic"];
  result: {
    level: LevelEstimate | null;
    e5: { share: number | null };
    e6: { share: number | null };
    reason: string;
  };
  evidence: (Omit<EvidenceAnswer, "at" | "criteria"> & {
    /** Submission date, e.g. "4 Dec 2026" (UTC). */
    date: string;
    criteria: CriterionItem[];
  })[];
}

function percent(share: number | null): string {
  return share === null ? "none scored" : `${Math.round(share * 100)}%`;
}

/**
 * The topics with their level estimates and, folded, the answers and
 * criteria behind each. A client component, so that the page sends this
 * data once instead of also sending the rendered elements. A topic's
 * answers usually share one rubric, so each criterion description is sent
 * once in `descriptions` and the criteria refer to it by index.
 */
export function TopicLevelList({
  topics,
  descriptions,
}: {
  topics: TopicLevelItem[];
  descriptions: string[];
}) {
  return (
    <ul className="space-y-2">
      {topics.map((topic) => (
        <li
          key={topic.topic.id}
          className="rounded border border-slate-200 p-3"
          data-testid={`topic-level-${topic.topic.slug}`}
        >
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{topic.topic.title}</span>
            <LevelBadge level={topic.result.level} />
            <span className="text-xs text-slate-600">
              E5 points met: {percent(topic.result.e5.share)} · E6 points met:{" "}
              {percent(topic.result.e6.share)}
            </span>
          </p>
          {topic.evidence.length === 0 ? (
            <p className="text-sm text-slate-600">
              No rubric-scored answers in this topic yet. Answer a free-text
              question of its drill or take a mock interview.
            </p>
          ) : (
            <details className="mt-1 text-sm">
              <summary className="cursor-pointer text-indigo-700">
                Evidence: {topic.evidence.length} answer
                {topic.evidence.length === 1 ? "" : "s"}
              </summary>
              <p className="mt-1 text-slate-700">{topic.result.reason}</p>
              <ul className="mt-2 space-y-2">
                {topic.evidence.map((answer) => (
                  <li key={`${answer.source}-${answer.id}`}>
                    <Link href={answer.href} className="text-indigo-700">
                      {answer.label}
                    </Link>{" "}
                    <span className="text-xs text-slate-500">
                      {answer.date}
                    </span>
                    <ul className="ml-4 text-xs">
                      {answer.criteria.map((criterion) => (
                        <li key={criterion.key}>
                          <span aria-hidden>{criterion.met ? "✓" : "✗"}</span>{" "}
                          <span className="sr-only">
                            {criterion.met ? "met" : "missed"}:{" "}
                          </span>
                          <span className="rounded bg-slate-100 px-1">
                            {criterion.level}
                          </span>{" "}
                          {descriptions[criterion.description]}
                          {criterion.byInstructor && (
                            <span className="text-amber-800">
                              {" "}
                              (instructor&apos;s score)
                            </span>
                          )}
                          {criterion.words.length > 0 && (
                            <span className="text-slate-600">
                              {" "}
                              —{" "}
                              {criterion.words
                                .map((word) => `“${word}”`)
                                .join(", ")}
                            </span>
                          )}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}
