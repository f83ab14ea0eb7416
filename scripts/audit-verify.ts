// npm run audit:verify [-- --json] [-- --expect-head <seq>:<hash>]
// Walks the audit log's hash chain (ADR 0015) in the database the server uses (DATABASE_URL, else
// SQLite under WHEELHOUSE_DATA_DIR) and reports the first entries that were changed or removed.
// Exit code 0 = intact, 1 = tampering found, 2 = could not check. Record the printed head somewhere
// else (a ticket, another system): `--expect-head` later proves the chain was not rewritten from
// that point on, which a chain alone cannot show against someone who recomputes every later hash.
import 'server-only';

import { databaseTarget, openDatabase } from '@/server/audit/database';
import { verifyChain, type ChainReport } from '@/server/audit/verify';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const expectIndex = args.indexOf('--expect-head');
  const expected = expectIndex >= 0 ? parseHead(args[expectIndex + 1]) : undefined;
  const target = databaseTarget();
  const db = await openDatabase(target);
  let report: ChainReport;
  try {
    report = await verifyChain(db);
    if (expected) {
      const link = await db
        .selectFrom('audit_chain')
        .select(['seq', 'hash'])
        .where('seq', '=', expected.seq)
        .executeTakeFirst();
      if (link?.hash !== expected.hash) {
        report.ok = false;
        report.problems.unshift({
          kind: 'link-altered',
          seq: expected.seq,
          detail: `the recorded head ${expected.seq}:${expected.hash} is ${link ? `now ${link.hash}` : 'gone'}: the chain was rewritten`,
        });
      }
    }
  } finally {
    await db.destroy();
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } else {
    const where = target.kind === 'sqlite' ? target.path : 'PostgreSQL (DATABASE_URL)';
    process.stdout.write(`audit chain in ${where}: ${report.links} links checked\n`);
    if (report.head) process.stdout.write(`head: ${report.head.seq}:${report.head.hash}\n`);
    if (report.ok) process.stdout.write('OK: no entry was changed or removed\n');
    for (const p of report.problems) {
      process.stdout.write(`TAMPERED [${p.kind}]${p.seq ? ` at link ${p.seq}` : ''}: ${p.detail}\n`);
    }
  }
  return report.ok ? 0 : 1;
}

function parseHead(value: string | undefined): { seq: number; hash: string } {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value ?? '');
  if (!match) throw new Error('--expect-head takes <seq>:<sha256 hex>, as printed by an earlier run');
  return { seq: Number(match[1]), hash: match[2]! };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `audit:verify could not check the chain: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(2);
  },
);
