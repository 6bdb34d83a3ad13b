/**
 * The one error class of the product. Every failure carries a code from a closed list, whether
 * retrying can help, and its cause. One classifier per path (decode, delivery) maps errors to
 * retry / dead-letter / drop; nobody else decides.
 */
export const ERROR_CODES = [
  // decoding (consumer runner)
  'bad_magic_byte',
  'unknown_schema_id',
  'undecodable',
  'registry_unavailable',
  // domain validation (router and services)
  'invalid_event',
  'output_too_large',
  // configuration
  'invalid_config',
  // delivery
  'http_3xx',
  'http_4xx',
  'http_5xx',
  'http_429',
  'timeout',
  'connection_failed',
  'ssrf_refused',
  'circuit_open',
  'destination_busy',
  'retries_exhausted',
  'render_failed',
  // configuration API (destination builder): mapped to HTTP statuses by its error handler
  'invalid_request',
  'validation_failed',
  'not_found',
  'version_conflict',
  'conflict',
  'precondition_required',
  'unauthenticated',
  'forbidden',
  // infrastructure
  'kafka',
  'database',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retriable: boolean;

  constructor(code: ErrorCode, message: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retriable = options.retriable ?? false;
  }

  static is(error: unknown, code?: ErrorCode): error is AppError {
    return error instanceof AppError && (code === undefined || error.code === code);
  }
}
