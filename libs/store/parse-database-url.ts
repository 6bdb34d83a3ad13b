/**
 * DATABASE_URL picks the state store:
 *   sqlite::memory:            SQLite in memory (tests)
 *   sqlite:///abs/path/file.db SQLite file (embedded default); sqlite:relative/file.db also works
 *   postgres://user:pass@host:port/db[?options=-c search_path=x]  PostgreSQL (scale); postgresql:// too
 */
import { AppError } from '../errors/index.ts';

export type DatabaseTarget =
  { dialect: 'sqlite'; filename: string } | { dialect: 'postgres'; connectionString: string };

export function parseDatabaseUrl(url: string): DatabaseTarget {
  const trimmed = url.trim();
  if (trimmed === 'sqlite::memory:' || trimmed === 'sqlite://:memory:') {
    return { dialect: 'sqlite', filename: ':memory:' };
  }
  if (trimmed.startsWith('sqlite:')) {
    const filename = trimmed.replace(/^sqlite:(\/\/)?/, '');
    if (filename === '') throw new AppError('invalid_config', `DATABASE_URL has no SQLite file: ${url}`);
    return { dialect: 'sqlite', filename };
  }
  if (/^postgres(ql)?:\/\//.test(trimmed)) return { dialect: 'postgres', connectionString: trimmed };
  throw new AppError(
    'invalid_config',
    `DATABASE_URL must start with sqlite: or postgres:// (got ${trimmed.replace(/\/\/[^@/]*@/, '//***@')})`,
  );
}
