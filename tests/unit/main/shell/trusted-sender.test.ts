import { describe, expect, it } from 'vitest';
import { senderRefusal } from '../../../../main/shell/trusted-sender';

const studioPage = { frameUrl: 'studio://app/index.html#/explore', isTopFrame: true, isOurWindow: true };

describe('IPC sender check', () => {
  it('accepts the top frame of our window showing the studio', () => {
    expect(senderRefusal(studioPage)).toBeNull();
  });

  it.each([
    ['a window we did not create', { ...studioPage, isOurWindow: false }, 'not a Latent Studio window'],
    ['a destroyed frame', { ...studioPage, frameUrl: null }, 'no longer exists'],
    ['an iframe', { ...studioPage, isTopFrame: false }, 'subframe'],
    ['a web page', { ...studioPage, frameUrl: 'https://evil.example/index.html' }, 'is not the studio'],
    ['a local file', { ...studioPage, frameUrl: 'file:///home/me/index.html' }, 'is not the studio'],
    ['another host on our scheme', { ...studioPage, frameUrl: 'studio://evil/index.html' }, 'is not the studio'],
    ['a malformed URL', { ...studioPage, frameUrl: 'not a url' }, 'malformed'],
  ])('refuses %s', (_name, sender, reason) => {
    expect(senderRefusal(sender)).toContain(reason);
  });
});
