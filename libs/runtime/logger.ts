/**
 * Structured JSON logs (pino). Every line carries `service`; secrets are redacted by path as a
 * second line of defence (the first is never putting them in log objects).
 */
import { pino, type Logger } from 'pino';

export type { Logger };

export const REDACTED_PATHS = [
  '*.secret',
  '*.clientSecret',
  '*.oauthClientSecret',
  '*.hmacKey',
  '*.sftpKey',
  '*.password',
  '*.authorization',
  '*.token',
  'headers.authorization',
  'req.headers.authorization',
];

export function createLogger(service: string, level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
