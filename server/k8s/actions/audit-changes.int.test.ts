// Issue 15 item 5 on SQLite (the default store): see audit-changes-suite.ts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { auditChangesSuite } from '@/server/k8s/actions/audit-changes-suite';

process.env.WHEELHOUSE_DATA_DIR = mkdtempSync(join(tmpdir(), 'wh-changes-it-'));
delete process.env.DATABASE_URL;

auditChangesSuite('SQLite');
