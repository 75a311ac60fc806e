import { ConfigError, loadConfig } from '../../src/config/load-config.js';

/** The problems loadConfig names for this environment ([] when it loads). */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
