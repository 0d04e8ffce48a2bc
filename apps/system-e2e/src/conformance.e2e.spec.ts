import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { AdminClient } from './support/admin-client';
import { listenOnLoopback } from './support/listening-system';
import { withEmailUserNames, type PostmanCollection } from './support/microsoft-collection';
import { provisionTenant } from './support/scim-tenant';
import { startSystem, type RunningSystem } from './support/system';

const run = promisify(execFile);
const repoRoot = resolve(__dirname, '../../..');
const conformanceDir = resolve(repoRoot, '../shared/conformance');
const outputDir = join(repoRoot, 'test-output');
const microsoftCollection = join(conformanceDir, 'microsoft-scim-postman-collection.json');
const available = existsSync(join(conformanceDir, 'okta-runner.mjs'));
if (!available) process.stdout.write(`conformance suites skipped: ${conformanceDir} not found\n`);

/**
 * Okta's and Microsoft's own SCIM test suites against the real gateway over HTTP. Checks that do not apply to
 * this product are listed with the reason; every other check must pass, and a new failure fails the build.
 */
const OKTA_NOT_APPLICABLE: Record<string, string> = {
  "Required Test: Make sure random user doesn't exist":
    'the runner sets randomEmail = randomUsername, the user the suite created two steps earlier; in Okta\'s own setup they differ',
  'Required Test: Username Case Sensitivity Check':
    'expects 400 for userName eq "<UPPER CASE>"; RFC 7643 §4.1.1 makes userName caseExact:false, so the search must (and does) find the user',
  'Optional Test: Verify Groups endpoint': 'Groups are not part of this product (dashboard users only)',
};

const NON_EMAIL = 'creates or renames users with userNames that are not email addresses ("UserName123", "OMalley", "emp1"); this product\'s userName is the user\'s email (issue 5): 400 invalidValue';
const NO_USER = 'reads, changes or counts the users that the non-email creates above could not make (the same steps pass with email userNames in scim-microsoft-scenarios.e2e.spec.ts)';

/**
 * Every request of the collection whose failures do not apply here, with the reason. Any other failure fails,
 * and so does an entry here whose request no longer fails (classifyMicrosoftRun).
 */
const MICROSOFT_NOT_APPLICABLE: Record<string, string> = {
  'Get empty Groups': 'Groups are not part of this product (dashboard users only)',
  'Get ServiceProviderConfig': "asks for /serviceConfiguration, a quirk of Microsoft's reference server; /ServiceProviderConfig is served",
  'Post User': NON_EMAIL,
  'Post EnterpriseUser': NON_EMAIL,
  'User 2 replace test': `${NON_EMAIL}; it also changes the userName, which is immutable here (400 mutability)`,
  'Post user "OMalley"': NON_EMAIL,
  'Post emp1 with string "True"': NON_EMAIL,
  'Post emp2': NON_EMAIL,
  'Post emp3': NON_EMAIL,
  'Post emp3 exists': NON_EMAIL,
  'Post emp3 exists try again': NON_EMAIL,
  'Put a user misspelled attribute': NON_EMAIL,
  'Post enterprise user': NON_EMAIL,
  'Put a user OMalley': NON_EMAIL,
  'Get user1': NO_USER,
  'Get user2': NO_USER,
  'Get User Attributes': NO_USER,
  'Get User Filters': NO_USER,
  'Get User1 Check Patch': `${NO_USER}; it also expects the userName to have changed (immutable here)`,
  'Get user2 Check replace': NO_USER,
  'Delete user1': NO_USER,
  'Delete user2': NO_USER,
  'Get all users': NO_USER,
  'Put a user no username': `${NO_USER}; and the modelled product's PUT may omit userName (it cannot change), so 400 would not apply anyway`,
  'Patch user omalley new username': `${NO_USER}; and it changes the userName, immutable here (400 mutability)`,
  'patch user omalley active with boolean': NO_USER,
  'get user1': NO_USER,
  Paginate: NO_USER,
  'get user attributes': NO_USER,
  'filter eq and (val or val)': NO_USER,
  'filter starts with': NO_USER,
  'filter greater than': NO_USER,
};

const RENAME = 'renames a user; userName is immutable here (400 mutability, issue 5)';

/**
 * The same collection with its userNames as email addresses (withEmailUserNames): every failing assertion
 * that does not apply here, by request and assertion name (the other assertions of these requests must pass).
 */
const MICROSOFT_EMAIL_NOT_APPLICABLE: Record<string, string> = {
  'Get empty Groups / Status code is 200': 'Groups are not part of this product (dashboard users only)',
  'Get ServiceProviderConfig / Status code is 200': "asks for /serviceConfiguration, a quirk of Microsoft's reference server; /ServiceProviderConfig is served",
  'Get ServiceProviderConfig / Pach supported is true': 'reads the body of the /serviceConfiguration answer above',
  'Get User1 Check Patch / Username is changed': `expects the rename of "patch user1" to have happened; ${RENAME}`,
  'User 2 replace test / Status code is 200': `its PUT ${RENAME}`,
  'Get user2 Check replace / Name is updated': 'expects the PUT above, refused, to have happened',
  'Put a user no username / Status code is 400': "the modelled product's PUT omits userName (it cannot change), so a PUT without one keeps it: 200",
  'Patch user omalley new username / Status code is 204': RENAME,
  'patch user omalley active with boolean / Status code is 204': 'a PATCH answers 200 with the user (RFC 7644 §3.5.2 allows 200 or 204; most clients expect 200, and Entra accepts it)',
  'get user1 / Username changed': `expects the refused rename above; ${RENAME}`,
  'Put a user OMalley / Body contians Germany': 'sends addresses, which are not an attribute of this product\'s user (not in /Schemas), so they are not kept',
};

describe('SCIM conformance suites', () => {
  let system: RunningSystem;
  let baseUrl: string;
  let admin: AdminClient;

  beforeAll(async () => {
    if (!available) return;
    system = await startSystem();
    baseUrl = await listenOnLoopback(system);
    admin = new AdminClient(system.gateway, system.adminToken);
    mkdirSync(outputDir, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    if (system) await system.stop();
  });

  (available ? it : it.skip)("passes every applicable check of Okta's SCIM 2.0 spec test", async () => {
    const tenant = await provisionTenant(admin, { provisioningMethod: 'okta' });
    const result = await run(
      process.execPath,
      [join(conformanceDir, 'okta-runner.mjs'), join(conformanceDir, 'okta-scim20-spec-test.json'), `${baseUrl}/scim/v2`, `Bearer ${tenant.token}`, '--seed'],
      { timeout: 120_000 },
    ).catch((failure: { stdout: string }) => failure);
    const lines = result.stdout.split('\n');
    const passed = lines.filter((line) => line.startsWith('PASS')).length;
    const failedNotes = lines.filter((line) => line.startsWith('FAIL')).map((line) => line.split(' | ')[1]?.trim() ?? line);

    writeFileSync(join(outputDir, 'okta-conformance.txt'), result.stdout);
    expect(failedNotes.filter((note) => !(note in OKTA_NOT_APPLICABLE))).toEqual([]);
    expect(passed + failedNotes.length).toBe(16);
    expect(passed).toBeGreaterThanOrEqual(16 - Object.keys(OKTA_NOT_APPLICABLE).length);
  }, 180_000);

  (available ? it : it.skip)("passes every applicable check of Microsoft's SCIM test collection", async () => {
    await expectEveryApplicableCheckPasses(microsoftCollection, 'microsoft-conformance', MICROSOFT_NOT_APPLICABLE);
  }, 240_000);

  (available ? it : it.skip)("passes every applicable check of Microsoft's collection with its userNames as emails", async () => {
    const original = JSON.parse(readFileSync(microsoftCollection, 'utf8')) as PostmanCollection;
    const collection = join(outputDir, 'microsoft-collection-email-usernames.json');
    writeFileSync(collection, JSON.stringify(withEmailUserNames(original)));
    await expectEveryApplicableCheckPasses(collection, 'microsoft-conformance-email-usernames', MICROSOFT_EMAIL_NOT_APPLICABLE);
  }, 240_000);

  /** Runs the collection, writes its summary to test-output, and fails on an unexplained failure or an unused explanation. */
  async function expectEveryApplicableCheckPasses(collection: string, reportName: string, notApplicable: Record<string, string>) {
    const outcome = classifyMicrosoftRun(await runMicrosoftCollection(collection, reportName), notApplicable);
    writeFileSync(join(outputDir, `${reportName}.md`), outcome.summary);
    expect(outcome.unexplained).toEqual([]);
    expect(outcome.unusedExplanations).toEqual([]);
    expect(outcome.passed).toBeGreaterThan(0);
  }

  /** Runs the collection's User-related folders with newman against a fresh entra_id tenant; returns newman's JSON report. */
  async function runMicrosoftCollection(collection: string, reportName: string): Promise<NewmanReport> {
    const tenant = await provisionTenant(admin, { provisioningMethod: 'entra_id' });
    const report = join(outputDir, `${reportName}.json`);
    const port = new URL(baseUrl).port;
    await run(
      process.execPath,
      [
        require.resolve('newman/bin/newman.js'),
        'run', collection,
        '--env-var', 'Protocol=http', '--env-var', 'Server=127.0.0.1', '--env-var', `Port=:${port}`,
        '--env-var', 'Api=scim/v2', '--env-var', `token=${tenant.token}`,
        '--folder', 'Endpoint tests', '--folder', 'User tests', '--folder', 'User tests with garbage',
        '-r', 'json', '--reporter-json-export', report,
      ],
      { timeout: 180_000 },
    ).catch(() => undefined);
    return JSON.parse(readFileSync(report, 'utf8')) as NewmanReport;
  }
});

interface NewmanExecution {
  item: { name: string };
  assertions?: { assertion: string; error?: unknown }[];
}

interface NewmanReport {
  run: { executions: NewmanExecution[] };
}

/**
 * Sorts each failed assertion: explained by an entry of `notApplicableList` (keyed by request name, or by
 * "request / assertion"), or unexplained. An entry that explained nothing is reported too, so the lists stay
 * exact and the scores in the README true.
 */
function classifyMicrosoftRun(report: NewmanReport, notApplicableList: Record<string, string>) {
  let passed = 0;
  const notApplicable: [string, string][] = [];
  const unexplained: string[] = [];
  const used = new Set<string>();
  for (const execution of report.run.executions) {
    const name = execution.item.name;
    for (const assertion of execution.assertions ?? []) {
      const label = `${name} / ${assertion.assertion}`;
      const key = [label, name].find((candidate) => candidate in notApplicableList);
      if (!assertion.error) passed++;
      else if (key === undefined) unexplained.push(label);
      else {
        used.add(key);
        notApplicable.push([label, notApplicableList[key] ?? '']);
      }
    }
  }
  const unusedExplanations = Object.keys(notApplicableList).filter((key) => !used.has(key));
  const total = passed + notApplicable.length + unexplained.length;
  const summary = [
    `Microsoft SCIM collection (Endpoint, User, User-with-garbage folders): ${passed} of ${total} assertions pass; ${notApplicable.length} do not apply; ${unexplained.length} unexplained failures.`,
    '',
    ...notApplicable.map(([label, reason]) => `- ${label}: ${reason}`),
    ...unexplained.map((label) => `- UNEXPLAINED ${label}`),
    ...unusedExplanations.map((key) => `- LISTED AS NOT APPLYING BUT DID NOT FAIL: ${key}`),
  ].join('\n');
  return { passed, notApplicable, unexplained, unusedExplanations, summary };
}
