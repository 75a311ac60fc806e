/** Base for our errors: a stable string code for logs and stored rows, plus context. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
