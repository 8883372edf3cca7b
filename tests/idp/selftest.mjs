// Self-test for server.mjs: `node selftest.mjs` (exit code 0 = pass).
// Drives the authorization-code + PKCE flow the way a non-browser client does:
// a cookie jar, redirects disabled, Location headers followed by hand.

import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import assert from 'node:assert/strict';

const REDIRECT_URI = 'http://127.0.0.1:9/cb';
const CLIENT = { client_id: 'selftest', client_secret: 'selftest-secret', redirect_uris: [REDIRECT_URI] };

const child = spawn(process.execPath, [new URL('./server.mjs', import.meta.url).pathname], {
  env: { ...process.env, IDP_PORT: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const lines = createInterface({ input: child.stdout });
const [first] = await once(lines, 'line');
const stdoutExtra = [];
lines.on('line', (l) => stdoutExtra.push(l));
assert.match(first, /^ISSUER=http:\/\/127\.0\.0\.1:\d+$/);
const issuer = first.slice('ISSUER='.length);

class Jar {
  #cookies = new Map(); // name -> { value, path }
  store(res) {
    for (const sc of res.headers.getSetCookie()) {
      const [pair, ...attrs] = sc.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const path = attrs.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expired = attrs.some((a) => /expires=thu, 01 jan 1970/i.test(a.trim()));
      const key = `${name}\0${path}`;
      if (expired || value === '') this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }
  header(url) {
    const { pathname } = new URL(url);
    return [...this.#cookies.values()]
      .filter((c) => pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}

async function req(jar, url, init = {}) {
  const headers = { ...(init.headers ?? {}) };
  const cookie = jar?.header(url);
  if (cookie) headers.cookie = cookie;
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar?.store(res);
  return res;
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');

function authUrl({ pkce = true, state, nonce, verifier, extra = {} }) {
  const u = new URL('/auth', issuer);
  u.search = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT.client_id,
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile email portal',
    state,
    nonce,
    prompt: 'login',
    ...(pkce ? { code_challenge: b64url(createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256' } : {}),
    ...extra,
  });
  return u.href;
}

async function login(user, { jar = new Jar(), password = 'password' } = {}) {
  const verifier = b64url(randomBytes(32));
  const state = b64url(randomBytes(8));
  const nonce = b64url(randomBytes(8));
  const steps = [];

  // 1. GET /auth?... -> 303 Location /interaction/<uid>
  let res = await req(jar, authUrl({ state, nonce, verifier }));
  steps.push(`GET /auth -> ${res.status}`);
  assert.equal(res.status, 303);
  let loc = new URL(res.headers.get('location'), issuer).href;
  // 2. GET /interaction/<uid> -> 200 login form
  res = await req(jar, loc);
  steps.push(`GET ${new URL(loc).pathname} -> ${res.status}`);
  assert.equal(res.status, 200);
  const html = await res.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)[1];
  assert.match(action, /^\/interaction\/[^/]+\/login$/);
  // 3. POST the form -> 303 Location /auth/<uid>
  res = await req(jar, new URL(action, issuer).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login: user, password }).toString(),
  });
  steps.push(`POST ${action} -> ${res.status}`);
  if (res.status === 200) return { formAgain: await res.text() };
  // 4. follow until the Location is the redirect URI
  while (res.status >= 300 && res.status < 400) {
    loc = new URL(res.headers.get('location'), issuer).href;
    if (loc.startsWith(REDIRECT_URI)) break;
    res = await req(jar, loc);
    steps.push(`GET ${new URL(loc).pathname} -> ${res.status}`);
  }
  const cb = new URL(loc);
  if (res.status === 200) console.error(user, steps, await res.text());
  assert.equal(`${cb.origin}${cb.pathname}`, REDIRECT_URI, `ended at ${loc} (${res.status})`);
  assert.equal(cb.searchParams.get('state'), state);
  assert.equal(cb.searchParams.get('iss'), issuer);
  const code = cb.searchParams.get('code');
  assert.ok(code);

  // 5. token exchange with client_secret_basic + code_verifier
  const basic = Buffer.from(`${encodeURIComponent(CLIENT.client_id)}:${encodeURIComponent(CLIENT.client_secret)}`).toString('base64');
  const tokenBody = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
  res = await req(null, `${issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenBody.toString(),
  });
  const tokens = await res.json();
  assert.equal(res.status, 200, JSON.stringify(tokens));
  assert.deepEqual(Object.keys(tokens).sort(), ['access_token', 'expires_in', 'id_token', 'scope', 'token_type']);
  assert.equal(tokens.scope, 'openid profile email portal');
  const idToken = JSON.parse(Buffer.from(tokens.id_token.split('.')[1], 'base64url').toString());
  const header = JSON.parse(Buffer.from(tokens.id_token.split('.')[0], 'base64url').toString());
  assert.equal(header.alg, 'RS256');
  assert.equal(idToken.nonce, nonce);
  assert.equal(idToken.iss, issuer);
  assert.equal(idToken.aud, CLIENT.client_id);

  // 6. userinfo
  res = await req(null, `${issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  const userinfo = await res.json();
  assert.equal(res.status, 200, JSON.stringify(userinfo) + ' ' + res.headers.get('www-authenticate'));
  // code is single-use
  res = await req(null, `${issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: tokenBody.toString(),
  });
  assert.equal(res.status, 400);
  assert.equal((await res.json()).error, 'invalid_grant');
  // ...and replaying it revokes the tokens it issued
  res = await req(null, `${issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  assert.equal(res.status, 401);

  return { idToken, userinfo, steps };
}

try {
  // discovery
  let res = await fetch(`${issuer}/.well-known/openid-configuration`);
  const disco = await res.json();
  assert.equal(disco.issuer, issuer);
  assert.ok(disco.scopes_supported.includes('portal'));

  // admin endpoint
  res = await fetch(`${issuer}/__test/clients`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CLIENT) });
  assert.equal(res.status, 201, await res.clone().text());
  res = await fetch(`${issuer}/__test/clients`, { method: 'POST', body: JSON.stringify({ client_id: 'x', client_secret: 'y', redirect_uris: ['not a url'] }) });
  assert.equal(res.status, 400);

  const a = await login('anna@fabrikam');
  console.error('flow:', a.steps.join(' | '));
  assert.equal(a.idToken.sub, 'sub-u-7f3a02');
  assert.equal(a.idToken.tenant_id, 't-fabrikam');
  assert.equal(a.idToken.tenant_type, 'partner');
  assert.deepEqual(a.idToken.roles, ['admin_agent']);
  assert.equal(a.idToken.name, 'Anna Fabrikam');
  assert.equal(a.idToken.email, 'anna@fabrikam');
  assert.deepEqual(
    { sub: a.userinfo.sub, tenant_id: a.userinfo.tenant_id, tenant_type: a.userinfo.tenant_type, roles: a.userinfo.roles, name: a.userinfo.name, email: a.userinfo.email },
    { sub: 'sub-u-7f3a02', tenant_id: 't-fabrikam', tenant_type: 'partner', roles: ['admin_agent'], name: 'Anna Fabrikam', email: 'anna@fabrikam' },
  );

  // same jar, prompt=login, different user: must show the form again and switch user
  const jar = new Jar();
  const g = await login('grace@contoso', { jar });
  assert.equal(g.idToken.tenant_type, 'customer');
  const o = await login('admin@operator', { jar });
  assert.deepEqual(o.idToken.roles, ['platform_admin']);
  assert.equal(o.userinfo.tenant_id, 't-operator');

  // wrong password re-shows the form with an error (HTTP 200)
  const bad = await login('sam@fabrikam', { password: 'nope' });
  assert.ok(bad.formAgain?.includes('Invalid login or password'));
  assert.ok(bad.formAgain.includes('name="password"'));

  // PKCE missing is rejected (redirected back to the client with an error)
  res = await fetch(authUrl({ pkce: false, state: 's', nonce: 'n' }), { redirect: 'manual' });
  let loc = new URL(res.headers.get('location'));
  assert.equal(loc.searchParams.get('error'), 'invalid_request', loc.href);
  // plain PKCE is rejected
  res = await fetch(authUrl({ pkce: false, state: 's', nonce: 'n', extra: { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' } }), { redirect: 'manual' });
  loc = new URL(res.headers.get('location'));
  assert.equal(loc.searchParams.get('error'), 'invalid_request', loc.href);
  // unregistered redirect URI is rejected without redirecting
  res = await fetch(authUrl({ state: 's', nonce: 'n', verifier: 'v'.repeat(43), extra: { redirect_uri: 'http://127.0.0.1:9/evil' } }), { redirect: 'manual' });
  assert.equal(res.status, 400);

  assert.deepEqual(stdoutExtra, [], 'server wrote more than one line to stdout');
  console.error('selftest: OK');
} finally {
  child.kill('SIGTERM');
}
const [code, signal] = await once(child, 'exit');
assert.ok(code === 0 || signal === 'SIGTERM', `server exit ${code} ${signal}`);
