import { AppError, errorMessage } from '../shared/errors.js';
import type { SourceErrorCode, SourceFailure } from './source.js';

/** Context carried by every source failure, so logs and poll state can say what happened where. */
export interface SourceErrorOptions {
  url: string;
  statusCode?: number | null;
  retryAfterMs?: number | null;
  cause?: unknown;
}

/** One failed fetch or parse of one URL, with a stable code from SOURCE_ERROR_CODES. */
export class SourceError extends AppError {
  declare readonly code: SourceErrorCode;
  readonly url: string;
  readonly statusCode: number | null;
  readonly retryAfterMs: number | null;

  constructor(code: SourceErrorCode, message: string, options: SourceErrorOptions) {
    super(code, message, { cause: options.cause });
    this.url = options.url;
    this.statusCode = options.statusCode ?? null;
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}

/**
 * Turns anything thrown while polling into the stored failure shape. Errors that are not
 * ours (a bug, a library surprise) count as `unparsable`: the bytes could not be used.
 */
export function toSourceFailure(error: unknown, url = ''): SourceFailure {
  if (error instanceof SourceError) {
    return {
      url: error.url || url,
      code: error.code,
      message: error.message,
      statusCode: error.statusCode,
      retryAfterMs: error.retryAfterMs,
    };
  }
  return { url, code: 'unparsable', message: errorMessage(error), statusCode: null, retryAfterMs: null };
}
