import type { Locator, Page } from '@playwright/test';

// The "Needs attention" card of /c/<cluster>/overview (components/overview/attention-board.tsx).
export class OverviewAttention {
  readonly card: Locator;
  readonly items: Locator;

  constructor(readonly page: Page) {
    this.card = page.getByTestId('attention-card');
    this.items = this.card.getByTestId('attention-item');
  }

  /** The entry for namespace/name with the given badge title (e.g. "Rollout stuck"). */
  item(namespace: string, name: string, title: string): Locator {
    return this.items
      .filter({ hasText: title })
      .filter({ has: this.page.getByRole('link', { name: `${namespace}/${name}`, exact: true }) });
  }

  /** The entry's link to the workload's rollout history and actions. */
  actionsLink(namespace: string, name: string): Locator {
    return this.item(namespace, name, 'Rollout stuck').getByRole('link', { name: /rollout history and actions/i });
  }

  /** Any write action offered on the Overview itself (there should be none for a viewer). */
  writeActions(): Locator {
    return this.page.getByRole('button', { name: /abort|scale|roll ?back|restart|pause|resume/i });
  }
}
