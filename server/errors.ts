/**
 * The one error type for expected failures. `app.onError` turns it into the
 * JSON error of SPEC §5: `{ error: { code, message, field? } }`.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 502 | 503 | 504 | 507;

export class AppError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

export const invalid = (field: string, code: string, message: string) => new AppError(400, code, message, field);
export const notFound = (message = 'There is no such comment.') => new AppError(404, 'not_found', message);
export const forbidden = (code: string, message: string) => new AppError(403, code, message);
