import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

// Page object for /c/<cluster>/workloads: kind tabs, filters and the virtualized resource table.
export class WorkloadsPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly textFilter: Locator;
  readonly namespacePicker: Locator;

  constructor(
    readonly page: Page,
    readonly cluster = 'local',
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Workloads' });
    this.table = page.getByTestId('resource-table');
    this.textFilter = page.getByLabel('Filter by text');
    this.namespacePicker = page.getByTestId('namespace-picker');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/c/${this.cluster}/workloads${query}`);
    await expect(this.heading).toBeVisible();
  }

  tab(title: string): Locator {
    return this.page
      .getByRole('navigation', { name: 'Workload kinds' })
      .getByRole('link', { name: title, exact: true });
  }

  /** Header titles without the sort arrow. */
  async columnTitles(): Promise<string[]> {
    return (await this.table.getByRole('columnheader').allInnerTexts()).map((t) => t.replace(/\s*[↑↓]$/, ''));
  }

  /** Data rows (the header row excluded). */
  rows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') });
  }

  row(namespace: string, name: string): Locator {
    return this.rows()
      .filter({ has: this.page.getByRole('cell', { name: namespace, exact: true }) })
      .filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** Opens the namespace picker, flips each namespace's checkbox in turn, closes it. */
  async toggleNamespaces(...namespaces: string[]): Promise<void> {
    await this.namespacePicker.locator('summary').click();
    for (const ns of namespaces) {
      const box = this.namespacePicker.getByLabel(ns, { exact: true });
      const was = await box.isChecked();
      await box.click();
      await expect(box).toBeChecked({ checked: !was });
    }
    await this.namespacePicker.locator('summary').click();
  }

  async filterText(text: string): Promise<void> {
    await this.textFilter.fill(text);
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true, animations: 'disabled' });
  }
}
