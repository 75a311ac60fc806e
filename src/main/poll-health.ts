/**
 * What the pollers saw, in memory: the store may be the very thing that is failing
 * (full disk), so a failure to store is remembered here even when it cannot be written.
 */
export interface PollHealth {
  stored(source: string, at: Date): void;
  storeFailed(source: string, message: string, at: Date): void;
  /** The last failure to store since the last stored poll, or null. */
  storeFailure(source: string): { message: string; at: Date } | null;
}

export function createPollHealth(): PollHealth {
  const failures = new Map<string, { message: string; at: Date }>();
  return {
    stored: (source) => void failures.delete(source),
    storeFailed: (source, message, at) => void failures.set(source, { message, at }),
    storeFailure: (source) => failures.get(source) ?? null,
  };
}
