"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readTrafficSettings = readTrafficSettings;
exports.parseRateRules = parseRateRules;
const node_fs_1 = require("node:fs");
const cidr_1 = require("./cidr");
const env_parsers_1 = require("./env.parsers");
/** The settings of traffic protection (throttling, brute force, IP rules, CORS, TLS); errors go to `r`. */
function readTrafficSettings(r) {
    const throttle = {
        enabled: r.bool('THROTTLE_ENABLED', true),
        headers: r.bool('THROTTLE_HEADERS', true),
        failOpen: r.bool('THROTTLE_FAIL_OPEN', true),
        rules: {
            default: rateRules(r, 'THROTTLE_DEFAULT', '20/1s,300/1m'),
            login: rateRules(r, 'THROTTLE_LOGIN', '10/1m'),
            login_user: rateRules(r, 'THROTTLE_LOGIN_USER', '5/1m'),
            token: rateRules(r, 'THROTTLE_TOKEN', '60/1m'),
            register: rateRules(r, 'THROTTLE_REGISTER', '5/1h'),
        },
    };
    const bruteForce = {
        enabled: r.bool('BRUTE_FORCE_ENABLED', true),
        freeFailures: 5,
        baseDelayMs: 1000,
        maxDelayMs: 15 * 60 * 1000,
        accountHourlyCap: 100,
    };
    const network = {
        trustedProxies: cidrList(r, 'TRUSTED_PROXIES'),
        ipAllowlist: cidrList(r, 'IP_ALLOWLIST'),
        ipDenylist: cidrList(r, 'IP_DENYLIST'),
        docsIpAllowlist: cidrList(r, 'DOCS_IP_ALLOWLIST'),
        corsOrigins: corsOrigins(r),
        tls: tlsFiles(r),
    };
    return { throttle, bruteForce, network };
}
/** `20/1s,300/1m`: one or more `<limit>/<window>` rules, all of which apply. */
function parseRateRules(text) {
    const rules = [];
    for (const item of text.split(',')) {
        const m = /^\s*(\d{1,9})\s*\/\s*(\S+)\s*$/.exec(item);
        const seconds = m ? (0, env_parsers_1.parseDuration)(m[2]) : undefined;
        if (!m || seconds === undefined || seconds < 1 || Number(m[1]) < 1)
            return undefined;
        rules.push({ limit: Number(m[1]), ttlMs: seconds * 1000 });
    }
    return rules.sort((a, b) => a.ttlMs - b.ttlMs);
}
function rateRules(r, name, fallback) {
    const text = r.string(name, fallback);
    const rules = parseRateRules(text);
    if (rules)
        return rules;
    r.fail(name, `expected limits like 20/1s,300/1m (requests/window), got "${text}"`);
    return parseRateRules(fallback);
}
function cidrList(r, name) {
    const items = r.list(name, []);
    const bad = items.filter((c) => (0, cidr_1.parseCidr)(c) === undefined);
    if (bad.length > 0)
        r.fail(name, `malformed CIDR ${bad.map((b) => `"${b}"`).join(', ')} (expected e.g. 10.0.0.0/8 or 2001:db8::/32)`);
    return items.filter((c) => (0, cidr_1.parseCidr)(c) !== undefined);
}
function corsOrigins(r) {
    const origins = r.list('CORS_ORIGINS', []);
    for (const o of origins) {
        if (!/^https?:\/\/[^/\s]+$/.test(o))
            r.fail('CORS_ORIGINS', `"${o}" is not an origin like https://app.example.com`);
    }
    return origins;
}
function tlsFiles(r) {
    const certFile = r.string('TLS_CERT_FILE');
    const keyFile = r.string('TLS_KEY_FILE');
    if (certFile === undefined && keyFile === undefined)
        return undefined;
    if (certFile === undefined || keyFile === undefined) {
        r.fail(certFile === undefined ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE', 'TLS_CERT_FILE and TLS_KEY_FILE go together');
        return undefined;
    }
    const cert = readPem(r, 'TLS_CERT_FILE', certFile);
    const key = readPem(r, 'TLS_KEY_FILE', keyFile);
    return cert !== undefined && key !== undefined ? { cert, key } : undefined;
}
function readPem(r, name, file) {
    try {
        const pem = (0, node_fs_1.readFileSync)(file, 'utf8');
        if (!pem.includes('-----BEGIN '))
            r.fail(name, `${file} is not a PEM file`);
        return pem;
    }
    catch (e) {
        r.fail(name, `cannot read ${file} (${e.code ?? 'error'})`);
        return undefined;
    }
}
//# sourceMappingURL=traffic.settings.js.map