export { AppError, ERROR_CODES, type ErrorCode } from './app-error.ts';
