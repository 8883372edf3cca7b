// Test OpenID Connect identity provider for the multipartner portal's tests.
//
// Built on oidc-provider (pinned, see package.json). Binds to 127.0.0.1 only.
// The first (and only) line written to stdout is `ISSUER=http://127.0.0.1:<port>`.
// See README.md for the environment variables, the admin endpoint and the login flow.

import { createServer } from 'node:http';
import { generateKeyPairSync } from 'node:crypto';

import Provider from 'oidc-provider';

// oidc-provider prints development NOTICEs with console.info (stdout). stdout is reserved for
// the ISSUER line, so send every console output to stderr.
console.info = console.error;
console.log = console.error;

// When started by a test process (IDP_PARENT_PID), exit as soon as that process is gone, so
// a crashed or killed test run never leaves a provider behind.
if (process.env.IDP_PARENT_PID) {
  const parent = Number(process.env.IDP_PARENT_PID);
  setInterval(() => {
    try { process.kill(parent, 0); } catch { process.exit(0); }
  }, 500).unref();
}
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => process.exit(0));
}

const HOST = '127.0.0.1';
const PORT = Number.parseInt(process.env.IDP_PORT ?? '0', 10) || 0;
const PASSWORD = 'password';

// ---------------------------------------------------------------------------------------------
// Users. `sub` is a stable opaque id, deliberately different from the login name.

const USERS = [
  ['admin@operator', 'u-7f3a01', 'Olivia Operator', 't-operator', 'operator', ['platform_admin']],
  ['anna@fabrikam', 'u-7f3a02', 'Anna Fabrikam', 't-fabrikam', 'partner', ['admin_agent']],
  ['sam@fabrikam', 'u-7f3a03', 'Sam Fabrikam', 't-fabrikam', 'partner', ['sales_agent']],
  ['li@northwind', 'u-7f3a04', 'Li Northwind', 't-northwind', 'partner', ['admin_agent']],
  ['ivan@tailspin', 'u-7f3a05', 'Ivan Tailspin', 't-tailspin', 'partner', ['admin_agent']],
  ['grace@contoso', 'u-7f3a06', 'Grace Contoso', 't-contoso', 'customer', ['global_admin']],
  ['uma@contoso', 'u-7f3a07', 'Uma Contoso', 't-contoso', 'customer', ['user']],
  ['wei@adventure', 'u-7f3a08', 'Wei Adventure', 't-adventure', 'customer', ['global_admin']],
  ['newadmin@newco', 'u-7f3a09', 'Nia Newco', 't-newco', 'customer', ['global_admin']],
].map(([login, id, name, tenantId, tenantType, roles]) => ({
  login,
  sub: `sub-${id}`,
  claims: {
    name,
    email: login,
    email_verified: true,
    tenant_id: tenantId,
    tenant_type: tenantType,
    roles,
  },
}));

const USERS_BY_LOGIN = new Map(USERS.map((u) => [u.login, u]));
const USERS_BY_SUB = new Map(USERS.map((u) => [u.sub, u]));

async function findAccount(ctx, sub) {
  const user = USERS_BY_SUB.get(sub);
  if (!user) return undefined;
  return {
    accountId: sub,
    async claims() {
      return { sub, ...structuredClone(user.claims) };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Clients: kept in a Map we control; the adapter's "Client" model reads from it.

const clients = new Map();

function normalizeClient(input) {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new Error('client must be a JSON object');
  }
  const { client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris = [] } = input;
  if (typeof clientId !== 'string' || !clientId) throw new Error('client_id must be a non-empty string');
  if (typeof clientSecret !== 'string' || !clientSecret) throw new Error('client_secret must be a non-empty string');
  if (!Array.isArray(redirectUris) || redirectUris.some((u) => typeof u !== 'string')) {
    throw new Error('redirect_uris must be an array of strings');
  }
  const metadata = {
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: redirectUris,
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['authorization_code'],
    response_types: ['code'],
  };
  if (input.post_logout_redirect_uris !== undefined) {
    metadata.post_logout_redirect_uris = input.post_logout_redirect_uris;
  }
  return metadata;
}

function parseInitialClients() {
  const raw = process.env.IDP_CLIENTS;
  if (raw === undefined || raw.trim() === '') {
    return [{ client_id: 'portal', client_secret: 'portal-secret', redirect_uris: [] }];
  }
  const parsed = JSON.parse(raw);
  return Array.isArray(parsed) ? parsed : [parsed];
}

for (const c of parseInitialClients()) {
  const metadata = normalizeClient(c);
  clients.set(metadata.client_id, metadata);
}

// ---------------------------------------------------------------------------------------------
// Tiny in-memory adapter (one store per model name; Client reads the `clients` Map).

const stores = new Map();
const sessionByUid = new Map();
const grantMembers = new Map(); // grantId -> Set of [model, id]
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

class TestAdapter {
  constructor(model) {
    this.model = model;
    if (!stores.has(model)) stores.set(model, new Map());
    this.store = stores.get(model);
  }

  #get(id) {
    const entry = this.store.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.store.delete(id);
      return undefined;
    }
    return entry.payload;
  }

  async upsert(id, payload, expiresIn) {
    if (this.model === 'Client') {
      clients.set(id, payload);
      return;
    }
    const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : undefined;
    this.store.set(id, { payload, expiresAt });
    if (this.model === 'Session' && payload.uid) sessionByUid.set(payload.uid, id);
    if (GRANTABLE.has(this.model) && payload.grantId) {
      if (!grantMembers.has(payload.grantId)) grantMembers.set(payload.grantId, new Set());
      grantMembers.get(payload.grantId).add(`${this.model}\0${id}`);
    }
  }

  async find(id) {
    if (this.model === 'Client') {
      const c = clients.get(id);
      return c ? structuredClone(c) : undefined;
    }
    return this.#get(id);
  }

  async findByUid(uid) {
    const id = sessionByUid.get(uid);
    return id === undefined ? undefined : this.#get(id);
  }

  async findByUserCode() {
    return undefined;
  }

  async consume(id) {
    const payload = this.#get(id);
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id) {
    if (this.model === 'Client') {
      clients.delete(id);
      return;
    }
    const payload = this.#get(id);
    this.store.delete(id);
    if (payload?.uid && sessionByUid.get(payload.uid) === id) sessionByUid.delete(payload.uid);
  }

  async revokeByGrantId(grantId) {
    const members = grantMembers.get(grantId);
    if (!members) return;
    for (const member of members) {
      const [model, id] = member.split('\0');
      stores.get(model)?.delete(id);
    }
    grantMembers.delete(grantId);
  }
}

// ---------------------------------------------------------------------------------------------
// HTML helpers.

function esc(value) {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function page(title, body) {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<h1>${esc(title)}</h1>
${body}
</body>
</html>
`;
}

function loginPage(uid, { login = '', error } = {}) {
  const users = USERS.map((u) => `<li><code>${esc(u.login)}</code></li>`).join('');
  return page('Test IdP sign-in', `
${error ? `<p id="error" role="alert" style="color:#b00">${esc(error)}</p>` : ''}
<form id="login-form" method="post" action="/interaction/${encodeURIComponent(uid)}/login" autocomplete="off">
  <p><label for="login">Login</label><br><input id="login" name="login" type="text" value="${esc(login)}" autofocus required></p>
  <p><label for="password">Password</label><br><input id="password" name="password" type="password" required></p>
  <p><button id="submit" type="submit">Sign in</button></p>
</form>
<p>Test users (password <code>${PASSWORD}</code>):</p><ul>${users}</ul>`);
}

function send(res, status, contentType, body, headers = {}) {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

function sendHtml(res, status, html) {
  send(res, status, 'text/html; charset=utf-8', html);
}

function sendJson(res, status, value) {
  send(res, status, 'application/json', JSON.stringify(value));
}

async function readBody(req, limit = 1024 * 1024) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

// ---------------------------------------------------------------------------------------------
// Interactions: password login, then automatic consent.

function requestedClaimNames(params) {
  if (typeof params.claims !== 'string' || !params.claims) return [];
  try {
    const parsed = JSON.parse(params.claims);
    return [...new Set([...Object.keys(parsed.id_token ?? {}), ...Object.keys(parsed.userinfo ?? {})])];
  } catch {
    return [];
  }
}

async function grantEverything(provider, interaction, accountId, { fresh }) {
  const { params, prompt } = interaction;
  let grant;
  if (!fresh && interaction.grantId) grant = await provider.Grant.find(interaction.grantId);
  if (!grant) grant = new provider.Grant({ accountId, clientId: params.client_id });

  const details = prompt?.details ?? {};
  if (typeof params.scope === 'string' && params.scope) grant.addOIDCScope(params.scope);
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
  const claims = [...requestedClaimNames(params), ...(details.missingOIDCClaims ?? [])];
  if (claims.length) grant.addOIDCClaims(claims);
  for (const [indicator, scope] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scope.join(' '));
  }
  return grant.save();
}

async function handleInteraction(provider, req, res, uid, action) {
  let interaction;
  try {
    interaction = await provider.interactionDetails(req, res);
  } catch (err) {
    sendHtml(res, 400, page('Sign-in session not found', `<p>${esc(err.message)}</p>`));
    return;
  }
  if (interaction.uid !== uid) {
    sendHtml(res, 400, page('Sign-in session mismatch', '<p>Start again from the application.</p>'));
    return;
  }

  if (action === undefined && req.method === 'GET') {
    if (interaction.prompt.name === 'login') {
      sendHtml(res, 200, loginPage(uid, { login: interaction.params.login_hint ?? '' }));
      return;
    }
    if (interaction.prompt.name === 'consent') {
      const grantId = await grantEverything(provider, interaction, interaction.session.accountId, { fresh: false });
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    sendHtml(res, 501, page('Unsupported prompt', `<p>${esc(interaction.prompt.name)}</p>`));
    return;
  }

  if (action === 'login' && req.method === 'POST') {
    const form = new URLSearchParams(await readBody(req));
    const login = (form.get('login') ?? '').trim().toLowerCase();
    const password = form.get('password') ?? '';
    const user = USERS_BY_LOGIN.get(login);
    if (!user || password !== PASSWORD) {
      sendHtml(res, 200, loginPage(uid, { login, error: 'Invalid login or password.' }));
      return;
    }
    // A different account signing in over an existing IdP session: oidc-provider would answer the
    // resume step with an auto-submitting logout form (POST /session/end/confirm). Non-browser
    // clients should not need to handle that, so end the old IdP session here instead.
    if (interaction.session?.accountId && interaction.session.accountId !== user.sub) {
      const old = interaction.session.uid ? await provider.Session.findByUid(interaction.session.uid) : undefined;
      if (old) await old.destroy();
      delete interaction.session;
      delete interaction.grantId;
      await interaction.save(Math.max(interaction.exp - Math.floor(Date.now() / 1000), 1));
    }
    // Log in and consent in one step: the next hop is /auth/<uid>, which redirects to the client.
    const grantId = await grantEverything(provider, interaction, user.sub, { fresh: true });
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: user.sub }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    return;
  }

  sendHtml(res, 405, page('Method not allowed', ''));
}

// ---------------------------------------------------------------------------------------------
// Admin endpoint: POST /__test/clients with one client object or an array of them.

async function handleAdminClients(provider, req, res) {
  if (req.method === 'GET') {
    sendJson(res, 200, [...clients.values()]);
    return;
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: 'method_not_allowed' });
    return;
  }
  let list;
  try {
    const body = JSON.parse(await readBody(req));
    list = (Array.isArray(body) ? body : [body]).map(normalizeClient);
    for (const metadata of list) {
      await provider.Client.validate(metadata);
    }
  } catch (err) {
    sendJson(res, 400, { error: 'invalid_client_metadata', error_description: err.message });
    return;
  }
  for (const metadata of list) clients.set(metadata.client_id, metadata);
  sendJson(res, 201, list.map((m) => ({ client_id: m.client_id, redirect_uris: m.redirect_uris })));
}

// ---------------------------------------------------------------------------------------------
// Provider.

function createProvider(issuer) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-idp-rs256', alg: 'RS256', use: 'sig' };

  const provider = new Provider(issuer, {
    adapter: TestAdapter,
    findAccount,
    jwks: { keys: [jwk] },
    claims: {
      openid: ['sub'],
      profile: ['name'],
      email: ['email', 'email_verified'],
      portal: ['tenant_id', 'tenant_type', 'roles'],
    },
    scopes: ['openid'],
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    responseTypes: ['code'],
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    cookies: {
      names: {
        session: 'idp_session',
        interaction: 'idp_interaction',
        resume: 'idp_interaction_resume',
      },
      keys: ['multipartner-test-idp-cookie-key-1'],
    },
    interactions: {
      url: (ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          // Auto-submit the confirmation form (xsrf-protected) with logout=yes.
          ctx.body = page('Signing out', `${form}
<button id="logout" type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>
<script>document.getElementById('logout').click();</script>`);
        },
        async postLogoutSuccessSource(ctx) {
          ctx.body = page('Signed out', '<p>You have been signed out of the test IdP.</p>');
        },
      },
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: 86400,
      Grant: 86400,
    },
    clientBasedCORS: () => false,
    async renderError(ctx, out) {
      ctx.type = 'html';
      const rows = Object.entries(out).map(([k, v]) => `<p><strong>${esc(k)}</strong>: <span class="${esc(k)}">${esc(v)}</span></p>`).join('');
      ctx.body = page('Test IdP error', rows);
    },
  });

  // Errors are part of what tests exercise; keep stderr quiet about them.
  provider.on('server_error', (ctx, err) => console.error('test-idp server_error:', err));
  return provider;
}

// ---------------------------------------------------------------------------------------------
// HTTP server.

let provider;
let providerCallback;

const server = createServer(async (req, res) => {
  try {
    if (!provider) {
      sendHtml(res, 503, page('Starting', ''));
      return;
    }
    const { pathname } = new URL(req.url, 'http://localhost');
    if (pathname === '/__test/clients') {
      await handleAdminClients(provider, req, res);
      return;
    }
    const m = /^\/interaction\/([^/]+)(?:\/(login))?\/?$/.exec(pathname);
    if (m) {
      await handleInteraction(provider, req, res, decodeURIComponent(m[1]), m[2]);
      return;
    }
    providerCallback(req, res);
  } catch (err) {
    console.error('test-idp error:', err);
    if (!res.headersSent) sendHtml(res, 500, page('Internal error', `<p>${esc(err.message)}</p>`));
    else res.end();
  }
});

server.listen(PORT, HOST, () => {
  const { port } = server.address();
  const issuer = `http://${HOST}:${port}`;
  provider = createProvider(issuer);
  providerCallback = provider.callback();
  process.stdout.write(`ISSUER=${issuer}\n`);
});
