/**
 * A throw-away self-signed certificate for 127.0.0.1 (openssl CLI), so the demo partner can answer
 * the `https://` templates SPEC §3 requires for secure URLs. The all-in-one child process trusts it
 * through NODE_EXTRA_CA_CERTS; nothing else does.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TlsCertificate {
  certFile: string;
  cert: string;
  key: string;
}

export function tlsCertificate(dir: string): TlsCertificate {
  mkdirSync(dir, { recursive: true });
  const certFile = join(dir, 'partner-cert.pem');
  const keyFile = join(dir, 'partner-key.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'pipe' },
    );
  } catch (error) {
    throw new Error(
      `the demo needs the openssl CLI for its local HTTPS partner: ${(error as Error).message}`,
    );
  }
  return { certFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}
