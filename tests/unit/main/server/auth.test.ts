import { describe, expect, it } from 'vitest';
import { allowedHosts, checkRequest, isLoopback, newToken, type Gate } from '../../../../main/server/auth';

const token = 'secret-token-0123456789';
const gate: Gate = { token, port: 5417, hosts: allowedHosts('127.0.0.1', 5417) };
const url = (path = '/') => new URL(path, 'http://server');

describe('serve token', () => {
  it('makes a fresh random token each time', () => {
    expect(newToken()).not.toBe(newToken());
    expect(newToken().length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a request without a token', () => {
    expect(checkRequest(gate, { host: '127.0.0.1:5417' }, url())).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('refuses a wrong token, also one of a different length', () => {
    for (const wrong of ['secret-token-0123456780', 'x']) {
      expect(checkRequest(gate, { host: '127.0.0.1:5417', authorization: `Bearer ${wrong}` }, url())).toMatchObject({ status: 401 });
    }
  });

  it('accepts the token as a bearer header, a query parameter or the cookie', () => {
    const host = '127.0.0.1:5417';
    expect(checkRequest(gate, { host, authorization: `Bearer ${token}` }, url())).toBeNull();
    expect(checkRequest(gate, { host }, url(`/?token=${token}`))).toBeNull();
    expect(checkRequest(gate, { host, cookie: `theme=dark; studio_token=${token}` }, url())).toBeNull();
  });
});

describe('serve origin and host checks', () => {
  const authorised = { authorization: `Bearer ${token}` };

  it('accepts our own origin on each loopback name', () => {
    for (const host of ['127.0.0.1:5417', 'localhost:5417']) {
      expect(checkRequest(gate, { ...authorised, host, origin: `http://${host}` }, url())).toBeNull();
    }
  });

  it('refuses a page from another origin even with the token', () => {
    const denial = checkRequest(gate, { ...authorised, host: '127.0.0.1:5417', origin: 'http://evil.example' }, url());
    expect(denial).toMatchObject({ status: 403, code: 'FORBIDDEN', message: expect.stringContaining('evil.example') });
  });

  it('refuses another port on the same host, and a null origin', () => {
    for (const origin of ['http://127.0.0.1:8080', 'null', 'https://127.0.0.1:5417']) {
      expect(checkRequest(gate, { ...authorised, host: '127.0.0.1:5417', origin }, url())).toMatchObject({ status: 403 });
    }
  });

  it('refuses a rebinding DNS name in the Host header', () => {
    expect(checkRequest(gate, { ...authorised, host: 'attacker.example:5417' }, url())).toMatchObject({ status: 403 });
  });

  it('accepts any Host when bound to all interfaces, still requiring the token', () => {
    const open: Gate = { token, port: 5417, hosts: allowedHosts('0.0.0.0', 5417) };
    expect(checkRequest(open, { ...authorised, host: '192.168.1.20:5417' }, url())).toBeNull();
    expect(checkRequest(open, { host: '192.168.1.20:5417' }, url())).toMatchObject({ status: 401 });
  });
});

describe('loopback', () => {
  it('is localhost, ::1 and 127.0.0.0/8, and nothing that merely starts like it', () => {
    for (const host of ['localhost', '::1', '127.0.0.1', '127.1.2.3']) expect(isLoopback(host)).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', '127.example.com', '127.0.0.1.nip.io']) expect(isLoopback(host)).toBe(false);
  });
});
