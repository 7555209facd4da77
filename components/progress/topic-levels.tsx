import Link from "next/link";

import { LevelBadge } from "@/components/mock/level-badge";
import { levelRule, levelRuleText } from "@/lib/progress/level";
import type { TopicLevel } from "@/lib/progress/topic-levels";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeZone: "UTC",
});

function percent(share: number | null): string {
  return share === null ? "none scored" : `${Math.round(share * 100)}%`;
}

/** The level estimate per topic, each with the criteria and answers behind it. */
export function TopicLevels({ levels }: { levels: TopicLevel[] }) {
  return (
    <div className="space-y-3">
      <p className="text-xs text-slate-600">
        Rule, over each topic&apos;s {levelRule.recentAnswersPerTopic} most
        recent rubric-scored answers (mock interview answers and free-text drill
        answers): {levelRuleText}
      </p>
      <ul className="space-y-2">
        {levels.map((topic) => (
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
                        {dateFormat.format(answer.at)}
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
                            {criterion.description}
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
    </div>
  );
}
