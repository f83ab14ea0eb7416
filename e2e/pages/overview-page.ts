import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

// Page object for /c/<cluster>/overview. Locators prefer roles and visible text; test ids only
// where there is no better handle (the cards).
export class OverviewPage {
  readonly heading: Locator;
  readonly namespacesCard: Locator;
  readonly deploymentsTable: Locator;
  readonly errorPanels: Locator;

  constructor(
    readonly page: Page,
    readonly cluster = 'local',
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Overview' });
    this.namespacesCard = page.getByTestId('namespaces-card');
    this.deploymentsTable = page.getByTestId('deployments-table');
    this.errorPanels = page.getByTestId('error-panel');
  }

  async goto(): Promise<void> {
    await this.page.goto(`/c/${this.cluster}/overview`);
    await expect(this.heading).toBeVisible();
  }

  namespace(name: string): Locator {
    return this.namespacesCard.getByTestId('namespace-name').getByText(name, { exact: true });
  }

  /** The table row whose Namespace and Name cells match exactly. */
  deploymentRow(namespace: string, name: string): Locator {
    return this.deploymentsTable
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell', { name: namespace, exact: true }) })
      .filter({ has: this.page.getByRole('cell', { name, exact: true }) });
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true, animations: 'disabled' });
  }
}
