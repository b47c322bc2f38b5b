/**
 * Wraps a read so that calls made while it is under way fold into one more
 * read after it, rather than one each: a burst of events costs two reads at
 * most, and every caller's promise settles once a read has started after its
 * call, so what it awaits is current.
 */
export function coalesced(read: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await read();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
