import type { Metrics } from '../http/metrics.js';
import type { DroppedItem } from '../incidents/sanitize-snapshot.js';
import type { Logger } from '../shared/logger.js';

/** One warning per poll that dropped anything (with each item), and a metric per item. */
export function reportDropped({ source, dropped, logger, metrics }: { source: string; dropped: DroppedItem[]; logger: Logger; metrics: Metrics }): void {
  if (dropped.length === 0) return;
  for (const item of dropped) metrics.itemsDropped.inc({ source, kind: item.kind, reason: item.reason });
  logger.warn(
    { source, dropped: dropped.slice(0, 20).map((d) => ({ kind: d.kind, id: d.id.slice(0, 120), reason: d.reason, detail: d.detail })) },
    `${dropped.length} item(s) of the ${source} poll were dropped or merged; the rest was stored`,
  );
}
