import type { ComponentState, Incident, PageStatus } from './model.js';

/** Reports from the community (GitHub issues) in a recent window, by error class. */
export interface CommunitySignal {
  windowMinutes: number;
  total: number;
  byClass: Record<string, number>;
  /** An early warning currently raised (spike not yet cooled down), if any. */
  activeWarning: { errorClass: string; reportCount: number; since: string } | null;
  /** When GitHub search last answered (ISO); null when it never did, so "no reports" means nothing yet. */
  lastReadAt?: string | null;
}

/** What the bot believes about one watched status page. */
export interface PageLiveStatus {
  /** Page id from STATUS_PAGES, e.g. `openai`. */
  id: string;
  /** The page's configured URL. */
  url: string;
  page: PageStatus | null;
  components: ComponentState[];
  /** Open incidents of this page, maintenances left out. */
  openIncidents: Incident[];
  /** This page's maintenances announced or running. */
  maintenances?: Incident[];
  /** Last successful read of the page, ISO; null when never. */
  lastSuccessAt: string | null;
  lastError: { code: string; message: string; at: string } | null;
  /** True when the last success is older than three poll intervals (or never happened). */
  stale: boolean;
}

/**
 * What the bot currently believes, read from the store only (never the network),
 * so commands answer inside chat platforms' 3-second limits. The page fields are the
 * primary page's (maintenances kept apart: a maintenance is never an outage).
 */
export interface LiveStatusView extends Omit<PageLiveStatus, 'id' | 'url'> {
  community: CommunitySignal | null;
  /**
   * Every watched page, the primary (the fields above) first. Absent from readers that
   * know one page; the top-level fields are the primary page's.
   */
  pages?: PageLiveStatus[];
}

export type LiveStatusReader = () => LiveStatusView;
