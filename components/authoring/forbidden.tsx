import { forbidden } from "next/navigation";

/** Ends the request with the 403 page for accounts without the instructor role. */
export function AuthorForbidden(props: { what?: string }): never {
  void props;
  forbidden();
}
