import type { FastifyInstance } from 'fastify';

/**
 * A small page under /docs (Swagger's CSP: scripts from 'self' only) to try passkeys by hand and to
 * drive them from a browser test: log in with a passkey as the second step, or add one. Served with
 * Swagger UI (SWAGGER_ENABLED) when passkeys are on (WEBAUTHN_RP_ID); open it on a WEBAUTHN_ORIGINS
 * origin. Plain Fastify routes: no API, nothing in the OpenAPI document.
 */
const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Bastion passkeys</title>
<script src="/docs/mfa/passkeys.js" defer></script></head>
<body><h1>Passkeys</h1>
<form id="form"><label>Username <input id="username" autocomplete="username webauthn"></label>
<label>Password <input id="password" type="password" autocomplete="current-password"></label>
<button type="button" id="login">Log in</button> <button type="button" id="add">Add a passkey</button></form>
<pre id="out"></pre></body></html>`;

const SCRIPT = `'use strict';
const post = async (path, body, access) => {
  const headers = { 'Content-Type': 'application/json' };
  if (access) headers.Authorization = 'Bearer ' + access;
  const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json().catch(() => null) };
};
/** Both steps: the password, then (when asked) the passkey. The last answer. */
async function login(username, password) {
  const first = await post('/api/token/', { username, password });
  if (first.status !== 401 || !first.body || !first.body.webauthn) return first;
  const options = PublicKeyCredential.parseRequestOptionsFromJSON(first.body.webauthn);
  const assertion = await navigator.credentials.get({ publicKey: options });
  return post('/api/token/mfa/', { mfa_token: first.body.mfa_token, webauthn: assertion.toJSON() });
}
/** Adds a passkey to the account of \`access\`; the confirmation's answer (recovery codes). */
async function addPasskey(access, password, name) {
  const started = await post('/api/users/me/mfa/webauthn/', { password }, access);
  if (started.status !== 200) return started;
  const options = PublicKeyCredential.parseCreationOptionsFromJSON(started.body);
  const credential = await navigator.credentials.create({ publicKey: options });
  return post('/api/users/me/mfa/webauthn/confirm/', { credential: credential.toJSON(), name }, access);
}
window.bastion = { login, addPasskey };
const show = (v) => { document.getElementById('out').textContent = JSON.stringify(v, null, 2); };
const field = (id) => document.getElementById(id).value;
document.getElementById('login').addEventListener('click', () => login(field('username'), field('password')).then(show, show));
document.getElementById('add').addEventListener('click', async () => {
  const first = await post('/api/token/', { username: field('username'), password: field('password') });
  if (first.status !== 200) return show(first);
  addPasskey(first.body.access, field('password'), 'Passkey').then(show, show);
});
`;

export function servePasskeyPage(fastify: FastifyInstance): void {
  fastify.get('/docs/mfa', (_req, reply) => reply.type('text/html; charset=utf-8').send(HTML));
  fastify.get('/docs/mfa/passkeys.js', (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').send(SCRIPT),
  );
}
