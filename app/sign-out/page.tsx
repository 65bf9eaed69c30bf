import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { SignOutForm } from "@/components/sign-out-form";
import { PageHeading } from "@/components/ui/page-heading";
import { card } from "@/components/ui/styles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signOut"))("title") };
}

export default async function SignOutPage() {
  const t = await getTranslations("signOut");
  return (
    <div className={`mx-auto max-w-lg ${card}`}>
      <PageHeading title={t("title")}>
        <p>{t("body")}</p>
      </PageHeading>
      <ClientMessages area="signOut">
        <SignOutForm />
      </ClientMessages>
    </div>
  );
}
