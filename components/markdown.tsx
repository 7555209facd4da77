import ReactMarkdown from "react-markdown";

/** Renders instructor-written Markdown; raw HTML in it is not rendered. */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="prose-sm space-y-2 [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 [&_li]:ml-5 [&_ol]:list-decimal [&_ul]:list-disc">
      <ReactMarkdown>{children}</ReactMarkdown>
    </div>
  );
}
