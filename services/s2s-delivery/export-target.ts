/**
 * Where an export is published, and how without ever showing a partner a half-written file
 * (SPEC §4: "write to a temp name, then rename"; AAM: the .info may be read as soon as it appears):
 *   LOCAL  local-target.ts: hidden temp names in the target directory itself (inside an operator
 *          root, symlinks resolved), renamed to their final names, the .info last;
 *   SFTP   parts are built in a local staging directory, each uploaded to a hidden temp name in the
 *          remote directory (`.<name>.part`) and renamed there (posix-rename@openssh.com, atomic),
 *          then the .info likewise, last. A failed upload deletes its remote temp file (best effort;
 *          a crash may leave a hidden `.part`, never a visible file) and the export fails.
 *          With `sftpHostKey` set, the server's host key must have that SHA256 fingerprint (what
 *          `ssh-keygen -lf` prints): another key is refused before the client authenticates, so a
 *          spoofed server never receives the files (nor a signature made with the client key).
 * The SFTP upload (ssh2-sftp-client) is this service's only network I/O besides send.ts.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import SftpClient from 'ssh2-sftp-client';
import type { S2sBatch } from '../../libs/schema/index.ts';

export interface PublishItem {
  tempName: string;
  finalName: string;
}

export interface ExportTarget {
  syncType: 'ftp' | 'local';
  /** Creates (0o750) and checks the directory the parts are written to before publishing; returns it. */
  prepare(): Promise<string>;
  /** Data files first (in order), then the manifest. */
  publish(parts: readonly PublishItem[], info: { name: string; content: string }): Promise<void>;
  /** Removes whatever an unpublished export left in the work directory (temp names with this prefix). */
  discard(tempPrefix: string): Promise<void>;
}

export interface SftpOptions {
  privateKey: string;
  /** Staging directory of this export (created, removed afterwards). */
  stagingDir: string;
  readyTimeoutMs?: number;
  /** Opens a staged file for upload; tests wrap it to fail half-way. */
  openSource?: (path: string) => Readable;
  /** Told the fingerprint of a server whose host key is not pinned (sftpHostKey null). */
  onUnpinnedHostKey?: (fingerprint: string) => void;
}

/** OpenSSH's SHA256 fingerprint of a raw host key: `SHA256:` + unpadded base64. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

export function sftpTarget(batch: S2sBatch, options: SftpOptions): ExportTarget {
  const remoteDir = batch.sftpPath ?? '.';
  const remote = (name: string) => `${remoteDir.replace(/\/+$/, '')}/${name}`;
  const open = options.openSource ?? ((path: string) => createReadStream(path));
  return {
    syncType: 'ftp',
    async prepare() {
      await mkdir(options.stagingDir, { recursive: true, mode: 0o750 });
      return options.stagingDir;
    },
    async publish(parts, info) {
      const client = new SftpClient('s2s-export');
      let presented = '';
      try {
        await client.connect({
          host: batch.sftpHost!,
          port: batch.sftpPort,
          username: batch.sftpUser!,
          privateKey: options.privateKey,
          readyTimeout: options.readyTimeoutMs ?? 10_000,
          hostVerifier: (key: Buffer) => {
            presented = hostKeyFingerprint(key);
            if (batch.sftpHostKey === null) {
              options.onUnpinnedHostKey?.(presented);
              return true;
            }
            return presented === batch.sftpHostKey;
          },
        });
      } catch (error) {
        // ssh2's key-parsing errors quote bytes of the decoded key ("Unsupported OpenSSH key magic:
        // ..."): neither the message nor the error as a cause may reach a log or the export history
        if (/privateKey|private key|key magic/i.test((error as Error).message)) {
          throw new Error(
            `the SFTP private key for ${batch.sftpUser ?? ''}@${batch.sftpHost}:${batch.sftpPort} cannot be parsed: it must be an unencrypted OpenSSH or PEM private key (the parser's detail is withheld: it quotes key bytes)`,
          );
        }
        if (batch.sftpHostKey !== null && presented !== '' && presented !== batch.sftpHostKey) {
          throw new Error(
            `SFTP host ${batch.sftpHost}:${batch.sftpPort} presented host key ${presented}, not the configured ${batch.sftpHostKey}; refused`,
            { cause: error },
          );
        }
        throw error;
      }
      let uploading: string | null = null;
      try {
        for (const part of parts) {
          uploading = remote(`.${part.finalName}.part`);
          await client.put(open(join(options.stagingDir, part.tempName)), uploading);
          await client.posixRename(uploading, remote(part.finalName));
          uploading = null;
        }
        uploading = remote(`.${info.name}.part`);
        await client.put(Buffer.from(info.content), uploading);
        await client.posixRename(uploading, remote(info.name));
        uploading = null;
      } catch (error) {
        if (uploading !== null) await client.delete(uploading, true).catch(() => undefined);
        throw error;
      } finally {
        await client.end().catch(() => undefined);
        await rm(options.stagingDir, { recursive: true, force: true });
      }
    },
    async discard() {
      await rm(options.stagingDir, { recursive: true, force: true });
    },
  };
}
