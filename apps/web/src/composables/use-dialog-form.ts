import type { FormInstance } from 'element-plus';
import { computed, ref } from 'vue';
import type { Ref } from 'vue';

import { ErrorCode } from '@pacer/shared';

import { errorMessage, fieldMessages, isApiError } from '@/utils/api-errors';

export interface DialogFormOptions<T, F extends string> {
  /** The dialog's open state: closed after a save. */
  visible: Ref<boolean>;
  /** The ElForm whose rules must pass first (a dialog without one leaves it out). */
  form?: Readonly<Ref<FormInstance | undefined>>;
  /** A check of the dialog's own, after the form's rules (a reason typed, the duplicates acknowledged). */
  check?: () => boolean;
  /** Calls the API; what it answers goes to `onSaved`. */
  save: () => Promise<T>;
  /** After a save, before the dialog closes: the toast and the `saved` event. */
  onSaved?: (value: T) => void;
  /**
   * The fields the form shows (their nested paths too: `shares` takes `shares.0.unitId`): an API error whose
   * details all name one of them is shown on the fields alone, any other in the dialog's alert.
   */
  fields?: readonly F[];
  /**
   * On VERSION_CONFLICT: reload the row and take the fresh version (merging what was typed). Answers whether it
   * was taken, which shows the conflict alert instead of the error; a failed reload is shown as the error.
   */
  onConflict?: () => Promise<boolean>;
}

/**
 * The save flow of a form dialog: the form's rules first, one save at a time, then the `saved` value and the dialog
 * closed; on failure the dialog stays open with the API's general message in its alert, its field messages on the
 * fields and, in an edit dialog, a version conflict resolved by reloading the row.
 */
export function useDialogForm<T, F extends string = never>(options: DialogFormOptions<T, F>) {
  const isSaving = ref(false);
  const isConflict = ref(false);
  const failure = ref<unknown>(null);
  const fields: readonly string[] = options.fields ?? [];

  const serverFields = computed(() => fieldMessages(failure.value));

  /** The API's message about a field (or one of its nested paths), in the reader's language; '' when none. */
  function fieldError(field: F): string {
    const messages = serverFields.value;
    return (
      messages[field] ?? Object.entries(messages).find(([key]) => key.startsWith(`${field}.`))?.[1] ?? ''
    );
  }

  const isFormField = (name: string) => fields.some((f) => name === f || name.startsWith(`${f}.`));

  /** The error for the dialog's alert: null while a conflict is shown or when the fields show it all. */
  const generalError = computed<string | null>(() => {
    const error = failure.value;
    if (!error || isConflict.value) return null;
    if (isApiError(error) && error.details.length && error.details.every((d) => isFormField(d.field))) {
      return null;
    }
    return errorMessage(error);
  });

  async function isValid(): Promise<boolean> {
    const form = options.form?.value;
    if (form && !(await form.validate().catch(() => false))) return false;
    return options.check ? options.check() : true;
  }

  async function submit(): Promise<void> {
    if (isSaving.value || (options.form && !options.form.value)) return;
    if (!(await isValid())) return;
    isSaving.value = true;
    failure.value = null;
    try {
      const saved = await options.save();
      options.onSaved?.(saved);
      options.visible.value = false;
    } catch (error) {
      failure.value = error;
      if (options.onConflict && isApiError(error, ErrorCode.VersionConflict)) {
        try {
          if (await options.onConflict()) isConflict.value = true;
        } catch (reloadError) {
          if (reloadError instanceof Error) failure.value = reloadError;
        }
      }
    } finally {
      isSaving.value = false;
    }
  }

  /** For a dialog (re)opened: no error, no conflict, no rule messages left from last time. */
  function reset(): void {
    failure.value = null;
    isConflict.value = false;
    options.form?.value?.clearValidate();
  }

  return { isSaving, isConflict, failure, generalError, fieldError, submit, reset };
}
