/** The error a configuration write fails with when rules are broken: carries every issue at once. */
import { AppError } from '../../../libs/errors/index.ts';
import type { ValidationIssue } from './validation-issue.ts';

export class ValidationFailed extends AppError {
  constructor(readonly issues: ValidationIssue[]) {
    super('validation_failed', issues.map((issue) => `${issue.pointer}: ${issue.message}`).join('; '));
  }
}
