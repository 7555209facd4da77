/**
 * Largest Anki file the import accepts, in characters. Next.js rejects a
 * server-action request body over 1 MB by default, and this leaves room
 * for the request's encoding.
 */
export const maxImportCharacters = 800_000;
