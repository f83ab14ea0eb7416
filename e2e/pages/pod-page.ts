import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

// Page object for /c/<cluster>/pods/<namespace>/<name> and its log viewer.
export class PodPage {
  readonly logs: Locator;
  readonly logLines: Locator;
  readonly logError: Locator;
  readonly container: Locator;
  readonly previous: Locator;
  readonly follow: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.logs = page.getByTestId('log-viewer');
    this.logLines = page.getByTestId('log-lines');
    this.logError = page.getByTestId('log-error');
    this.container = this.logs.getByLabel('Container');
    this.previous = this.logs.getByLabel('Previous instance');
    this.follow = this.logs.getByLabel('Follow');
    this.search = this.logs.getByLabel('Search logs');
  }

  async goto(namespace: string, name: string, cluster = 'local'): Promise<void> {
    await this.page.goto(`/c/${cluster}/pods/${namespace}/${name}`);
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true, animations: 'disabled' });
  }
}
