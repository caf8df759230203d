// What an auth form's server action answers: a form-level message, per-field messages,
// and the values to put back (React resets a form after its action runs).
export interface FormState {
  message?: string;
  fields?: Record<string, string>;
  values?: Record<string, string>;
  /** A success note shown instead of the form's error (e.g. "check your mail"). */
  notice?: string;
}

export const EMPTY_FORM_STATE: FormState = {};
