import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { SignInForm } from "@/components/sign-in-form";
import { PageHeading } from "@/components/ui/page-heading";
import { card } from "@/components/ui/styles";
import { getCurrentUser } from "@/lib/auth/current-user";
import { demoUsers } from "@/lib/demo/demo-data";
import { demoMode, env, oidcEnabled } from "@/lib/env";
import { safeRedirectTarget } from "@/lib/http/redirects";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const callbackUrl = safeRedirectTarget((await searchParams).callbackUrl, env().NEXTAUTH_URL);
  if (await getCurrentUser()) redirect(callbackUrl);
  const t = await getTranslations("signIn");
  const tDemo = await getTranslations("demo");
  const demo = demoMode()
    ? demoUsers.map((user) => ({ email: user.email, description: tDemo(user.role) }))
    : [];
  return (
    <div className={`mx-auto max-w-lg ${card}`}>
      <PageHeading title={t("title")}>
        <p>{t("intro")}</p>
      </PageHeading>
      <ClientMessages area="signIn">
        <SignInForm
          callbackUrl={callbackUrl}
          ssoName={oidcEnabled() ? env().OIDC_NAME : null}
          demoEmails={demo}
        />
      </ClientMessages>
    </div>
  );
}
