import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from './parse-database-url.ts';

describe('parseDatabaseUrl', () => {
  it('reads SQLite memory, absolute and relative files, and PostgreSQL URLs', () => {
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ dialect: 'sqlite', filename: ':memory:' });
    expect(parseDatabaseUrl('sqlite:///var/lib/s2s/state.db')).toEqual({
      dialect: 'sqlite',
      filename: '/var/lib/s2s/state.db',
    });
    expect(parseDatabaseUrl('sqlite:data/state.db')).toEqual({
      dialect: 'sqlite',
      filename: 'data/state.db',
    });
    expect(parseDatabaseUrl('postgresql://u:p@db:5432/s2s')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgresql://u:p@db:5432/s2s',
    });
  });

  it('refuses anything else without echoing credentials', () => {
    expect(() => parseDatabaseUrl('mysql://root:hunter2@db/x')).toThrow(/mysql:\/\/\*\*\*@db\/x/);
    expect(() => parseDatabaseUrl('sqlite://')).toThrow(/no SQLite file/);
  });
});
