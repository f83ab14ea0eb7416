import 'server-only';

import { randomUUID } from 'node:crypto';

import type { Kysely } from 'kysely';

import type { Database } from './schema';

// Elevations live in the audit database so that every replica sees the same ones (an elevation
// started through one replica unlocks writes served by another) and they survive restarts.

export interface Elevation {
  id: string;
  user: string;
  cluster: string;
  reason: string;
  startedAt: string;
  expiresAt: string;
}

export class ElevationStore {
  private readonly now: () => Date;

  constructor(
    private readonly db: Kysely<Database>,
    options: { now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** The user's unexpired, not-ended elevation on this cluster, if any. */
  async active(user: string, cluster: string): Promise<Elevation | undefined> {
    const row = await this.db
      .selectFrom('elevation')
      .selectAll()
      .where('user_name', '=', user)
      .where('cluster', '=', cluster)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', this.now().toISOString())
      .orderBy('expires_at', 'desc')
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          user: row.user_name,
          cluster: row.cluster,
          reason: row.reason,
          startedAt: row.started_at,
          expiresAt: row.expires_at,
        }
      : undefined;
  }

  /** Starts a new elevation, ending any running one (a new reason replaces the old). */
  async start(user: string, cluster: string, reason: string, minutes: number): Promise<Elevation> {
    const now = this.now();
    const elevation: Elevation = {
      id: randomUUID(),
      user,
      cluster,
      reason,
      startedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + minutes * 60_000).toISOString(),
    };
    await this.db.transaction().execute(async (trx) => {
      await endActive(trx, user, cluster, elevation.startedAt);
      await trx
        .insertInto('elevation')
        .values({
          id: elevation.id,
          user_name: user,
          cluster,
          reason,
          started_at: elevation.startedAt,
          expires_at: elevation.expiresAt,
          ended_at: null,
        })
        .execute();
    });
    return elevation;
  }

  /** Ends the user's running elevation early; false when there was none. */
  async end(user: string, cluster: string): Promise<boolean> {
    return (await endActive(this.db, user, cluster, this.now().toISOString())) > 0;
  }
}

async function endActive(db: Kysely<Database>, user: string, cluster: string, at: string): Promise<number> {
  const res = await db
    .updateTable('elevation')
    .set({ ended_at: at })
    .where('user_name', '=', user)
    .where('cluster', '=', cluster)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', at)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
