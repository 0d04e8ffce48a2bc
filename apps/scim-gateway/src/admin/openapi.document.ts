import { z } from 'zod';
import {
  AddWorkspaceBody,
  CompanyDetails,
  CompanyHistory,
  CompanyList,
  DEFAULT_COMPANIES_PAGE,
  MAX_ADMIN_USERS_PAGE,
  IssuedScimToken,
  RegisteredCompany,
  RegisterCompanyBody,
  ScimRequestLimitBody,
  ScimRequestLimitView,
  ScimSettingsBody,
  ScimSettingsView,
  ScimTokenInfo,
  UsersPage,
} from './admin-api.schemas';
import { DEFAULT_HISTORY_LIMIT, MAX_COMPANIES_PAGE, MAX_HISTORY_LIMIT, WorkspaceView } from '@scim/contracts';
import { RebuildBody } from './maintenance.admin.controller';

/** Request bodies ('input') refuse fields they do not have (parseBody), so their objects say so. */
const schema = (type: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(type, {
    io,
    unrepresentable: 'any',
    target: 'openapi-3.0',
    override: ({ zodSchema, jsonSchema }) => {
      if (io === 'input' && zodSchema._zod.def.type === 'object') jsonSchema.additionalProperties = false;
    },
  });

const json = (type: z.ZodType, io: 'input' | 'output' = 'output') => ({
  content: { 'application/json': { schema: schema(type, io) } },
});

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const companyId = { name: 'companyId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const integerQuery = (name: string, description: string, minimum: number, maximum: number, fallback: number) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'integer', minimum, maximum, default: fallback },
});
const stringQuery = (name: string, description: string, maxLength: number) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string', maxLength },
});
const common = { '401': problem('Missing or wrong admin token'), '503': problem('A service is unavailable; retry later') };

/** OpenAPI 3.0 description of the admin API, built from the same zod schemas that validate it. */
export function adminOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.0.3',
    info: {
      title: 'scim-provisioning admin API',
      version: '1.0.0',
      description:
        'Configure SCIM provisioning for a company and manage its SCIM token. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: '/' }],
    security: [{ adminBearer: [] }],
    components: {
      securitySchemes: { adminBearer: { type: 'http', scheme: 'bearer', description: 'The ADMIN_TOKEN' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            instance: { type: 'string' },
            correlationId: { type: 'string' },
            errors: {
              type: 'array',
              items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
            },
          },
        },
      },
    },
    paths: {
      '/admin/v1/companies': {
        get: {
          summary: 'A page of the companies (id and name), ordered by name',
          parameters: [
            stringQuery('name', 'Only companies whose name contains this text, ignoring case', 200),
            integerQuery('startIndex', '1-based index of the first company', 1, 1_000_000_000, 1),
            integerQuery('count', 'Companies per page (0: totals only)', 0, MAX_COMPANIES_PAGE, DEFAULT_COMPANIES_PAGE),
          ],
          responses: {
            '200': { description: 'The page', ...json(CompanyList) },
            '400': problem('A bad query parameter, named in errors'),
            ...common,
          },
        },
        post: {
          summary: 'Register a company with its workspaces (and teams) and roles',
          requestBody: { required: true, ...json(RegisterCompanyBody, 'input') },
          responses: { '201': { description: 'Registered', ...json(RegisteredCompany) }, '400': problem('Invalid body'), ...common },
        },
      },
      '/admin/v1/companies/{companyId}': {
        get: {
          summary: 'The company with its SCIM settings (or null) and SCIM token metadata (or null)',
          parameters: [companyId],
          responses: { '200': { description: 'The company', ...json(CompanyDetails) }, '404': problem('No such company'), ...common },
        },
      },
      '/admin/v1/companies/{companyId}/workspaces': {
        post: {
          summary: 'Add a workspace (with teams)',
          parameters: [companyId],
          requestBody: { required: true, ...json(AddWorkspaceBody, 'input') },
          responses: {
            '201': { description: 'Added', ...json(WorkspaceView) },
            '400': problem('Invalid body'),
            '404': problem('No such company'),
            '409': problem('A workspace of that name exists'),
            ...common,
          },
        },
      },
      '/admin/v1/companies/{companyId}/scim-settings': {
        put: {
          summary: 'Replace the SCIM provisioning settings',
          description: 'ipAllowlist is the comma-separated text an admin types: addresses, CIDR blocks, first-last ranges.',
          parameters: [companyId],
          requestBody: { required: true, ...json(ScimSettingsBody, 'input') },
          responses: {
            '200': { description: 'The normalised settings', ...json(ScimSettingsView) },
            '400': problem('A bad field or allowlist entry, named in errors'),
            '404': problem('No such company'),
            ...common,
          },
        },
      },
      '/admin/v1/companies/{companyId}/scim-request-limit': {
        put: {
          summary: "Set the company's daily SCIM request limit",
          description:
            'SCIM requests per UTC day, shared by every SCIM endpoint and gateway instance; null goes back to the ' +
            "installation's default (SCIM_DAILY_REQUEST_LIMIT). Apart from the SCIM settings: saving those leaves it as it is.",
          parameters: [companyId],
          requestBody: { required: true, ...json(ScimRequestLimitBody, 'input') },
          responses: {
            '200': { description: 'The limit as set', ...json(ScimRequestLimitView) },
            '400': problem('dailyRequestLimit is not a whole number from 1 to 100,000,000, or null'),
            '404': problem('No such company'),
            ...common,
          },
        },
      },
      '/admin/v1/maintenance/users-read-model/rebuild': {
        post: {
          summary: 'Drop the users read model of the answering settings-service instance and replay the log into it',
          requestBody: { required: false, ...json(RebuildBody, 'input') },
          responses: {
            '200': { description: 'Rebuilt: caughtUp, usersInReadModel, tookMs' },
            ...common,
          },
        },
      },
      '/admin/v1/companies/{companyId}/scim-token': {
        post: {
          summary: 'Issue the SCIM token (shown once); when one exists, reset it',
          parameters: [companyId],
          responses: {
            '201': { description: 'The token, shown this once', ...json(IssuedScimToken) },
            '404': problem('No such company'),
            '409': problem('The settings the provisioning method requires are incomplete'),
            ...common,
          },
        },
        get: {
          summary: 'Metadata of the active SCIM token (never the token)',
          parameters: [companyId],
          responses: { '200': { description: 'The active token', ...json(ScimTokenInfo) }, '404': problem('No active token'), ...common },
        },
        delete: {
          summary: 'Revoke the SCIM token: no token works until a new one is issued',
          parameters: [companyId],
          responses: { '204': { description: 'Revoked, or there was no token' }, '404': problem('No such company'), ...common },
        },
      },
      '/admin/v1/companies/{companyId}/users': {
        get: {
          summary: 'A page of the users identity providers provisioned (read-only)',
          parameters: [
            companyId,
            stringQuery('filter', 'An RFC 7644 filter, as the SCIM API takes it, e.g. userName sw "ann"', 10_000),
            integerQuery('startIndex', '1-based index of the first user', 1, 1_000_000_000, 1),
            integerQuery('count', 'Users per page (0: totals only)', 0, MAX_ADMIN_USERS_PAGE, 20),
            { name: 'sortBy', in: 'query', required: false, schema: { type: 'string', enum: ['userName', 'lastModified'], default: 'userName' } },
            { name: 'sortOrder', in: 'query', required: false, schema: { type: 'string', enum: ['ascending', 'descending'], default: 'ascending' } },
          ],
          responses: {
            '200': { description: 'The page', ...json(UsersPage) },
            '400': problem('A bad query parameter or filter, named in errors'),
            '404': problem('No such company'),
            ...common,
          },
        },
      },
      '/admin/v1/companies/{companyId}/history': {
        get: {
          summary: "Recent events of the company's settings and SCIM token, newest first (who, when, from where)",
          parameters: [companyId, integerQuery('limit', 'How many events', 1, MAX_HISTORY_LIMIT, DEFAULT_HISTORY_LIMIT)],
          responses: {
            '200': { description: 'The events', ...json(CompanyHistory) },
            '400': problem('A bad query parameter'),
            '404': problem('No such company'),
            ...common,
          },
        },
      },
    },
  };
}
