/**
 * The error a configuration write fails with when rules are broken: carries every issue at once.
 * `conflict` when the request conflicts with the current state (answered 409), else
 * `validation_failed` (422).
 */
import { AppError } from '../../../libs/errors/index.ts';

export interface FailedIssue {
  pointer: string;
  rule: string;
  message: string;
}

export class ValidationFailed extends AppError {
  constructor(
    readonly issues: readonly FailedIssue[],
    code: 'validation_failed' | 'conflict' = 'validation_failed',
  ) {
    super(code, issues.map((issue) => `${issue.pointer}: ${issue.message}`).join('; '));
  }
}
