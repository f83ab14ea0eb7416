import { describe, expect, it } from 'vitest';

import { csvCell, csvHeader, entryToCsv, entryToJsonLine, exportStream } from './export';
import type { AuditEntry } from './types';

const entry: AuditEntry = {
  id: '0b0e',
  time: '2026-01-01T10:00:00.000Z',
  finishedAt: '2026-01-01T10:00:00.120Z',
  requestId: 'req-9',
  user: 'alice',
  groups: ['wheelhouse:operators', 'team-a'],
  cluster: 'local',
  kind: 'Deployment',
  namespace: 'shop-frontend',
  name: 'web',
  action: 'scale',
  params: { replicas: { from: 3, to: 5 } },
  resourceVersion: '42',
  reason: 'spike, "big" one',
  result: 'ok',
  message: null,
  status: null,
  changes: { fields: [{ path: 'spec.replicas', before: '3', after: '5' }], omitted: 0 },
};

describe('csvCell', () => {
  it('leaves plain text alone and renders empty values as empty cells', () => {
    expect(csvCell('alice')).toBe('alice');
    expect(csvCell(403)).toBe('403');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it.each(['=1+1', '+1', '-2+3', '@SUM(A1)', '\tx', '=HYPERLINK("http://evil","x")'])(
    'neutralises the formula %j with a leading quote',
    (value) => {
      const cell = csvCell(value);
      const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
      expect(unquoted).toBe(`'${value}`);
    },
  );

  it('escapes a neutralised formula that also needs quoting', () => {
    expect(csvCell('=cmd|" /C calc"!A0,')).toBe(`"'=cmd|"" /C calc""!A0,"`);
  });
});

describe('rows', () => {
  it('writes a header and one CRLF-terminated row per entry', () => {
    expect(csvHeader()).toBe(
      'time,finished_at,user,groups,cluster,kind,namespace,name,action,params,resource_version,reason,result,status,message,request_id,id,' +
        'chain_seq,chain_prev_hash,chain_hash,outcome_seq,outcome_prev_hash,outcome_hash,changes\r\n',
    );
    expect(entryToCsv(entry)).toBe(
      '2026-01-01T10:00:00.000Z,2026-01-01T10:00:00.120Z,alice,wheelhouse:operators team-a,local,Deployment,shop-frontend,web,scale,' +
        '"{""replicas"":{""from"":3,""to"":5}}",42,"spike, ""big"" one",ok,,,req-9,0b0e,,,,,,,spec.replicas: 3 → 5\r\n',
    );
    const chained = {
      ...entry,
      chain: { attempt: { seq: 7, prevHash: 'p7', hash: 'h7' }, outcome: { seq: 9, prevHash: 'h8', hash: 'h9' } },
    };
    expect(entryToCsv(chained).endsWith(',req-9,0b0e,7,p7,h7,9,h8,h9,spec.replicas: 3 → 5\r\n')).toBe(true);
    // Several fields: one per line inside one quoted cell; none at all: an empty cell.
    const two = {
      ...entry,
      changes: {
        fields: [
          { path: 'spec.paused', before: null, after: 'true' },
          { path: 'spec.x', before: '=1', after: '2' },
        ],
        omitted: 3,
      },
    };
    expect(entryToCsv(two).endsWith(',"spec.paused: (none) → true\nspec.x: =1 → 2\n… and 3 more"\r\n')).toBe(true);
    expect(entryToCsv({ ...entry, changes: null }).endsWith(',0b0e,,,,,,,\r\n')).toBe(true);
  });

  it('writes JSON lines that parse back to the entry', () => {
    const line = entryToJsonLine({ ...entry, reason: 'multi\nline' });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({ ...entry, reason: 'multi\nline' });
  });

  it('streams header and rows in order', async () => {
    async function* two() {
      yield entry;
      yield { ...entry, id: 'second', user: '=evil' };
    }
    const text = await new Response(exportStream('csv', two())).text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(csvHeader().trimEnd());
    expect(lines[2]).toContain(`,'=evil,`);
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });
});
