/**
 * A titled dashboard panel: its chart, or its empty-state message when
 * there is nothing to draw yet.
 */
export function ChartCard({
  title,
  description,
  empty,
  emptyMessage,
  testId,
  children,
}: {
  title: string;
  description: React.ReactNode;
  empty: boolean;
  emptyMessage: React.ReactNode;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <section
      // min-w-0 lets a grid cell shrink below its chart's width on a phone,
      // so the calendar scrolls inside its card instead of widening the page.
      className="min-w-0 space-y-2 rounded border border-slate-200 bg-white p-4"
      aria-labelledby={`${testId}-title`}
      data-testid={testId}
    >
      <h2 id={`${testId}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="text-sm text-slate-600">{description}</div>
      {empty ? (
        <p
          className="rounded border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600"
          data-testid={`${testId}-empty`}
        >
          {emptyMessage}
        </p>
      ) : (
        children
      )}
    </section>
  );
}
