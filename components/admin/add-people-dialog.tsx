"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition } from "react";
import {
  confirmImportAction,
  previewImportAction,
} from "@/app/admin/accounts/[accountId]/members/import-actions";
import type { ActionResult } from "@/lib/actions/run-action";
import type { ImportResult } from "@/lib/members-import/commit";
import type { ImportPlan } from "@/lib/members-import/preview";
import type { Role } from "@/lib/memberships/rules";
import type { TreeNode } from "@/lib/virtual-accounts/tree";
import { accessErrorCode } from "../virtual-accounts/access-picker";
import { buttonPrimary } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";
import { accessEndErrorCode, noAccessEnd } from "./access-end-field";
import { PreviewStep } from "./add-people/preview-step";
import { ResultStep } from "./add-people/result-step";
import {
  endsOnOf,
  fileSource,
  fileTooLarge,
  textSource,
  type ImportSource,
} from "./add-people/source";
import { SourceStep, type SourceForm } from "./add-people/source-step";

type Failure = Extract<ActionResult<unknown>, { ok: false }>;
type Errors = { text?: string; file?: string; access?: string; end?: string; form?: string };
type Step =
  | { name: "source"; back?: boolean }
  | { name: "preview"; source: ImportSource; plan: ImportPlan & { key: string } }
  | { name: "result"; result: ImportResult };

interface Props {
  accountId: string;
  accountName: string;
  /** The roles the viewer gives (on the account, and on each virtual account). */
  roles: readonly Role[];
  /** The virtual accounts the viewer manages, in tree order (null: none to offer). */
  tree: TreeNode[] | null;
  /** A Smart Account Administrator; a Virtual Account Administrator gives roles in their branch only. */
  wholeAccount: boolean;
}

/**
 * "Add people" (issue 28): addresses typed with the access they all get, or a CSV file with a line
 * per person; then the preview of every line's outcome; then, once confirmed, the summary with the
 * result as a CSV file. The server decides everything again on confirm (lib/members-import).
 */
export function AddPeopleDialog({ accountId, accountName, roles, tree, wholeAccount }: Props) {
  const t = useTranslations("membersImport.dialog");
  const tAll = useTranslations();
  const messages = useActionMessages("memberships");
  const router = useRouter();
  const id = useId();
  const initialForm = (): SourceForm => ({
    method: "text",
    text: "",
    access: wholeAccount
      ? { scope: "ACCOUNT", role: roles.includes("USER") ? "USER" : (roles[0] ?? "VIEWER") }
      : { scope: "VIRTUAL_ACCOUNTS", grants: [] },
    end: noAccessEnd,
    file: null,
  });
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState<SourceForm>(initialForm);
  const [step, setStep] = useState<Step>({ name: "source" });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, startTransition] = useTransition();
  // A second click before the button shows itself disabled sends nothing (the server would
  // apply nothing twice anyway: the import's key).
  const running = useRef(false);

  function reset() {
    setForm(initialForm());
    setStep({ name: "source" });
    setErrors({});
  }

  function close() {
    setOpen(false);
    reset();
  }

  /** An import refused as a whole: its words, with the line and column it names. */
  function failureWords(failure: Failure): string {
    const details = failure.details as {
      problem?: { code: string } & Record<string, unknown>;
      fieldErrors?: Record<string, string>;
    };
    const codes = [details.problem?.code, ...Object.values(details.fieldErrors ?? {})];
    for (const code of codes) {
      const key = `membersImport.errors.${String(code)}`;
      if (code && tAll.has(key as never))
        return tAll(key as never, (details.problem ?? {}) as never);
    }
    if (failure.code === "VALIDATION") {
      const memberships = codes.find(
        (code) => code && tAll.has(`memberships.errors.${code}` as never),
      );
      if (memberships) return messages.fieldMessage(memberships);
    }
    return messages.formMessage(failure);
  }

  function run(work: () => Promise<void>) {
    if (running.current) return;
    running.current = true;
    startTransition(async () => {
      try {
        await work();
      } finally {
        running.current = false;
      }
    });
  }

  async function sourceOfForm(): Promise<ImportSource | Errors> {
    if (form.method === "file") {
      if (!form.file) return { file: t("fileMissing") };
      if (fileTooLarge(form.file)) return { file: t("fileTooLarge") };
      try {
        return await fileSource(form.file);
      } catch {
        return { file: t("fileUnreadable") };
      }
    }
    if (form.access.scope === "ACCOUNT" && !wholeAccount) return { access: t("branchOnly") };
    const accessCode = accessErrorCode(form.access);
    if (accessCode) return { access: messages.fieldMessage(accessCode) };
    const endCode = accessEndErrorCode(form.end);
    if (endCode) return { end: messages.fieldMessage(endCode) };
    const source = textSource(form.text, form.access, endsOnOf(form.end));
    if ("problem" in source)
      return source.problem === "sameTerms"
        ? { access: t("sameTerms") }
        : { text: t("addressesMissing") };
    return source;
  }

  function preview() {
    run(async () => {
      const source = await sourceOfForm();
      if (!("format" in source)) return setErrors(source);
      const result = await previewImportAction({ accountId, source });
      if (!result.ok) {
        const words = failureWords(result);
        return setErrors(form.method === "file" ? { file: words } : { text: words });
      }
      setErrors({});
      setStep({ name: "preview", source, plan: result.data });
    });
  }

  function confirm() {
    if (step.name !== "preview") return;
    const { source, plan } = step;
    run(async () => {
      const result = await confirmImportAction({ accountId, source, key: plan.key });
      if (!result.ok) return setErrors({ form: failureWords(result) });
      setErrors({});
      setStep({ name: "result", result: result.data });
      router.refresh();
    });
  }

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(isOpen) => {
        setOpen(isOpen);
        if (!isOpen) reset();
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className={buttonPrimary}>
          {t("open")}
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <Dialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[92vh] w-[44rem] max-w-[95vw] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-4 shadow-xl sm:p-6">
          <Dialog.Title className="text-lg font-semibold [overflow-wrap:anywhere]">
            {t("title", { account: accountName })}
          </Dialog.Title>
          <Dialog.Description className="mt-2 text-slate-700">
            {t("description")}
          </Dialog.Description>
          {step.name === "source" ? (
            <SourceStep
              id={id}
              form={form}
              onChange={setForm}
              roles={roles}
              tree={tree}
              wholeAccount={wholeAccount}
              errors={errors}
              busy={busy}
              focusOnMount={Boolean(step.back)}
              onSubmit={preview}
              onCancel={close}
            />
          ) : step.name === "preview" ? (
            <PreviewStep
              plan={step.plan}
              busy={busy}
              error={errors.form ?? null}
              onBack={() => {
                setErrors({});
                setStep({ name: "source", back: true });
              }}
              onConfirm={confirm}
            />
          ) : (
            <ResultStep result={step.result} onClose={close} />
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
