/**
 * Schemathesis (property-based API fuzzing from an OpenAPI document) for the security suite, in
 * an isolated Python venv under .local/ (git-ignored): created on first use, so a clean clone in CI
 * needs only python3 with venv and pip, and PyPI. The version is pinned; a venv holding another
 * version is rebuilt.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCHEMATHESIS_VERSION = '4.32.5';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const VENV = join(ROOT, '.local', 'security-venv');
const BIN = join(VENV, 'bin', 'schemathesis');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking the event loop (the API under test may live in this process). */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; timeoutMs: number; env?: Record<string, string> },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function installedVersion(): Promise<string | null> {
  if (!existsSync(BIN)) return null;
  const { code, stdout } = await run(BIN, ['--version'], { timeoutMs: 30_000 });
  return code === 0 ? (/version (\S+)/.exec(stdout)?.[1] ?? null) : null;
}

/** The path of the schemathesis CLI, installing the pinned version into the venv when needed. */
export async function ensureSchemathesis(): Promise<string> {
  if ((await installedVersion()) === SCHEMATHESIS_VERSION) return BIN;
  await rm(VENV, { recursive: true, force: true });
  await mkdir(join(ROOT, '.local'), { recursive: true });
  const steps: [string, string[]][] = [
    ['python3', ['-m', 'venv', VENV]],
    [
      join(VENV, 'bin', 'pip'),
      ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`],
    ],
  ];
  for (const [command, args] of steps) {
    const result = await run(command, args, { timeoutMs: 300_000 });
    if (result.code !== 0) {
      throw new Error(
        `installing schemathesis failed at \`${command} ${args.join(' ')}\` (exit ${result.code}): ${result.stderr.slice(-2000)}`,
      );
    }
  }
  const version = await installedVersion();
  if (version !== SCHEMATHESIS_VERSION)
    throw new Error(`the venv holds schemathesis ${version}, not ${SCHEMATHESIS_VERSION}`);
  return BIN;
}
