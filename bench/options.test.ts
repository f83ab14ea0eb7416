import { describe, expect, it } from 'vitest';

import {
  barePods,
  benchNamespaces,
  deploymentsPerNamespace,
  LARGE,
  parseOptions,
  replicasPerDeployment,
} from './options';

describe('parseOptions', () => {
  it('defaults to the target scale: 10,000 pods, 50 namespaces, 1,000 Deployments', () => {
    const o = parseOptions([]);
    if (o === 'help') throw new Error('unexpected help');
    expect(o).toMatchObject({ pods: 10_000, namespaces: 50, deployments: 1_000, port: 3200, keep: false });
    expect(o.warmRate).toBeUndefined();
    expect(o.distDir).toBe('.next-bench');
    expect(replicasPerDeployment(o)).toBe(10);
    expect(deploymentsPerNamespace(o)).toBe(20);
  });

  it('takes a small development run', () => {
    const o = parseOptions([
      '--pods',
      '500',
      '--namespaces',
      '5',
      '--deployments',
      '50',
      '--keep',
      '--warm-seconds=5',
      '--warm-rate',
      '200',
    ]);
    if (o === 'help') throw new Error('unexpected help');
    expect(o).toMatchObject({ pods: 500, namespaces: 5, deployments: 50, keep: true, warmSeconds: 5, warmRate: 200 });
  });

  it('rejects counts that do not divide evenly, with the reason', () => {
    expect(() => parseOptions(['--pods', '505', '--deployments', '50', '--namespaces', '5'])).toThrow(
      /multiple of --deployments/,
    );
    expect(() => parseOptions(['--deployments', '55', '--namespaces', '10', '--pods', '550'])).toThrow(
      /multiple of --namespaces/,
    );
  });

  it('rejects non-numbers, out-of-range values, unknown flags and odd dist dirs', () => {
    expect(() => parseOptions(['--pods', 'many'])).toThrow(/invalid options/);
    expect(() => parseOptions(['--port', '80'])).toThrow(/invalid options/);
    expect(() => parseOptions(['--frobnicate'])).toThrow();
    expect(() => parseOptions(['--dist-dir', '../etc'])).toThrow(/\.next-<name>/);
  });

  it('takes the scroll measurement alone, with its duration', () => {
    const o = parseOptions(['--only', 'scroll', '--scroll-seconds', '5']);
    if (o === 'help') throw new Error('unexpected help');
    expect(o).toMatchObject({ only: 'scroll', scrollSeconds: 5 });
    const d = parseOptions([]);
    expect(d).toMatchObject({ only: 'all', scrollSeconds: 10 });
    expect(() => parseOptions(['--only', 'warm'])).toThrow(/invalid options/);
  });

  it("--large is the issue's large scale: 100k pods, 1,000 namespaces, bare pods, 1,000 one-replica Deployments", () => {
    const o = parseOptions(['--large']);
    if (o === 'help') throw new Error('unexpected help');
    expect(o).toMatchObject({ ...LARGE, seed: 'pods', pods: 100_000, namespaces: 1_000, deployments: 1_000 });
    expect(replicasPerDeployment(o)).toBe(1);
    expect(barePods(o)).toBe(99_000);
    expect(benchNamespaces(o)[0]).toBe('bench-0000');
    expect(benchNamespaces(o).at(-1)).toBe('bench-0999');
  });

  it('lets options given beside --large win, in any order', () => {
    const o = parseOptions(['--pods', '30000', '--large', '--failing-pods=0', '--seed-concurrency', '8']);
    if (o === 'help') throw new Error('unexpected help');
    expect(o).toMatchObject({ pods: 30_000, namespaces: 1_000, seed: 'pods', failingPods: 0, seedConcurrency: 8 });
    const d = parseOptions(['--large', '--seed', 'deployments', '--pods', '100000']);
    if (d === 'help') throw new Error('unexpected help');
    expect(d).toMatchObject({ seed: 'deployments', failingPods: 0, namespaces: 1_000 });
    expect(replicasPerDeployment(d)).toBe(100);
  });

  it('checks bare-pod seeding: enough pods for the Deployments and the failing ones; failing needs --seed pods', () => {
    expect(() =>
      parseOptions([
        '--seed',
        'pods',
        '--pods',
        '100',
        '--deployments',
        '100',
        '--namespaces',
        '10',
        '--failing-pods',
        '1',
      ]),
    ).toThrow(/must cover/);
    expect(() => parseOptions(['--failing-pods', '10'])).toThrow(/needs --seed pods/);
    // Bare pods need not divide by the Deployments.
    const o = parseOptions(['--seed', 'pods', '--pods', '1001', '--deployments', '10', '--namespaces', '10']);
    if (o === 'help') throw new Error('unexpected help');
    expect(barePods(o)).toBe(991);
    expect(() => parseOptions(['--pods', '200001'])).toThrow(/invalid options/);
  });

  it('returns help for --help', () => {
    expect(parseOptions(['--help'])).toBe('help');
  });
});

describe('benchNamespaces', () => {
  it('numbers them with two digits', () => {
    expect(benchNamespaces({ namespaces: 3 })).toEqual(['bench-00', 'bench-01', 'bench-02']);
    expect(benchNamespaces({ namespaces: 50 }).at(-1)).toBe('bench-49');
    expect(benchNamespaces({ namespaces: 99 }).at(-1)).toBe('bench-98');
  });

  it('numbers them with four digits from 100 namespaces on', () => {
    expect(benchNamespaces({ namespaces: 100 }).slice(0, 2)).toEqual(['bench-0000', 'bench-0001']);
    expect(benchNamespaces({ namespaces: 1000 }).at(-1)).toBe('bench-0999');
  });
});

describe('the all-views windows and the relist', () => {
  it('measures the relist unless told not to, with 8 s view windows by default', () => {
    const o = parseOptions([]);
    expect(o).toMatchObject({ relist: true, viewSeconds: 8 });
    expect(parseOptions(['--skip-relist', '--view-seconds', '3'])).toMatchObject({ relist: false, viewSeconds: 3 });
    expect(() => parseOptions(['--view-seconds', '0'])).toThrow(/invalid options/);
  });
});
