import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

// Page object for the actions panel on a workload's detail page (components/actions/).
export class WorkloadActionsPage {
  readonly panel: Locator;
  readonly toolbar: Locator;
  readonly history: Locator;
  readonly dialog: Locator;
  readonly diff: Locator;
  readonly dialogError: Locator;
  readonly result: Locator;
  readonly trouble: Locator;
  readonly pods: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('workload-actions');
    this.toolbar = this.panel.getByRole('toolbar', { name: 'Workload actions' });
    this.history = this.panel.getByTestId('revision-history');
    this.dialog = page.getByRole('dialog');
    this.diff = this.dialog.getByTestId('revision-diff');
    this.dialogError = this.dialog.getByTestId('action-error');
    this.result = this.panel.getByTestId('action-result');
    this.trouble = this.panel.getByTestId('rollout-trouble');
    this.pods = page.getByTestId('workload-pods').locator('tbody tr');
  }

  async goto(kind: string, namespace: string, name: string): Promise<void> {
    await this.page.goto(`/c/local/workloads/${kind}/${namespace}/${name}`);
    await expect(this.history).toBeVisible();
  }

  action(name: string | RegExp): Locator {
    return this.toolbar.getByRole('button', { name });
  }

  revision(n: number): Locator {
    return this.panel.getByTestId(`revision-${n}`);
  }

  rollBackButton(n: number): Locator {
    return this.revision(n).getByRole('button', { name: /roll back/i });
  }

  async openRollback(n: number): Promise<void> {
    await this.rollBackButton(n).click();
    await expect(this.dialog).toBeVisible();
  }

  confirm(name: string | RegExp): Locator {
    return this.dialog.getByRole('button', { name });
  }

  async reason(text: string): Promise<void> {
    await this.dialog.getByPlaceholder(/e\.g\./).fill(text);
  }
}
