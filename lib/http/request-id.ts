import { uuidv7 } from "@/lib/uuidv7";

/** What an id set by a proxy in front may look like: a short token, safe in logs and headers. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The request's id for logs and error pages: the one a proxy in front already gave it, when it is
 * a short safe token, or a new one (a client could otherwise write anything into every log line
 * and echoed header). New ids are UUIDv7, the app's one id scheme: they sort in the order the
 * requests came.
 */
export function requestIdFrom(incoming: string | null | undefined): string {
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : uuidv7();
}
