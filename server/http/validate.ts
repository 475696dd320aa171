import type { z } from 'zod';
import { AppError } from '../errors.ts';

/** Human words for a field path: `author.email` → `email`. */
const label = (field: string) => field.split('.').at(-1) || 'input';

/** Turns zod's first issue into a 400 naming the field and the reason, in the codes the widget maps to words. */
function toError(issue: z.core.$ZodIssue): AppError {
  const field = issue.path.map(String).join('.') || 'body';
  const name = label(field);
  switch (issue.code) {
    case 'too_small':
      return issue.minimum === 1 && issue.origin === 'string'
        ? new AppError(400, 'required', `${name} is required.`, field)
        : issue.origin === 'number'
          ? new AppError(400, 'too_small', `${name} must be at least ${issue.minimum}.`, field)
          : new AppError(400, 'too_short', `${name} is too short (minimum ${issue.minimum}).`, field);
    case 'too_big':
      if (issue.origin === 'number') return new AppError(400, 'too_large', `${name} must be at most ${issue.maximum}.`, field);
      return new AppError(400, 'too_long', `${name} is too long (maximum ${issue.maximum}${issue.origin === 'string' ? ' characters' : ''}).`, field);
    case 'invalid_type':
      return issue.input === undefined || issue.input === null
        ? new AppError(400, 'required', `${name} is required.`, field)
        : new AppError(400, 'invalid_value', `${name} must be ${issue.expected === 'int' ? 'a whole number' : `a ${issue.expected}`}.`, field);
    case 'invalid_format':
      if (issue.format === 'email') return new AppError(400, 'invalid_email', `${name} is not a valid email address.`, field);
      if (issue.format === 'url') return new AppError(400, 'invalid_url', `${name} must be an http or https address.`, field);
      return new AppError(400, 'invalid_value', `${name} is not in the expected format.`, field);
    case 'custom':
      if (issue.params?.required) return new AppError(400, 'required', `${name} is required.`, field);
      if (typeof issue.params?.code === 'string') return new AppError(400, issue.params.code, `${name} ${issue.message}.`, field);
      return new AppError(400, 'invalid_value', `${name} ${issue.message}.`, field);
    default:
      return new AppError(400, 'invalid_value', `${name}: ${issue.message}`, field);
  }
}

/** Parses `value` with `schema`, or throws a 400 AppError for its first issue. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  throw toError(result.error.issues[0]!);
}
