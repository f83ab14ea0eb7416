import 'server-only';

import type { Kysely } from 'kysely';

import type { Database } from '@/server/audit/schema';

// Revoked sessions in the shared database (ADR 0011): SQLite by default, PostgreSQL with
// DATABASE_URL, so a sign-out survives restarts and reaches every replica.

export interface Revocation {
  sid: string;
  revokedAt: string;
  /** ms since epoch: after this the session is dead anyway. */
  expiresAt: number;
}

export class RevocationStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records the revocation (idempotent: revoking twice keeps the first). */
  async revoke(sid: string, expiresAt: Date): Promise<void> {
    await this.db
      .insertInto('session_revocation')
      .values({ sid, revoked_at: this.now().toISOString(), expires_at: expiresAt.toISOString() })
      .onConflict((oc) => oc.column('sid').doNothing())
      .execute();
  }

  async isRevoked(sid: string): Promise<boolean> {
    const row = await this.db.selectFrom('session_revocation').select('sid').where('sid', '=', sid).executeTakeFirst();
    return row !== undefined;
  }

  /** Unexpired revocations recorded at or after `since` (ISO time), or all of them. */
  async since(since?: string): Promise<Revocation[]> {
    let query = this.db
      .selectFrom('session_revocation')
      .select(['sid', 'revoked_at', 'expires_at'])
      .where('expires_at', '>', this.now().toISOString());
    if (since) query = query.where('revoked_at', '>=', since);
    const rows = await query.execute();
    return rows.map((r) => ({ sid: r.sid, revokedAt: r.revoked_at, expiresAt: Date.parse(r.expires_at) }));
  }

  /** Drops rows of sessions that have expired anyway. */
  async prune(): Promise<number> {
    const res = await this.db
      .deleteFrom('session_revocation')
      .where('expires_at', '<=', this.now().toISOString())
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
