import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { auditDatabase } from './database';
import { ElevationRequiredError, assertMayMutate, elevationStatus, endElevation, startElevation } from './elevation';
import { AuditStore } from './store';

// Elevation through the process-wide database, as the route handler and the actions use it. The
// environment is read once per test file (vitest isolates files), so it is set before first use.

const dir = mkdtempSync(join(tmpdir(), 'wh-elevation-'));
process.env.WHEELHOUSE_DATA_DIR = dir;
process.env.WHEELHOUSE_ELEVATION = 'required';
process.env.WHEELHOUSE_ELEVATION_MAX_MINUTES = '30';
delete process.env.DATABASE_URL;

const carol = { user: 'carol', groups: ['wheelhouse:operators'] };

beforeAll(async () => {
  await auditDatabase();
});
afterAll(async () => {
  await (await auditDatabase()).destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('elevation (mode required)', () => {
  it('refuses changes until elevated, records elevate and elevate-end, and caps the duration', async () => {
    await expect(assertMayMutate(carol, 'local')).rejects.toBeInstanceOf(ElevationRequiredError);

    const started = await startElevation(carol, 'local', { reason: 'incident 7', minutes: 600, requestId: 'e1' });
    expect(Date.parse(started.expiresAt) - Date.parse(started.startedAt)).toBe(30 * 60_000);
    await expect(assertMayMutate(carol, 'local')).resolves.toBeUndefined();
    // Per cluster and per person.
    await expect(assertMayMutate(carol, 'other')).rejects.toBeInstanceOf(ElevationRequiredError);
    await expect(assertMayMutate({ user: 'dan', groups: [] }, 'local')).rejects.toBeInstanceOf(ElevationRequiredError);
    expect(await elevationStatus(carol, 'local')).toMatchObject({
      mode: 'required',
      maxMinutes: 30,
      active: { reason: 'incident 7' },
    });

    expect(await endElevation(carol, 'local', 'e2')).toBe(true);
    await expect(assertMayMutate(carol, 'local')).rejects.toBeInstanceOf(ElevationRequiredError);
    expect(await endElevation(carol, 'local', 'e3')).toBe(false);

    const log = await new AuditStore(await auditDatabase()).list({ cluster: 'local', user: 'carol' }, { limit: 10 });
    // Sorted by request id: both may carry the same millisecond.
    const entries = [...log.entries].sort((a, b) => a.requestId.localeCompare(b.requestId));
    expect(entries.map((e) => [e.action, e.result, e.requestId, e.reason ?? null])).toEqual([
      ['elevate', 'ok', 'e1', 'incident 7'],
      ['elevate-end', 'ok', 'e2', null],
    ]);
    expect(entries[0]).toMatchObject({
      kind: 'Elevation',
      namespace: null,
      params: { minutes: { from: null, to: 30 } },
    });
  });
});
