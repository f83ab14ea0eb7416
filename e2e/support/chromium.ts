// Debian's Chromium and the flags it runs with here, for Playwright (playwright.config.ts) and the
// scroll benchmark (bench/measure-scroll.ts). Never a browser downloaded by a tool: that fails here.

export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
