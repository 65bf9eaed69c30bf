/*
 * The limits of one import (issue 28), in a module of their own so that the browser's dialog can
 * check a file's size before sending it without bundling the CSV parser.
 */

/** At most this many people in one import, and this many bytes of file or text. */
export const IMPORT_LIMITS = { people: 1000, bytes: 1_000_000 } as const;
