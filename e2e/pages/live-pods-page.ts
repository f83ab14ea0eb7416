import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';

// Page object for /c/<cluster>/pods?namespace=<ns> opened in its own browser context on a given origin
// (the two-replica test's balancer), with a record of the event ids its live stream receives. The
// record only listens: the page's EventSource is the browser's own, unchanged.

export interface StreamEvent {
  type: string;
  id: string;
  /** For `error`: the EventSource's readyState after it (0 reconnecting, 2 closed for good). */
  state?: number;
}

export class LivePodsPage {
  readonly table: Locator;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    this.table = page.getByTestId('resource-table');
  }

  /** Opens the page on `origin` signed in with `cookie` (a `Cookie` header value). */
  static async open(
    browser: Browser,
    origin: string,
    cookie: string,
    namespace: string,
    cluster = 'local',
  ): Promise<LivePodsPage> {
    const context = await browser.newContext();
    await context.addCookies(
      cookie.split('; ').map((pair) => {
        const eq = pair.indexOf('=');
        return { name: pair.slice(0, eq), value: pair.slice(eq + 1), url: origin, httpOnly: true };
      }),
    );
    const page = await context.newPage();
    await page.addInitScript(() => {
      const Original = window.EventSource;
      const seen: { type: string; id: string; state?: number }[] = [];
      Object.assign(window, { __streamEvents: seen });
      class Recording extends Original {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          for (const type of ['ready', 'change', 'resync', 'state']) {
            this.addEventListener(type, (e) => seen.push({ type, id: (e as MessageEvent).lastEventId }));
          }
          this.addEventListener('error', () => seen.push({ type: 'error', id: '', state: this.readyState }));
        }
      }
      window.EventSource = Recording;
    });
    await page.goto(`${origin}/c/${cluster}/pods?namespace=${encodeURIComponent(namespace)}`);
    return new LivePodsPage(context, page);
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** Every stream event so far, across reconnects and new EventSources. */
  streamEvents(): Promise<StreamEvent[]> {
    return this.page.evaluate(() => (window as unknown as { __streamEvents: StreamEvent[] }).__streamEvents);
  }

  /** The boot id (server process) of the newest event that carried an id. */
  async lastBootId(): Promise<string | undefined> {
    return (await this.streamEvents())
      .filter((e) => e.id)
      .at(-1)
      ?.id.split('-')[0];
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
