import { z } from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses the environment with a service's zod schema. Every problem is named in one line, so a bad or
 * missing variable stops the process with a message an operator can act on.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    const detail = missing && !issue.message.startsWith('is required') ? 'is required' : issue.message;
    return `${variable} ${detail}`;
  });
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}

/** The variable names a config schema knows (for the docker-compose check and the README table). */
export function configVariables(schema: z.ZodObject): { name: string; required: boolean }[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    required: !(field as z.ZodType).safeParse(undefined).success,
  }));
}
