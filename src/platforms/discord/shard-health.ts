import type { AdapterHealth } from '../chat-adapter.js';

/**
 * The gateway's health across shards: connected only when every shard is, and the first
 * shard that is not is named (a server on it gets no slash-command answers).
 */
export function createShardHealth(): { set(shard: number, connected: boolean, detail: string): void; health(shardCount: number): AdapterHealth } {
  const shards = new Map<number, AdapterHealth>();
  return {
    set: (shard, connected, detail) => void shards.set(shard, { connected, detail }),
    health(shardCount) {
      const count = Math.max(1, shardCount);
      for (let id = 0; id < count; id += 1) {
        const state = shards.get(id) ?? { connected: false, detail: 'gateway connecting' };
        const label = count > 1 ? `shard ${id} of ${count}: ` : '';
        if (!state.connected) return { connected: false, detail: `${label}${state.detail}` };
      }
      return { connected: true, detail: count > 1 ? `gateway connected (${count} shards)` : (shards.get(0)?.detail ?? 'gateway connected') };
    },
  };
}
