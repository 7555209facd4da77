import { Prisma } from "@/lib/generated/prisma/client";

/**
 * The SQL behind the level estimate per topic. Each function returns a
 * scalar subquery whose value is a JSON array, so that the dashboard reads
 * the topics and the evidence in the same statement as its charts. Times
 * come back as milliseconds since the epoch (UTC), because JSON has no
 * date type.
 */

/** A topic the level estimate lists. */
export interface TopicRow {
  id: string;
  slug: string;
  title: string;
}

/**
 * Returns a scalar subquery whose value is a JSON array of TopicRow: the
 * topics with at least one published drill, ordered by the lowest number
 * among all their drills, so the list follows the course.
 */
export function publishedTopicsSql(): Prisma.Sql {
  return Prisma.sql`
    SELECT coalesce(
             json_agg(json_build_object('id', "id", 'slug', "slug", 'title', "title")
                      ORDER BY "firstDrill"),
             '[]'::json)
    FROM (
      SELECT t."id", t."slug", t."title", min(d."number") AS "firstDrill"
      FROM "Topic" t
      JOIN "Drill" d ON d."topicId" = t."id"
      GROUP BY t."id"
      HAVING bool_or(d."published")
    ) AS topics`;
}

/** An instructor's score of one criterion of a mock interview answer. */
export interface OverrideRow {
  criterionKey: string;
  met: boolean;
  comment: string;
  /** The instructor's name, or their email when the name is unset. */
  instructorName: string;
  /** When the score was given, in ms since the epoch. */
  atMs: number;
}

/** What a scored answer has in common, whatever its source. */
interface ScoredAnswerBase {
  id: string;
  /** Submission time, in ms since the epoch. */
  atMs: number;
  topicId: string;
  drillNumber: number;
}

/** A free-text drill attempt with its grader feedback. */
export interface ScoredAttemptRow extends ScoredAnswerBase {
  source: "attempt";
  /** Attempt.feedback as stored. */
  feedback: unknown;
}

/** A submitted mock interview answer with what scoring it needs. */
export interface ScoredMockAnswerRow extends ScoredAnswerBase {
  source: "mock";
  interviewId: string;
  rubricId: string;
  rubricVersion: number;
  autoScores: unknown;
  selfScores: unknown;
  /** RubricVersion.criteria of the pinned version, or null when it is missing. */
  rubricCriteria: unknown;
  overrides: OverrideRow[];
}

export type ScoredAnswerRow = ScoredAttemptRow | ScoredMockAnswerRow;

/**
 * Returns a scalar subquery whose value is a JSON array of ScoredAnswerRow:
 * each topic's `perTopic` most recent rubric-scored answers of the user,
 * that is submitted mock interview answers with automatic scores and
 * free-text drill attempts. Rows are ordered by topic id, newest first,
 * with ties broken by answer id. A window function ranks the answers
 * before any feedback is read, so a year of attempts is never read whole.
 */
export function recentScoredAnswersSql(
  userId: string,
  perTopic: number,
): Prisma.Sql {
  return Prisma.sql`
    SELECT coalesce(
             json_agg(
               -- Correlated subqueries read each ranked answer by its
               -- primary key. As joins, the planner, which cannot foresee
               -- how few rows the ranking keeps, hashed whole tables.
               CASE WHEN r.source = 'attempt' THEN (
                 SELECT json_build_object(
                          'source', r.source,
                          'id', r."id",
                          'atMs', (extract(epoch FROM r.at) * 1000)::float8,
                          'topicId', r."topicId",
                          'drillNumber', r."drillNumber",
                          'feedback', a."feedback")
                 FROM "Attempt" a
                 WHERE a."id" = r."id"
               ) ELSE (
                 SELECT json_build_object(
                          'source', r.source,
                          'id', r."id",
                          'atMs', (extract(epoch FROM r.at) * 1000)::float8,
                          'topicId', r."topicId",
                          'drillNumber', r."drillNumber",
                          'interviewId', ma."interviewId",
                          'rubricId', ma."rubricId",
                          'rubricVersion', ma."rubricVersion",
                          'autoScores', ma."autoScores",
                          'selfScores', ma."selfScores",
                          'rubricCriteria', rv."criteria",
                          'overrides', coalesce((
                            SELECT json_agg(json_build_object(
                                     'criterionKey', co."criterionKey",
                                     'met', co."met",
                                     'comment', co."comment",
                                     'instructorName', coalesce(i."name", i."email"),
                                     'atMs', (extract(epoch FROM co."createdAt") * 1000)::float8))
                            FROM "CriterionOverride" co
                            JOIN "User" i ON i."id" = co."instructorId"
                            WHERE co."mockAnswerId" = ma."id"
                          ), '[]'::json))
                 FROM "MockAnswer" ma
                 LEFT JOIN "RubricVersion" rv
                   ON rv."rubricId" = ma."rubricId" AND rv."version" = ma."rubricVersion"
                 WHERE ma."id" = r."id"
               ) END
               ORDER BY r."topicId", r.at DESC, r."id"),
             '[]'::json)
    FROM (
      SELECT * FROM (
        SELECT scored.*,
               row_number() OVER (PARTITION BY "topicId" ORDER BY at DESC, "id") AS rank
        FROM (
          SELECT 'mock'::text AS source, ma."id", ma."submittedAt" AS at,
                 d."topicId", d."number" AS "drillNumber"
          FROM "MockAnswer" ma
          JOIN "MockInterview" mi ON mi."id" = ma."interviewId"
          JOIN "Drill" d ON d."id" = ma."drillId"
          WHERE mi."userId" = ${userId}
            AND ma."submittedAt" IS NOT NULL
            AND ma."autoScores" IS NOT NULL
          UNION ALL
          SELECT 'attempt'::text, a."id", a."createdAt", d."topicId", d."number"
          FROM "Attempt" a
          JOIN "Question" q ON q."id" = a."questionId"
          JOIN "Drill" d ON d."id" = q."drillId"
          WHERE a."userId" = ${userId} AND q."kind" = 'FREE_TEXT'
        ) AS scored
      ) AS ranked
      WHERE rank <= ${perTopic}
    ) AS r`;
}
