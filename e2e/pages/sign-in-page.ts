import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

// Page object for /sign-in: the identity provider button and the local-account form.
export class SignInPage {
  readonly heading: Locator;
  readonly userName: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Sign in to Wheelhouse' });
    this.userName = page.getByLabel('User name');
    this.password = page.getByLabel('Password');
    this.submit = page.getByRole('button', { name: 'Sign in', exact: true });
    this.error = page.getByTestId('sign-in-error');
  }

  async goto(): Promise<void> {
    await this.page.goto('/sign-in');
    await expect(this.heading).toBeVisible();
  }

  providerButton(name: string): Locator {
    return this.page.getByRole('button', { name: `Sign in with ${name}` });
  }

  async signInWithPassword(user: string, password: string): Promise<void> {
    await this.userName.fill(user);
    await this.password.fill(password);
    await this.submit.click();
  }
}

/** The signed-in panel of the app shell (components/shell/user-menu.tsx). */
export class UserMenu {
  readonly root: Locator;
  readonly user: Locator;
  readonly groups: Locator;
  readonly signOut: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('user-menu');
    this.user = page.getByTestId('signed-in-user');
    this.groups = page.getByTestId('signed-in-groups');
    this.signOut = this.root.getByRole('button', { name: 'Sign out' });
  }
}
