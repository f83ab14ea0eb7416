import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

// Page object for /c/<cluster>/certificates. Rows are found by their namespace/name key.
export class CertificatesPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly rows: Locator;

  constructor(
    readonly page: Page,
    readonly cluster = 'local',
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Certificates' });
    this.table = page.getByTestId('certificates-table');
    this.rows = this.table.getByTestId('certificate-row');
  }

  async goto(): Promise<void> {
    await this.page.goto(`/c/${this.cluster}/certificates`);
    await expect(this.heading).toBeVisible();
  }

  row(key: string): Locator {
    return this.table.locator(`[data-testid="certificate-row"][data-key="${key}"]`);
  }

  details(key: string): Locator {
    return this.table.locator(`[data-testid="certificate-details"][data-key="${key}"]`);
  }

  async keys(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key') ?? ''));
  }
}
