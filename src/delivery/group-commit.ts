/**
 * Store writes that finish in the same turn of the event loop share one transaction (a
 * group commit): a fan-out settles many deliveries at once, and each commit costs more
 * than its writes. A group that fails is retried write by write, so one bad row never
 * holds back the others; each caller learns how its own write went.
 */
export function createGroupCommit(transaction: (run: () => void) => void): (write: () => void) => Promise<void> {
  let queue: Array<{ write: () => void; resolve: () => void; reject: (error: unknown) => void }> = [];

  const flush = (): void => {
    const group = queue;
    queue = [];
    try {
      transaction(() => {
        for (const item of group) item.write();
      });
      for (const item of group) item.resolve();
    } catch {
      for (const item of group) {
        try {
          transaction(item.write);
          item.resolve();
        } catch (error) {
          item.reject(error);
        }
      }
    }
  };

  return (write) =>
    new Promise<void>((resolve, reject) => {
      // setImmediate runs after every I/O answer of this turn: those settle together.
      if (queue.push({ write, resolve, reject }) === 1) setImmediate(flush);
    });
}
