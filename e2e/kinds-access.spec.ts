import { RbacAuthorizationV1Api } from '@kubernetes/client-node';

import { clients } from '../local-cluster/test/kube';
import { expect, test } from './fixtures';

// Access control through the generic view, against the seeded local cluster (local-cluster/seed/README.md,
// "Access"): alice (operators) reads RBAC objects, names with colons included; bob (developers) may
// list none of them and is told so. ServiceAccounts live: one made with kubectl appears in the list.

const admin = clients('admin');
const rbac = admin.kc.makeApiClient(RbacAuthorizationV1Api);
const JOB_CONTROLLER = 'system:controller:job-controller';

test.describe('as alice (operator)', () => {
  test.beforeEach(async ({ signInAs }) => signInAs('alice'));

  test('opens ClusterRoles, then system:controller:job-controller (a colon name) and reads its rules', async ({
    page,
  }) => {
    await page.goto('/c/local/clusterroles?q=job-controller');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('ClusterRoles');
    const table = page.getByTestId('resource-table');
    await table.getByRole('link', { name: JOB_CONTROLLER, exact: true }).click();
    await expect(page).toHaveURL(/\/c\/local\/clusterroles\/system%3Acontroller%3Ajob-controller$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(JOB_CONTROLLER);
    const rules = page.getByTestId('detail-table-rules');
    const jobsRow = rules.getByRole('row').filter({ has: page.getByRole('cell', { name: 'jobs', exact: true }) });
    await expect(jobsRow).toContainText('batch');
    await expect(jobsRow).toContainText('update');
    // The binding of the same name grants it to the controller's ServiceAccount.
    const grantedBy = page.getByTestId('related-clusterrolebindings');
    await expect(grantedBy.getByRole('link', { name: JOB_CONTROLLER, exact: true })).toBeVisible();
    await expect(page.getByTestId('resource-detail').getByTestId('error-panel')).toHaveCount(0);
  });

  test("opens shop-frontend's wheelhouse:developers-view: group wheelhouse:developers → ClusterRole view", async ({
    page,
  }) => {
    await page.goto('/c/local/rolebindings?namespace=shop-frontend&q=developers');
    await page.getByTestId('resource-table').getByRole('link', { name: 'wheelhouse:developers-view' }).click();
    await expect(page).toHaveURL(/\/c\/local\/rolebindings\/shop-frontend\/wheelhouse%3Adevelopers-view$/);
    const subjects = page.getByTestId('binding-subjects');
    await expect(subjects.getByRole('row').filter({ hasText: 'Group' })).toContainText('wheelhouse:developers');
    const grants = page.getByTestId('binding-grants');
    await expect(grants.getByRole('heading', { name: 'What it grants: ClusterRole/view' })).toBeVisible();
    await expect(grants).toContainText(/Allows read \d+ resources in namespace shop-frontend/);
    // The role fact links to the ClusterRole, whose page names this binding among those granting it.
    await page.locator('[data-fact="Role"]').getByRole('link', { name: 'ClusterRole/view' }).click();
    await expect(page).toHaveURL(/\/c\/local\/clusterroles\/view$/);
    await expect(page.getByTestId('section-aggregation')).toContainText('aggregate-to-view=true');
    const rbs = page.getByTestId('related-rolebindings');
    await expect(rbs.getByRole('link', { name: 'shop-frontend/wheelhouse:developers-view' })).toBeVisible();
    await page.screenshot({ path: 'docs/screenshots/rbac-clusterrole.png', fullPage: true });
  });

  test("a ServiceAccount shows its Secrets' names and the binding that names it; a new one appears live", async ({
    page,
  }) => {
    await page.goto('/c/local/serviceaccounts/shop-frontend/deployer');
    await expect(page.getByTestId('detail-table-secrets')).toContainText('registry-pull');
    const bound = page.getByTestId('related-rolebindings');
    await bound.getByRole('link', { name: 'shop-frontend/deployer:deploy' }).click();
    await expect(page.getByTestId('binding-grants')).toContainText('deployments/scale');
    await expect(page.getByTestId('binding-subjects').getByRole('link', { name: 'deployer' })).toHaveAttribute(
      'href',
      '/c/local/serviceaccounts/shop-frontend/deployer',
    );

    const name = `e2e-sa-${Date.now().toString(36)}`;
    await page.goto(`/c/local/serviceaccounts?namespace=shop-frontend&q=${name}`);
    await expect(page.getByTestId('resource-table-empty')).toBeVisible();
    await admin.core.createNamespacedServiceAccount({ namespace: 'shop-frontend', body: { metadata: { name } } });
    try {
      await expect(page.getByTestId('resource-table').getByRole('link', { name })).toBeVisible();
    } finally {
      await admin.core.deleteNamespacedServiceAccount({ namespace: 'shop-frontend', name });
    }
    await expect(page.getByTestId('resource-table').getByRole('link', { name })).toHaveCount(0);
  });
});

test.describe('who is bound to what, on the Namespace page', () => {
  test('alice reads shop-frontend: its RoleBindings, then the ClusterRoleBindings that apply everywhere', async ({
    page,
    signInAs,
  }) => {
    await signInAs('alice');
    await page.goto('/c/local/namespaces/shop-frontend');
    const access = page.getByTestId('namespace-access');
    const local = access.getByTestId('namespace-access-local');
    const developers = local.locator('tr[data-subject="Group wheelhouse:developers"]');
    await expect(developers).toContainText('ClusterRole view');
    await expect(developers).toContainText(/read \d+ resources/);
    await expect(developers.getByRole('link', { name: 'wheelhouse:developers-view' })).toHaveAttribute(
      'href',
      '/c/local/rolebindings/shop-frontend/wheelhouse%3Adevelopers-view',
    );
    const deployer = local.locator('tr[data-subject="ServiceAccount shop-frontend/deployer"]');
    await expect(deployer).toContainText('Role deployer');
    await expect(deployer).toContainText('patch, update');
    const everywhere = access.getByTestId('namespace-access-cluster');
    await expect(everywhere.locator('tr[data-subject="Group wheelhouse:operators"]').first()).toBeVisible();
    // Kubernetes' own bindings fold away until asked for.
    await expect(everywhere.locator('tr[data-subject^="ServiceAccount kube-system/"]')).toHaveCount(0);
    await access.getByRole('button', { name: /Show \d+ built-in system: bindings/ }).click();
    await expect(everywhere.locator('tr[data-subject="ServiceAccount kube-system/job-controller"]')).toContainText(
      'ClusterRole system:controller:job-controller',
    );
    await access.getByRole('button', { name: /Hide/ }).click();
    // From the top of the page, so the sticky header does not cover the section's title.
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await access.boundingBox();
    if (box) await page.screenshot({ path: 'docs/screenshots/rbac.png', fullPage: true, clip: box });
  });
});

test.describe('as alice, live', () => {
  test.beforeEach(async ({ signInAs }) => signInAs('alice'));

  test('an edit of a colon-named ClusterRole shows on its binding and on its own page as it lands', async ({
    page,
  }) => {
    const name = `wheelhouse-e2e:probe-${Date.now().toString(36)}`;
    const rule = (resources: string[]) => ({ apiGroups: [''], resources, verbs: ['get', 'list'] });
    await rbac.createClusterRole({ body: { metadata: { name }, rules: [rule(['pods'])] } });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'wheelhouse-e2e:nobody' }],
      },
    });
    try {
      await page.goto(`/c/local/clusterrolebindings/${encodeURIComponent(name)}`);
      const grants = page.getByTestId('binding-grants');
      await expect(grants).toContainText('Allows read 1 resource (pods) in every namespace and cluster-wide');
      await rbac.replaceClusterRole({ name, body: { metadata: { name }, rules: [rule(['pods', 'configmaps'])] } });
      await expect(grants).toContainText('read 2 resources (pods, configmaps)');

      await page
        .locator('[data-fact="Role"]')
        .getByRole('link', { name: `ClusterRole/${name}` })
        .click();
      const rules = page.getByTestId('detail-table-rules');
      await expect(rules).toContainText('pods, configmaps');
      await rbac.replaceClusterRole({ name, body: { metadata: { name }, rules: [rule(['services'])] } });
      await expect(rules).toContainText('services');
      await expect(rules).not.toContainText('configmaps');
      await expect(page.getByTestId('related-clusterrolebindings').getByRole('link', { name })).toBeVisible();
    } finally {
      await rbac.deleteClusterRoleBinding({ name });
      await rbac.deleteClusterRole({ name });
    }
  });
});

test.describe('as bob (developer)', () => {
  test.beforeEach(async ({ signInAs }) => signInAs('bob'));

  test('may not list ClusterRoles, and is told so; a colon-named role is refused, not missing', async ({ page }) => {
    await page.goto('/c/local/clusterroles');
    const empty = page.getByTestId('resource-table-empty');
    await expect(empty).toHaveAttribute('data-denied', 'true');
    await expect(empty).toContainText('You may not list ClusterRoles');
    await page.goto(`/c/local/clusterroles/${encodeURIComponent(JOB_CONTROLLER)}`);
    await expect(page.getByTestId('error-panel')).toContainText(
      /may not read ClusterRole system:controller:job-controller/,
    );
    // RoleBindings, even in his own namespaces: view grants none.
    await page.goto('/c/local/rolebindings?namespace=shop-frontend');
    await expect(page.getByTestId('resource-table-empty')).toContainText('No RoleBindings you may read');
  });

  test("sees his namespaces' ServiceAccounts only", async ({ page }) => {
    await page.goto('/c/local/serviceaccounts');
    const table = page.getByTestId('resource-table');
    await expect(table.getByRole('link', { name: 'deployer' })).toBeVisible();
    // The first cell of each row is its namespace (the table is virtualized: these are all its rows here).
    const namespaces = await table
      .getByRole('row')
      .evaluateAll((rows) => rows.slice(1).map((r) => (r.querySelector('[role="cell"]')?.textContent ?? '').trim()));
    expect(new Set(namespaces.filter(Boolean))).toEqual(new Set(['shop-backend', 'shop-frontend']));
  });
});
