import { setFlagsFromString } from 'node:v8';

/**
 * The server's one V8 setting, imported first by main.ts: allocation-site pretenuring off.
 *
 * V8 allocates objects from a site straight into the old generation once most of them survived a
 * young-generation collection. Something early (presumably requests that wait: a cache fill, the first
 * ones after start) made the request path's sites look long-lived, and from then on each request's
 * objects are born old: every young object they point to survives the next scavenge through the
 * remembered set, and so on.
 * Measured on GET /api/secure/ (wrk, 10 connections, one core): 1.9 MB promoted per scavenge, 5-12 ms
 * pauses, against nothing promoted and ~1 ms pauses without pretenuring; CPU per request 0.82x.
 * A flag read at every collection, so setting it here, before the application exists, takes effect.
 * `npm start`, the Dockerfile and the bench give it on the command line too (with
 * `--heap-growing-percent=100`, bench/README.md "Memory"); this keeps it for a server started as plain
 * `node dist/src/main.js` (command-line V8 flags cannot be given through NODE_OPTIONS).
 */
setFlagsFromString('--no-allocation-site-pretenuring');
