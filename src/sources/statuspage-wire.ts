import { z } from 'zod';

/**
 * The Statuspage API v2 wire shapes, as lenient zod schemas: unknown fields are dropped,
 * enums are plain strings (mapped in statuspage-json.ts) and most fields may be missing,
 * because incident.io and older Statuspage pages leave some out.
 * @see https://developer.statuspage.io/
 * @see https://metastatuspage.com/api
 */

const text = z.string().nullish();

export const wireUpdateSchema = z.object({
  id: text,
  status: text,
  body: text,
  created_at: text,
  display_at: text,
  affected_components: z.array(z.object({ code: text, name: text })).nullish(),
});

export const wireIncidentSchema = z.object({
  id: z.string().min(1),
  name: text,
  status: text,
  impact: text,
  shortlink: text,
  created_at: text,
  updated_at: text,
  started_at: text,
  resolved_at: text,
  scheduled_for: text,
  scheduled_until: text,
  incident_updates: z.array(wireUpdateSchema).nullish(),
  components: z.array(z.object({ id: text, name: text })).nullish(),
});
export type WireIncident = z.infer<typeof wireIncidentSchema>;

export const wireComponentSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  status: text,
  group: z.boolean().nullish(),
  position: z.number().nullish(),
});
export type WireComponent = z.infer<typeof wireComponentSchema>;

export const wirePageSchema = z.object({ id: text, name: text, url: text });

/** summary.json, components.json and incidents.json share this envelope; lists stay unknown[] so one bad item is dropped, not the document. */
export const wireDocumentSchema = z.object({
  page: wirePageSchema.nullish(),
  status: z.object({ indicator: text, description: text }).nullish(),
  components: z.array(z.unknown()).nullish(),
  incidents: z.array(z.unknown()).nullish(),
  scheduled_maintenances: z.array(z.unknown()).nullish(),
});
export type WireDocument = z.infer<typeof wireDocumentSchema>;

/** Parses each item on its own and keeps the ones that fit. */
export function parseEach<T>(schema: z.ZodType<T>, items: unknown[] | null | undefined): T[] {
  const out: T[] = [];
  for (const item of items ?? []) {
    const result = schema.safeParse(item);
    if (result.success) out.push(result.data);
  }
  return out;
}
