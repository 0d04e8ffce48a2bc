import { z } from 'zod';
import { DEPARTMENTS } from './schemas/dashboard-user-schema';

/** Absent, null and "" all mean "no value". */
const blankToUndefined = (value: unknown) => (value === null || value === '' ? undefined : value);
const text = (what = 'a string') =>
  z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : `must be ${what}`) })
    .refine((value) => value.trim() !== '', 'must not be empty');
const optionalText = () => z.preprocess(blankToUndefined, text().optional());
/** RFC 5321 §4.5.3.1: at most 64 octets before the @, and 254 in all (the 256-octet path less its brackets). */
const MAX_LOCAL_PART = 64;
const MAX_ADDRESS = 254;
const withinMailLimits = (address: string) => address.length <= MAX_ADDRESS && address.lastIndexOf('@') <= MAX_LOCAL_PART;
// z.email() takes ASCII only, so characters are octets here; it does not check lengths.
const email = () =>
  text()
    .pipe(z.email('must be an email address'))
    .refine(withinMailLimits, `must be an email address of at most ${MAX_ADDRESS} characters, with at most ${MAX_LOCAL_PART} before the @`);

/** Entra sends booleans as "True"/"False". */
const flexibleBoolean = z.preprocess(
  (value) =>
    typeof value === 'string' && /^(true|false)$/i.test(value.trim())
      ? value.trim().toLowerCase() === 'true'
      : blankToUndefined(value),
  z.boolean({ error: 'must be true or false' }).optional(),
);

/** A single value where an array belongs (OneLogin sends `emails` as one object). */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (value) => (value === null ? undefined : value !== undefined && !Array.isArray(value) ? [value] : value),
    z.array(item, { error: 'must be an array' }).optional(),
  );

const canonical = (values: readonly string[]) => (value: unknown) =>
  typeof value === 'string'
    ? (values.find((candidate) => candidate === value.trim().toLowerCase()) ?? value)
    : blankToUndefined(value);

const permissionStrings = listOf(text('a permission string'));
const needsOneOf = (a: string, b: string) => (value: Record<string, unknown>) =>
  value[a] !== undefined || value[b] !== undefined;

const object = <T extends z.core.$ZodLooseShape>(shape: T) => z.object(shape, { error: 'must be an object' });

const permissionSet = object({ appGroupPermissionSetName: optionalText(), appGroupPermissionSetId: optionalText() })
  .refine(
    needsOneOf('appGroupPermissionSetName', 'appGroupPermissionSetId'),
    'needs appGroupPermissionSetName or appGroupPermissionSetId',
  );

const team = object({ teamId: optionalText(), teamName: optionalText(), teamPermissions: permissionStrings })
  .refine(needsOneOf('teamId', 'teamName'), 'needs teamId or teamName');

const workspace = object({
    appGroupId: optionalText(),
    appGroupName: optionalText(),
    appGroupPermissions: permissionStrings,
    appGroupPermissionSets: listOf(permissionSet).refine(
      (sets) => !sets || sets.length <= 1,
      'takes a single permission set',
    ),
    team: listOf(team),
  })
  .refine(needsOneOf('appGroupId', 'appGroupName'), 'needs appGroupId or appGroupName');

const role = object({ roleName: optionalText(), roleId: optionalText() })
  .refine(needsOneOf('roleName', 'roleId'), 'needs roleName or roleId');

export const permissionsSchema = object({
  companyPermissions: permissionStrings,
  roles: listOf(role),
  appGroup: listOf(workspace),
});

const emailValue = object({
  value: email(),
  type: z.preprocess(canonical(['work', 'home', 'other']), text().optional()),
  primary: flexibleBoolean,
});

/**
 * The User body as clients send it, after its keys were made canonical (see `parseUserInput`).
 * Unknown attributes are already gone; `userName` is optional here and required for a create.
 */
export const userInputSchema = z.object({
  userName: z.preprocess(blankToUndefined, email().optional()),
  externalId: optionalText(),
  name: z.preprocess(
    blankToUndefined,
    object({ givenName: optionalText(), familyName: optionalText(), formatted: optionalText() }).optional(),
  ),
  displayName: optionalText(),
  emails: listOf(emailValue).refine(
    (emails) => (emails ?? []).filter((email) => email.primary === true).length <= 1,
    'may have only one primary value',
  ),
  active: flexibleBoolean,
  department: z.preprocess(
    canonical(DEPARTMENTS),
    z.enum(DEPARTMENTS, { error: `must be one of: ${DEPARTMENTS.join(', ')}` }).optional(),
  ),
  permissions: z.preprocess(blankToUndefined, permissionsSchema.optional()),
});

export type UserInputFields = z.infer<typeof userInputSchema>;
export type Permissions = z.infer<typeof permissionsSchema>;
