/**
 * An output's provenance as lines a person reads in the viewer: the facts
 * that say how it was made first, in words, then everything else as recorded.
 */
const firstKeys = ['tool', 'architecture', 'seed', 'truncation', 'ema', 'class', 'direction', 'strength', 'tiling', 'tiles', 'step', 'checkpointId', 'checkpointSha256'];

export function provenanceFacts(provenance: Readonly<Record<string, unknown>>): [string, string][] {
  const keys = [...firstKeys.filter((key) => key in provenance), ...Object.keys(provenance).filter((key) => !firstKeys.includes(key)).sort()];
  return keys.map((key) => [key, shown(provenance[key])]);
}

/** Long values (a latent vector in base64) are cut: the export carries them whole. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
