/** Shared by the renderer and the CLI. "2 min 5 s", "40 s", "under a second" — an ETA a person reads at a glance. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return 'under a second';
  const rounded = Math.round(seconds);
  const hours = Math.floor(rounded / 3600);
  const minutes = Math.floor((rounded % 3600) / 60);
  const rest = rounded % 60;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${rest} s`;
  return `${rest} s`;
}
