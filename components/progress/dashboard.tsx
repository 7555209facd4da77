import Link from "next/link";

import type { DashboardData } from "@/lib/progress/dashboard";

import { ChartCard } from "./chart-card";
import { ForecastChart } from "./forecast-chart";
import { RetentionChart } from "./retention-chart";
import { ReviewCalendar } from "./review-calendar";
import { ScoresChart } from "./scores-chart";
import { TopicLevels } from "./topic-levels";

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** The progress dashboard of one account. */
export function ProgressDashboard({
  data,
  own,
}: {
  data: DashboardData;
  own: boolean;
}) {
  const { calendar, retention, forecast, scores, levels } = data;
  const noLevels = levels.every((topic) => topic.evidence.length === 0);

  return (
    <div className="grid min-w-0 gap-4">
      <ChartCard
        testId="review-calendar"
        title="Reviews per day"
        description={
          <p>
            Last 365 days (UTC): {calendar.totalReviews.toLocaleString("en-US")}{" "}
            reviews on {calendar.activeDays} days. Current streak:{" "}
            <strong data-testid="streak">
              {calendar.streak.days} day{calendar.streak.days === 1 ? "" : "s"}
            </strong>
            {calendar.streak.days > 0 && calendar.streak.lastDay !== data.today
              ? " (review today to keep it)"
              : ""}
            .
          </p>
        }
        empty={calendar.totalReviews === 0}
        emptyMessage={
          own ? (
            <>
              No reviews yet. Each day you grade flashcards on the{" "}
              <Link href="/review" className="text-indigo-700">
                review page
              </Link>{" "}
              fills one square here.
            </>
          ) : (
            "No reviews yet."
          )
        }
      >
        <ReviewCalendar
          firstDay={calendar.firstDay}
          counts={calendar.counts}
          maxPerDay={calendar.maxPerDay}
        />
      </ChartCard>

      <div className="grid min-w-0 gap-4 lg:grid-cols-2">
        <ChartCard
          testId="retention-chart"
          title="True retention by week"
          description={
            <p>
              Share of reviews recalled (not graded Again) among cards that were
              due after at least a day in the Review state; learning steps are
              left out.{" "}
              {retention.overall !== null &&
                `Over the last 52 weeks: ${percent(retention.overall)} of ${retention.counted.toLocaleString("en-US")} reviews. `}
              Desired retention: {percent(retention.desired)}.
            </p>
          }
          empty={retention.weeks.length === 0}
          emptyMessage="No review of a card that was due after at least a day yet. Retention appears once cards come back for their first real review."
        >
          <RetentionChart weeks={retention.weeks} desired={retention.desired} />
        </ChartCard>

        <ChartCard
          testId="forecast-chart"
          title="Cards due in the next 30 days"
          description={
            <p>
              {forecast.total.toLocaleString("en-US")} cards; overdue cards
              count on today.
            </p>
          }
          empty={forecast.total === 0}
          emptyMessage="No cards are scheduled for the next 30 days. Cards enter the schedule the first time you review them."
        >
          <ForecastChart days={forecast.days} />
        </ChartCard>
      </div>

      <ChartCard
        testId="scores-chart"
        title="Drill and lab scores over time"
        description={
          <p>
            Mean score per week of each drill&apos;s questions, and of the lab
            questions answered from your own runs.
          </p>
        }
        empty={scores.points.length === 0}
        emptyMessage={
          own ? (
            <>
              No answers yet.{" "}
              <Link href="/drills" className="text-indigo-700">
                Open a drill
              </Link>{" "}
              to start.
            </>
          ) : (
            "No answers yet."
          )
        }
      >
        <ScoresChart points={scores.points} series={scores.series} />
      </ChartCard>

      <ChartCard
        testId="topic-levels"
        title="Level estimate per topic"
        description={
          <p>
            Below E5, E5 or E6, from the rubric criteria your recent answers
            met.
          </p>
        }
        empty={noLevels}
        emptyMessage={
          own ? (
            <>
              No rubric-scored answers yet. Answer a free-text drill question or
              take a{" "}
              <Link href="/mock" className="text-indigo-700">
                mock interview
              </Link>
              .
            </>
          ) : (
            "No rubric-scored answers yet."
          )
        }
      >
        <TopicLevels levels={levels} />
      </ChartCard>
    </div>
  );
}
