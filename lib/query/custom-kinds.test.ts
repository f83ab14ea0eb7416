import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';

import type { CustomSummary } from '@/lib/k8s/kinds/custom';
import { customKindSpecFromCrd } from '@/lib/k8s/kinds/custom-spec';
import backupsCrd from '@/lib/k8s/kinds/testdata/crd-backups.demo.wheelhouse.dev.json';
import { podsKind } from '@/lib/k8s/kinds/pods';
import type { ResourceListResponse } from '@/lib/k8s/list-response';
import { applyChange, type LiveChange } from '@/lib/query/apply-change';
import { knownKind } from '@/lib/query/custom-kinds';
import { k8sKeys } from '@/lib/query/keys';

// Live changes of a custom kind are filtered and sorted with its descriptor, built from the spec the
// client fetched (GET …/_kinds), as the server filters and sorts the list they patch.

const ID = 'backups.demo.wheelhouse.dev';
const spec = customKindSpecFromCrd(backupsCrd);

function backup(name: string, status: string, message: string): CustomSummary {
  return {
    uid: `uid-${name}`,
    namespace: 'shop-backend',
    name,
    resourceVersion: '1',
    labels: {},
    cells: ['0 * * * *', null, status, message, '2026-11-24T13:01:14Z'],
  };
}

const page = (items: CustomSummary[]): ResourceListResponse => ({
  items,
  total: items.length,
  offset: 0,
  limit: 50,
  cache: { state: 'ready' },
});
const change = (type: LiveChange['type'], summary: CustomSummary): LiveChange => ({
  cluster: 'local',
  kind: ID,
  type,
  summary,
});

describe('knownKind', () => {
  it('answers built-in ids from the registry and custom ids from the cached specs', () => {
    const client = new QueryClient();
    expect(knownKind(client, 'local', 'pods')).toBe(podsKind);
    expect(knownKind(client, 'local', ID)).toBeUndefined();
    client.setQueryData(k8sKeys.customKinds('local'), [spec]);
    expect(knownKind(client, 'local', ID)?.title).toBe('Backups');
    expect(knownKind(client, 'other', ID)).toBeUndefined();
  });
});

describe('applyChange with a custom kind', () => {
  const kind = knownKind(
    (() => {
      const c = new QueryClient();
      c.setQueryData(k8sKeys.customKinds('local'), [spec]);
      return c;
    })(),
    'local',
    ID,
  );

  it('keeps a changed row that matches the text filter in a printer column', () => {
    const failing = backup('payments-db-hourly', 'False', 'VolumeSnapshotClass "csi-snapclass" not found');
    const moved = { ...failing, resourceVersion: '2' };
    const params = { q: 'csi-snapclass' };
    expect(applyChange(page([failing]), params, change('MODIFIED', moved), kind)?.items).toEqual([moved]);
    // Without the descriptor only the name is searched, and the row would wrongly leave the list.
    expect(applyChange(page([failing]), params, change('MODIFIED', moved), undefined)?.items).toEqual([]);
  });

  it('inserts a new row where the sort by a printer column puts it', () => {
    const a = backup('a', 'True', 'ok');
    const c = backup('c', 'True', 'ok');
    const next = applyChange(page([a, c]), { sort: 'colc' }, change('ADDED', backup('z', 'False', 'x')), kind);
    expect(next?.items.map((s) => s.name)).toEqual(['z', 'a', 'c']);
  });
});
