import type { Locator, Page } from '@playwright/test';

// The shell's cluster header: name (or switcher), reachability badge, version.
export class ClusterHeader {
  readonly name: Locator;
  readonly reachability: Locator;
  readonly version: Locator;
  readonly switcher: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByTestId('cluster-name');
    this.reachability = page.getByTestId('cluster-reachability');
    this.version = page.getByTestId('cluster-version');
    this.switcher = page.getByTestId('cluster-switcher');
  }
}
