import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

// Page object for /c/<cluster>/workloads/<kind>/<namespace>/<name>.
export class WorkloadDetailPage {
  readonly rollout: Locator;
  readonly deadlineExceeded: Locator;
  readonly newReplicaSet: Locator;
  readonly oldReplicaSets: Locator;
  readonly budget: Locator;
  readonly pods: Locator;
  readonly yaml: Locator;
  readonly related: Locator;
  readonly errors: Locator;
  readonly actionsSlot: Locator;

  constructor(readonly page: Page) {
    this.rollout = page.getByTestId('rollout-progress');
    this.deadlineExceeded = page.getByTestId('progress-deadline-exceeded');
    this.newReplicaSet = page.getByTestId('replicaset-new');
    this.oldReplicaSets = page.getByTestId('replicaset-old');
    this.budget = page.getByTestId('rollout-budget');
    this.pods = page.getByTestId('workload-pods');
    this.yaml = page.getByTestId('yaml-view');
    this.related = page.getByTestId('related-objects');
    this.errors = page.getByTestId('error-panel');
    this.actionsSlot = page.locator('[data-slot="workload-actions"]');
  }

  async goto(kind: string, namespace: string, name: string, cluster = 'local'): Promise<void> {
    await this.page.goto(`/c/${cluster}/workloads/${kind}/${namespace}/${name}`);
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }

  count(label: 'desired' | 'updated' | 'ready' | 'available'): Locator {
    return this.page.getByTestId(`count-${label}`);
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path, fullPage: true, animations: 'disabled' });
  }
}
