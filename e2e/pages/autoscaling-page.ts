import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

// Page objects for /c/<cluster>/autoscaling and an HPA's detail page.
export class AutoscalingPage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly bounds: Locator;
  readonly conditions: Locator;
  readonly metrics: Locator;
  readonly charts: Locator;
  readonly dialog: Locator;
  readonly result: Locator;

  constructor(
    readonly page: Page,
    readonly cluster = 'local',
  ) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.table = page.getByTestId('hpa-table');
    this.bounds = page.getByTestId('hpa-bounds');
    this.conditions = page.getByTestId('hpa-condition');
    this.metrics = page.getByTestId('hpa-metric');
    this.charts = page.getByTestId('hpa-charts');
    this.dialog = page.getByRole('dialog');
    this.result = page.getByTestId('hpa-edit-result');
  }

  async gotoList(): Promise<void> {
    await this.page.goto(`/c/${this.cluster}/autoscaling`);
    await expect(this.table).toBeVisible();
  }

  async openHpa(name: string): Promise<void> {
    await this.table.getByRole('link', { name, exact: true }).click();
    await expect(this.bounds).toBeVisible();
  }

  condition(type: string): Locator {
    return this.page.locator(`[data-testid="hpa-condition"][data-type="${type}"]`);
  }

  async editBounds(min: number, max: number): Promise<void> {
    await this.page.getByRole('button', { name: 'Edit min/max' }).click();
    await this.dialog.getByLabel('Minimum replicas').fill(String(min));
    await this.dialog.getByLabel('Maximum replicas').fill(String(max));
    await this.dialog.getByRole('button', { name: 'Save range' }).click();
  }
}
