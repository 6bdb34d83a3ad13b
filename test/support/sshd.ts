/**
 * A private OpenSSH server for SFTP export tests (apt package openssh-server): its own config,
 * generated host key and client key under .local/sshd-<random>/, listening on 127.0.0.1 on a free
 * port, the test's user authorised by key only, SFTP by internal-sftp. Started per test and stopped
 * by its own PID; the system's sshd (if any) is never touched.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { waitFor } from './stack.ts';

export const SSHD = '/usr/sbin/sshd';

export interface TestSshd {
  port: number;
  user: string;
  /** OpenSSH private key of the authorised client. */
  privateKey: string;
  /** The server's host key fingerprint as `ssh-keygen -lf` prints it (`SHA256:...`). */
  hostKeyFingerprint: string;
  /** Absolute directory to upload into. */
  remoteDir: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('data', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

export async function startSshd(): Promise<TestSshd> {
  if (!existsSync(SSHD)) {
    throw new Error('SFTP tests need OpenSSH: `apt-get install -y openssh-server` (.ci/run installs it).');
  }
  const dir = resolve('.local', `sshd-${randomUUID().slice(0, 8)}`);
  const remoteDir = join(dir, 'remote');
  mkdirSync(remoteDir, { recursive: true });
  // sshd's privilege separation directory (empty; created by the package's service unit normally).
  if (userInfo().uid === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  for (const key of ['host_key', 'client_key']) {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, key)]);
  }
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `ListenAddress 127.0.0.1`,
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'StrictModes no',
      'UsePAM no',
      'Subsystem sftp internal-sftp',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config, '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  await waitFor(
    async () => {
      if (exited) throw new Error(`sshd exited: ${stderr}`);
      return accepts(port);
    },
    { timeoutMs: 10_000, message: `sshd on 127.0.0.1:${port}` },
  );
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'host_key.pub')], {
    encoding: 'utf8',
  }).split(' ')[1]!;
  return {
    port,
    user: userInfo().username,
    hostKeyFingerprint: fingerprint,
    privateKey: readFileSync(join(dir, 'client_key'), 'utf8'),
    remoteDir,
    async stop() {
      if (!exited && child.pid !== undefined) {
        const gone = new Promise((done) => child.once('exit', done));
        process.kill(child.pid, 'SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
