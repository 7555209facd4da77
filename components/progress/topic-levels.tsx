import { levelRule, levelRuleText } from "@/lib/progress/level";
import type { TopicLevel } from "@/lib/progress/topic-levels";

import { TopicLevelList, type TopicLevelItem } from "./topic-level-list";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeZone: "UTC",
});

/**
 * Keeps what TopicLevelList shows of each topic, with dates formatted and
 * each distinct criterion description listed once in `descriptions`.
 */
export function topicLevelItems(levels: TopicLevel[]): {
  topics: TopicLevelItem[];
  descriptions: string[];
} {
  const descriptions: string[] = [];
  const indexOf = new Map<string, number>();
  const describe = (description: string) => {
    let index = indexOf.get(description);
    if (index === undefined) {
      index = descriptions.push(description) - 1;
      indexOf.set(description, index);
    }
    return index;
  };

  const topics = levels.map(({ topic, result, evidence }) => ({
    topic,
    result: {
      level: result.level,
      e5: { share: result.e5.share },
      e6: { share: result.e6.share },
      reason: result.reason,
    },
    evidence: evidence.map(({ at, criteria, ...answer }) => ({
      ...answer,
      date: dateFormat.format(at),
      criteria: criteria.map((criterion) => ({
        key: criterion.key,
        level: criterion.level,
        description: describe(criterion.description),
        met: criterion.met,
        byInstructor: criterion.byInstructor,
        words: criterion.words,
      })),
    })),
  }));
  return { topics, descriptions };
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
      <TopicLevelList {...topicLevelItems(levels)} />
    </div>
  );
}
