/** Turns an API error into what a form shows: a message and the field issues. Pure. */
import { ApiError } from './api-client.ts';
import type { FormFailure } from './destination-form.tsx';

export function failureOf(error: unknown): FormFailure {
  if (error instanceof ApiError) {
    const hint =
      error.status === 403
        ? ' Your token can read but not change destinations.'
        : error.status === 503
          ? ' Try again in a moment.'
          : '';
    return { message: `${error.message}${hint}`, issues: error.issues };
  }
  return { message: (error as Error).message, issues: [] };
}
