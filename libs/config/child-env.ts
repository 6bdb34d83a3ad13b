/**
 * The environment of a child process: this process's environment with overrides (undefined removes
 * a variable). Lives here because only libs/config reads process.env.
 */
import type { Env } from './load-config.ts';

export function childEnv(overrides: Env = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}
