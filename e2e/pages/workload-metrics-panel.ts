import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

// Page object for the metrics + rollout timeline panel (components/charts/workload-metrics.tsx)
// on a workload's detail page.
export class WorkloadMetricsPanel {
  readonly panel: Locator;
  readonly timeline: Locator;
  readonly charts: Locator;
  readonly plots: Locator;
  readonly revisionMarkers: Locator;
  readonly unavailable: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('workload-metrics');
    this.timeline = this.panel.getByTestId('rollout-timeline');
    this.charts = this.timeline.getByTestId('metric-chart');
    this.plots = this.timeline.getByTestId('chart-plot');
    this.revisionMarkers = this.panel.getByTestId('revision-marker');
    this.unavailable = this.panel.getByTestId('prometheus-unavailable');
  }

  async goto(kind: string, namespace: string, name: string): Promise<void> {
    await this.page.goto(`/c/local/workloads/${kind}/${namespace}/${name}`);
    await expect(this.panel).toBeVisible();
  }

  chart(title: string): Locator {
    return this.timeline.getByRole('figure', { name: title });
  }

  async pickRange(label: string): Promise<void> {
    await this.panel.getByRole('radiogroup', { name: 'Time range' }).getByRole('radio', { name: label }).click();
  }

  /** Revision lines drawn inside the plots: their labels, "rev N" or "rev N–M" for a burst. */
  markerLabels(): Locator {
    return this.plots.getByText(/^rev \d+(–\d+)?$/);
  }
}
