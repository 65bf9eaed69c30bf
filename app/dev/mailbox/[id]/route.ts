import { NextResponse } from "next/server";
import { demoMode } from "@/lib/env";
import { mailboxMessage } from "@/lib/mail/mailbox";

export const dynamic = "force-dynamic";

/** The email's HTML, shown in the mailbox page's frame; its links open in the whole window. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!demoMode()) return new NextResponse(null, { status: 404 });
  const message = await mailboxMessage((await params).id);
  if (!message || message === "unrenderable") return new NextResponse(null, { status: 404 });
  // Links open in the whole window (email buttons ask for a new tab), so a sign-in link signs in here.
  const html = message.html
    .replace(/<head>/i, '<head><base target="_top">')
    .replaceAll(' target="_blank"', "");
  return new NextResponse(html, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      // Its Content-Security-Policy (frameable by the portal only, runs nothing) comes from proxy.ts.
    },
  });
}
