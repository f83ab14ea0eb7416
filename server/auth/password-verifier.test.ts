import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import bcrypt from 'bcryptjs';
import { afterEach, describe, expect, it } from 'vitest';

import { PasswordVerifier, VerifierBusyError } from './password-verifier';

// The real worker thread (bcrypt-worker.mjs) checking real bcrypt hashes.

const hash = bcrypt.hashSync('correct horse', 4);
const slowHash = bcrypt.hashSync('slow', 8);

describe('PasswordVerifier', () => {
  let verifier: PasswordVerifier | undefined;
  afterEach(async () => {
    await verifier?.close();
    verifier = undefined;
  });

  it('checks passwords in a worker thread', async () => {
    verifier = new PasswordVerifier({ workers: 2, queueLimit: 4 });
    expect(await verifier.verify('correct horse', hash)).toBe(true);
    expect(await verifier.verify('wrong', hash)).toBe(false);
    expect(await verifier.verify('x', 'not a bcrypt hash')).toBe(false);
  });

  it('queues up to the bound per lane and refuses the next at once', async () => {
    verifier = new PasswordVerifier({ workers: 1, queueLimit: 2 });
    const running = verifier.verify('slow', slowHash);
    const queued = [verifier.verify('a', slowHash), verifier.verify('b', slowHash)];
    await expect(verifier.verify('c', slowHash)).rejects.toBeInstanceOf(VerifierBusyError);
    // The known lane has its own bound: a person at a known address still gets in line.
    const known = verifier.verify('slow', slowHash, { priority: true });
    expect(verifier.load).toEqual({ queued: 3, running: 1 });
    expect(await Promise.all([running, ...queued, known])).toEqual([true, false, false, true]);
    expect(verifier.load).toEqual({ queued: 0, running: 0 });
  });

  it('runs the known lane first', async () => {
    verifier = new PasswordVerifier({ workers: 1, queueLimit: 5 });
    const order: string[] = [];
    const track = (name: string, p: Promise<boolean>) => p.then(() => order.push(name));
    const all = [
      track('running', verifier.verify('slow', slowHash)),
      track('stranger-1', verifier.verify('x', slowHash)),
      track('stranger-2', verifier.verify('x', slowHash)),
      track('known', verifier.verify('x', slowHash, { priority: true })),
    ];
    await Promise.all(all);
    expect(order).toEqual(['running', 'known', 'stranger-1', 'stranger-2']);
  });

  it('a worker that dies fails its check and the next check gets a new worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wh-verifier-'));
    const script = join(dir, 'flaky-worker.mjs');
    // Dies on the first job of each worker life it is told to; answers like the real worker otherwise.
    writeFileSync(
      script,
      `import { parentPort } from 'node:worker_threads';
       parentPort.on('message', (job) => {
         if (job.password === 'die') process.exit(3);
         parentPort.postMessage({ id: job.id, ok: job.password === 'ok' });
       });`,
    );
    verifier = new PasswordVerifier({ workers: 1, queueLimit: 2 }, pathToFileURL(script));
    const dying = verifier.verify('die', hash);
    const next = verifier.verify('ok', hash);
    await expect(dying).rejects.toThrow(/exited with code 3/);
    expect(await next).toBe(true);
    expect(await verifier.verify('nope', hash)).toBe(false);
  });
});
