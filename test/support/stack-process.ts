/** Process and port probes for the tests that start their own local stack (stack.sh). */
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

/**
 * Whether a process still runs. A zombie whose threads have all exited counts as gone: stack.sh
 * starts the JVMs with nohup, so they are reaped by whoever adopted them, some time after they
 * exit; and a killed JVM's main thread turns zombie first while the threads that hold its
 * sockets are still exiting, which is why the thread count is checked too.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    if (!/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return true;
    return readdirSync(`/proc/${pid}/task`).length > 1;
  } catch {
    return false;
  }
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
