import { describe, expect, it } from 'vitest';

import { parseVmRss, processTree, serverRss } from './server';

describe('parseVmRss', () => {
  it('reads VmRSS in bytes', () => {
    expect(parseVmRss('Name:\tnode\nVmPeak:\t 999 kB\nVmRSS:\t  123456 kB\nRssAnon: 1 kB\n')).toBe(123456 * 1024);
    expect(parseVmRss('Name:\tkthreadd\n')).toBe(0);
  });
});

describe('processTree and serverRss', () => {
  it('find this process and measure a plausible resident size for it', () => {
    expect(processTree(process.pid)[0]).toBe(process.pid);
    const rss = serverRss(process.pid);
    // Within 50% of what Node itself reports (children, if any, only add).
    expect(rss).toBeGreaterThan(process.memoryUsage().rss * 0.5);
  });
});
