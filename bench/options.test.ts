import { describe, expect, it } from 'vitest';

import { benchNamespaces, deploymentsPerNamespace, parseOptions, replicasPerDeployment } from './options';

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

  it('returns help for --help', () => {
    expect(parseOptions(['--help'])).toBe('help');
  });
});

describe('benchNamespaces', () => {
  it('numbers them with two digits', () => {
    expect(benchNamespaces({ namespaces: 3 })).toEqual(['bench-00', 'bench-01', 'bench-02']);
    expect(benchNamespaces({ namespaces: 50 }).at(-1)).toBe('bench-49');
  });
});
