/** A service logger at debug level whose lines (JSON, one per entry) are kept for the test to read. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../libs/runtime/logger.ts';

export function capturedLogger(service: string): { logger: Logger; logs: string[] } {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      callback();
    },
  });
  return { logger: createLogger(service, 'debug', sink), logs };
}
