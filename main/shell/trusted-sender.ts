/**
 * Who may call the API over IPC: only the top frame of one of our own
 * windows, showing our own page. An iframe, a navigated-away window or a
 * frame that is gone is refused. Kept free of `electron` so it can be tested.
 */
export const appOrigin = 'studio://app';

export interface SenderFacts {
  /** The frame's URL, or null when the frame has been destroyed. */
  readonly frameUrl: string | null;
  readonly isTopFrame: boolean;
  /** Whether the sending webContents is one our shell created. */
  readonly isOurWindow: boolean;
}

export function senderRefusal(sender: SenderFacts): string | null {
  if (!sender.isOurWindow) return 'the sender is not a Latent Studio window';
  if (sender.frameUrl === null) return 'the sending frame no longer exists';
  if (!sender.isTopFrame) return 'the sender is a subframe';
  let parsed: URL;
  try {
    parsed = new URL(sender.frameUrl);
  } catch {
    return `the sender's URL "${sender.frameUrl}" is malformed`;
  }
  // Custom schemes have an opaque origin ("null"), so compare scheme and host.
  if (`${parsed.protocol}//${parsed.host}` !== appOrigin) return `the sender's page ${sender.frameUrl} is not the studio`;
  return null;
}
