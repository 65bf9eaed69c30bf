"use client";

import * as Dialog from "@radix-ui/react-dialog";
import type { ComponentProps, ReactNode, RefObject } from "react";
import { buttonPrimary, buttonSecondary } from "./styles";

type ContentProps = Omit<ComponentProps<typeof Dialog.Content>, "className"> & {
  /** A box in the middle of the screen (default), or the navigation's panel on the left. */
  placement?: "center" | "side";
  /** Width of a centred box. */
  width?: "w-[28rem]" | "w-[32rem]";
  /** Focused when the dialog closes (a dialog opened without Radix's Trigger has nothing to go back to). */
  returnFocusTo?: RefObject<HTMLElement | null>;
};

/**
 * The portal's modal dialogs inside a Radix `Dialog.Root`: the dimmed overlay and the box. Radix
 * traps focus, closes on Escape and on the overlay, and names the box by its Dialog.Title.
 */
export function ModalContent({
  placement = "center",
  width = "w-[28rem]",
  returnFocusTo,
  children,
  ...props
}: ContentProps) {
  const box =
    placement === "side"
      ? "fixed inset-y-0 left-0 z-50 w-80 max-w-[90vw] overflow-y-auto bg-white p-4 shadow-xl"
      : `fixed left-1/2 top-1/2 z-50 ${width} max-w-[95vw] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl`;
  return (
    <Dialog.Portal>
      <Dialog.Overlay
        className={`fixed inset-0 z-40 ${placement === "side" ? "bg-slate-900/40" : "bg-slate-900/50"}`}
      />
      <Dialog.Content
        {...props}
        className={box}
        onCloseAutoFocus={
          returnFocusTo
            ? (event) => {
                event.preventDefault();
                returnFocusTo.current?.focus();
              }
            : props.onCloseAutoFocus
        }
      >
        {children}
      </Dialog.Content>
    </Dialog.Portal>
  );
}

/**
 * A dialog's last row: Cancel (closes it, nothing done) and the button that does what the dialog
 * is for — a form's submit, or `onConfirm` outside a form.
 */
export function ModalActions({
  cancelLabel,
  confirmLabel,
  disabled = false,
  onConfirm,
  className = "flex justify-end gap-3",
}: {
  cancelLabel: string;
  confirmLabel: ReactNode;
  disabled?: boolean;
  onConfirm?: () => void;
  className?: string;
}) {
  return (
    <div className={className}>
      <Dialog.Close asChild>
        <button type="button" className={buttonSecondary}>
          {cancelLabel}
        </button>
      </Dialog.Close>
      <button
        type={onConfirm ? "button" : "submit"}
        className={buttonPrimary}
        disabled={disabled}
        onClick={onConfirm}
      >
        {confirmLabel}
      </button>
    </div>
  );
}

/** "Are you sure?": a title, what will happen, a button that cancels (closes) and one that confirms. */
export function ConfirmContent({
  title,
  description,
  cancelLabel,
  confirmLabel,
  onConfirm,
  returnFocusTo,
}: {
  title: ReactNode;
  description: ReactNode;
  cancelLabel: string;
  confirmLabel: string;
  onConfirm: () => void;
  returnFocusTo?: RefObject<HTMLElement | null>;
}) {
  return (
    <ModalContent returnFocusTo={returnFocusTo}>
      <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
      <Dialog.Description className="mt-2 text-slate-700">{description}</Dialog.Description>
      <ModalActions
        className="mt-6 flex justify-end gap-3"
        cancelLabel={cancelLabel}
        confirmLabel={confirmLabel}
        onConfirm={onConfirm}
      />
    </ModalContent>
  );
}
