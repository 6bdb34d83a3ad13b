/**
 * Secret canaries: recognisable random values put into secrets, then searched for in every place a
 * service writes (answers, logs, topics, metrics), in four forms: the value, its base64, its hex
 * and its last 24 characters (a secret cut or re-encoded by a log formatter is still found).
 */
import { randomBytes } from 'node:crypto';

export const canary = (name: string) => `CANARY-${name}-${randomBytes(16).toString('hex')}`;

export interface CanarySearch {
  hits: string[];
  searches: number;
  bytes: number;
}

export function searchCanaries(
  haystacks: Record<string, string>,
  secrets: Record<string, string>,
): CanarySearch {
  const hits: string[] = [];
  let searches = 0;
  for (const [where, text] of Object.entries(haystacks)) {
    for (const [name, secret] of Object.entries(secrets)) {
      const forms = {
        plain: secret,
        base64: Buffer.from(secret).toString('base64'),
        hex: Buffer.from(secret).toString('hex'),
        tail: secret.slice(-24),
      };
      for (const [form, value] of Object.entries(forms)) {
        searches += 1;
        if (text.includes(value)) hits.push(`${name} (${form}) in ${where}`);
      }
    }
  }
  const bytes = Object.values(haystacks).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  return { hits, searches, bytes };
}
