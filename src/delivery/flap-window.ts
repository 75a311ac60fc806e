/**
 * Did something that closed at `closedAt` reopen at `at` within the flap window?
 * Both are event times (when the poll saw the change), so a delayed delivery decides
 * the same way as a prompt one. A window of 0 turns flap suppression off.
 */
export function isFlapReopen(closedAt: string, at: string, windowMinutes: number): boolean {
  if (windowMinutes <= 0) return false;
  const gap = Date.parse(at) - Date.parse(closedAt);
  return gap >= 0 && gap <= windowMinutes * 60_000;
}
