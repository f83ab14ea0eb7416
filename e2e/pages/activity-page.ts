import type { Download, Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

// Page object for /c/<cluster>/activity: the audit log with its filters and exports.
export interface ActivityFilters {
  user?: string;
  namespace?: string;
  action?: string;
  result?: string;
}

export class ActivityPage {
  readonly heading: Locator;
  readonly rows: Locator;
  readonly filters: Locator;
  readonly empty: Locator;

  constructor(
    readonly page: Page,
    readonly cluster = 'local',
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Activity' });
    this.rows = page.getByTestId('activity-row');
    this.filters = page.getByRole('form', { name: 'Filters' });
    this.empty = page.getByText('No activity matches these filters.');
  }

  /** Opens the page with filters already in the URL. */
  async goto(filters: ActivityFilters = {}): Promise<void> {
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as [string, string][]);
    await this.page.goto(`/c/${this.cluster}/activity${query.size ? `?${query}` : ''}`);
    await expect(this.heading).toBeVisible();
  }

  /** Fills the filter form as a person would and applies it. */
  async applyFilters(filters: ActivityFilters): Promise<void> {
    if (filters.user !== undefined) await this.filters.getByLabel('User', { exact: true }).fill(filters.user);
    if (filters.namespace !== undefined)
      await this.filters.getByLabel('Namespace', { exact: true }).fill(filters.namespace);
    if (filters.action !== undefined)
      await this.filters.getByLabel('Action', { exact: true }).selectOption(filters.action);
    if (filters.result !== undefined)
      await this.filters.getByLabel('Result', { exact: true }).selectOption(filters.result);
    await this.filters.getByRole('button', { name: 'Apply' }).click();
    await this.page.waitForURL(/\/activity\?/);
    await expect(this.heading).toBeVisible();
  }

  row(requestId: string): Locator {
    return this.page.locator(`[data-testid="activity-row"][data-request-id="${requestId}"]`);
  }

  /** The changed fields (before/after) of an expanded row. */
  changes(requestId: string): Locator {
    return this.page.locator(
      `[data-testid="activity-changes"][data-request-id="${requestId}"] [data-testid="changed-field"]`,
    );
  }

  async download(format: 'csv' | 'jsonl'): Promise<{ download: Download; text: string }> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(`export-${format}`).click(),
    ]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    return { download, text: await readFile(path, 'utf8') };
  }
}
