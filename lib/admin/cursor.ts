/**
 * A position in the queue's (createdAt, id) order, opaque in the URL. A cursor that does not decode
 * is ignored (first page), never an error: links get edited by hand.
 */
export interface QueueCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString("base64url");
}

export function decodeCursor(value: string | undefined): QueueCursor | null {
  if (!value) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
    if (!Array.isArray(decoded) || decoded.length !== 2) return null;
    const [iso, id] = decoded as unknown[];
    if (typeof iso !== "string" || typeof id !== "string" || id.length === 0 || id.length > 100) return null;
    const createdAt = new Date(iso);
    return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id };
  } catch {
    return null;
  }
}

/** `%`, `_` and `\` typed in a search box are matched literally by ILIKE. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
