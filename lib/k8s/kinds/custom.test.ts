import { describe, expect, it } from 'vitest';

import { customKind, isCustomKindId, printerCell, type CustomKindSpec } from '@/lib/k8s/kinds/custom';
import { compareKubeVersions, customKindSpecFromCrd, customKindSpecSchema } from '@/lib/k8s/kinds/custom-spec';
import type { KubeObject } from '@/lib/k8s/object';
import { CERT_MANAGER_CRDS, crdObject } from '@/local-cluster/seed/cert-crds';

import backupJson from './testdata/backup-payments-db-hourly.json';
import backupsCrd from './testdata/crd-backups.demo.wheelhouse.dev.json';
import certificatesCrd from './testdata/crd-certificates.cert-manager.io.json';
import vpaCrd from './testdata/crd-verticalpodautoscalers.autoscaling.k8s.io.json';

const backup = backupJson as KubeObject;

function spec(crd: unknown): CustomKindSpec {
  const s = customKindSpecFromCrd(crd);
  if (!s) throw new Error('no spec');
  return s;
}

describe('customKindSpecFromCrd (CRDs as the API server returns them)', () => {
  it('builds the Backup kind: id, titles, scope, version and printer columns', () => {
    const s = spec(backupsCrd);
    expect(s).toMatchObject({
      id: 'backups.demo.wheelhouse.dev',
      group: 'demo.wheelhouse.dev',
      version: 'v1alpha1',
      kind: 'Backup',
      plural: 'backups',
      title: 'Backups',
      namespaced: true,
      shortNames: ['bk'],
    });
    expect(s.columns.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Schedule', 'string', 0],
      ['Last Backup', 'date', 0],
      ['Status', 'string', 0],
      ['Message', 'string', 1],
      ['Age', 'date', 0],
    ]);
    // The spec is what /_kinds sends: it survives JSON and its own schema.
    expect(customKindSpecSchema.parse(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it("reads cert-manager's Certificate CRD from the cluster", () => {
    const s = spec(certificatesCrd);
    expect(s).toMatchObject({ id: 'certificates.cert-manager.io', version: 'v1', title: 'Certificates' });
    expect(s.columns.map((c) => c.name)).toEqual(['Ready', 'Secret', 'Issuer', 'Status', 'Age']);
  });

  it('reads every cert-manager CRD the seed writes, cluster scope included', () => {
    const specs = CERT_MANAGER_CRDS.map((c) => spec(crdObject(c)));
    expect(specs.map((s) => [s.id, s.namespaced])).toEqual([
      ['certificates.cert-manager.io', true],
      ['certificaterequests.cert-manager.io', true],
      ['issuers.cert-manager.io', true],
      ['clusterissuers.cert-manager.io', false],
      ['orders.acme.cert-manager.io', true],
      ['challenges.acme.cert-manager.io', true],
    ]);
    expect(specs[3]?.title).toBe('ClusterIssuers');
  });

  it('picks the preferred served version (GA over beta), not an unserved one', () => {
    const s = spec(vpaCrd);
    expect(s.version).toBe('v1');
    expect(s.title).toBe('VerticalPodAutoscalers');
    expect(['v1alpha1', 'v1beta1', 'v2', 'v1', 'foo'].sort(compareKubeVersions)).toEqual([
      'v2',
      'v1',
      'v1beta1',
      'v1alpha1',
      'foo',
    ]);
  });

  it('skips a CRD that is not Established yet, and what is not a CRD', () => {
    const pending = {
      ...backupsCrd,
      status: { conditions: [{ type: 'Established', status: 'False' }] },
    };
    expect(customKindSpecFromCrd(pending)).toBeUndefined();
    expect(customKindSpecFromCrd({ metadata: { name: 'x' } })).toBeUndefined();
  });

  it('drops printer columns of unknown types and keeps the rest', () => {
    const odd = structuredClone(backupsCrd) as { spec: { versions: { additionalPrinterColumns: unknown[] }[] } };
    odd.spec.versions[0]?.additionalPrinterColumns.push({ name: 'Weird', type: 'object', jsonPath: '.spec' });
    expect(spec(odd).columns.map((c) => c.name)).not.toContain('Weird');
  });
});

describe('customKind (the descriptor built from a spec)', () => {
  const kind = customKind(spec(backupsCrd));
  const summary = kind.toSummary(backup);

  it('evaluates the printer columns into the summary', () => {
    expect(summary).toMatchObject({ namespace: 'shop-backend', name: 'payments-db-hourly' });
    expect(summary.cells).toEqual([
      '0 * * * *',
      null, // never completed: kubectl prints <none>
      'False',
      'snapshot of volume data-payments-db-0 failed: VolumeSnapshotClass "csi-snapclass" not found',
      '2026-11-24T13:01:14Z',
    ]);
  });

  it('lists priority-0 columns only (priority > 0 is -o wide), the creation date as AGE', () => {
    expect(kind.columns?.map((c) => [c.title, c.cell])).toEqual([
      ['Schedule', 'text'],
      ['Last Backup', 'age'],
      ['Status', 'badge'],
      ['Age', 'age'],
    ]);
    const status = kind.columns?.find((c) => c.title === 'Status');
    expect(status?.value(summary)).toBe('False');
    expect(status?.tone?.(summary)).toBe('red');
    expect(kind.columns?.find((c) => c.id === 'age')?.sort).toBe('age');
  });

  it('shows every printer column, wide ones included, as detail facts', () => {
    const facts = kind.detail?.facts?.(backup, summary, { cluster: 'local' }) ?? [];
    expect(facts.map((f) => [f.label, f.value])).toEqual([
      ['API version', 'demo.wheelhouse.dev/v1alpha1'],
      ['Schedule', '0 * * * *'],
      ['Last Backup', '—'],
      ['Status', 'False'],
      ['Message', 'snapshot of volume data-payments-db-0 failed: VolumeSnapshotClass "csi-snapclass" not found'],
      ['Created', '2026-11-24T13:01:14Z'],
    ]);
    expect(kind.detail?.conditions).toBe(true);
  });

  it('searches names and text cells, sorts by any column', () => {
    expect(kind.searchText(summary)).toContain('shop-backend/payments-db-hourly');
    expect(kind.searchText(summary)).toContain('csi-snapclass');
    const ok = {
      ...summary,
      name: 'orders-db-nightly',
      cells: ['0 2 * * *', '2026-11-24T13:01:14Z', 'True', 'ok', ''],
    };
    expect(kind.sorts.colc?.(summary, ok)).toBeLessThan(0); // False < True
    expect(kind.sorts.cola?.(ok, summary)).toBeGreaterThan(0); // "0 2" > "0 *"
  });

  it('is the same descriptor on both sides: built again from the JSON spec, same summary', () => {
    const again = customKind(customKindSpecSchema.parse(JSON.parse(JSON.stringify(spec(backupsCrd)))));
    expect(again.toSummary(backup)).toEqual(summary);
    expect(again.id).toBe('backups.demo.wheelhouse.dev');
  });

  it('gives a CRD without printer columns the AGE kubectl shows', () => {
    const bare = customKind({ ...spec(backupsCrd), columns: [] });
    expect(bare.columns?.map((c) => c.title)).toEqual(['Age']);
  });
});

describe('printerCell types (tableconvertor: a mismatched type is empty)', () => {
  const obj = { metadata: { name: 'x', uid: 'u', resourceVersion: '1' }, spec: { n: 3, f: 1.5, b: true, s: 'x' } };
  it('keeps values of the column type and drops others', () => {
    expect(printerCell({ name: 'N', type: 'integer', jsonPath: '.spec.n', priority: 0 }, obj)).toBe(3);
    expect(printerCell({ name: 'F', type: 'integer', jsonPath: '.spec.f', priority: 0 }, obj)).toBeNull();
    expect(printerCell({ name: 'F', type: 'number', jsonPath: '.spec.f', priority: 0 }, obj)).toBe(1.5);
    expect(printerCell({ name: 'B', type: 'boolean', jsonPath: '.spec.b', priority: 0 }, obj)).toBe(true);
    expect(printerCell({ name: 'D', type: 'date', jsonPath: '.spec.s', priority: 0 }, obj)).toBeNull();
    expect(printerCell({ name: 'S', type: 'string', jsonPath: '.spec', priority: 0 }, obj)).toBe(
      '{"n":3,"f":1.5,"b":true,"s":"x"}',
    );
  });
});

describe('isCustomKindId', () => {
  it('takes <plural>.<group> and nothing else', () => {
    expect(isCustomKindId('backups.demo.wheelhouse.dev')).toBe(true);
    expect(isCustomKindId('pods')).toBe(false);
    expect(isCustomKindId('Backups.demo')).toBe(false);
    expect(isCustomKindId('a..b')).toBe(false);
  });
});
