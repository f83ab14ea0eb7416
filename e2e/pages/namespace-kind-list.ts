import type { Locator, Page } from '@playwright/test';

// A kind's list page (/c/<cluster>/<kind>?namespace=<ns>) through the generic resource table: rows
// found by the object's name prefix (a ReplicaSet's pods carry generated suffixes).
export class NamespaceKindList {
  readonly table: Locator;

  constructor(
    readonly page: Page,
    readonly kind: string,
    readonly namespace: string,
    readonly cluster = 'local',
  ) {
    this.table = page.getByTestId('resource-table');
  }

  async goto(): Promise<void> {
    await this.page.goto(`/c/${this.cluster}/${this.kind}?namespace=${encodeURIComponent(this.namespace)}`);
  }

  /** The data row whose name link starts with `prefix`. */
  row(prefix: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('link', { name: new RegExp(`^${prefix}`) }) })
      .first();
  }
}
