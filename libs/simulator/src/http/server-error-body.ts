// The server's 4xx answers carry `{statusCode, message, errors?: [{field, message}]}` (issue, sessions
// API). Read them defensively: a proxy in between may answer with HTML or nothing.

export type FieldError = { field: string; message: string };

export type ServerErrorDetails = { message: string; errors: FieldError[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function readServerError(status: number, body: unknown): ServerErrorDetails {
  if (!isRecord(body)) {
    const text = typeof body === 'string' ? body.trim().slice(0, 200) : '';
    return { message: text || `HTTP ${status}`, errors: [] };
  }
  const message = Array.isArray(body.message)
    ? body.message.map(String).join('; ')
    : typeof body.message === 'string'
      ? body.message
      : `HTTP ${status}`;
  const errors = Array.isArray(body.errors) ? body.errors.filter(isFieldError) : [];
  return { message, errors };
}

export function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value.field === 'string' && typeof value.message === 'string';
}

export const describeFieldErrors = (errors: readonly FieldError[]): string =>
  errors.map((error) => `${error.field}: ${error.message}`).join('; ');
