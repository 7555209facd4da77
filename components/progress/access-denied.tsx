import { forbidden } from "next/navigation";

/**
 * Ends the request with the 403 page (app/forbidden.tsx). `what` and `why`
 * describe the refusal for readers of the calling page; the page shown is
 * the shared one.
 */
export function AccessDenied(props: { what: string; why: string }): never {
  void props;
  forbidden();
}
