import { setTimeout as sleep } from 'node:timers/promises';
import { GROUPS } from './scenarios.mjs';
import { setUp, tearDown } from './lib/context.mjs';
import { median, runLoad } from './lib/load.mjs';
import { redisKeyCount } from './lib/redis.mjs';
import { writeBenchReport } from './lib/report.mjs';
import { settings } from './lib/settings.mjs';
import { throttleProbe } from './lib/tokens.mjs';

/** `npm run bench`: every scenario of issue 6, interleaved rounds, results in bench/results/latest.*. */
const log = (line) => process.stdout.write(`${line}\n`);

async function measure(ctx, target, seconds) {
  const inst = await ctx.instance(target.instance);
  const spec = { connections: settings.connections, ...(await target.spec(ctx)) };
  const bg = target.background;
  const generator = ctx.tools.generator.name;
  const bgRun =
    bg &&
    runLoad(
      await ctx.instance(bg.instance),
      { ...(await bg.spec(ctx)), connections: bg.connections },
      seconds,
      generator,
    );
  const [main, background] = await Promise.all([runLoad(inst, spec, seconds, generator), bgRun]);
  await sleep(settings.pauseMs); // let the server drain what the stopped run left queued (logins)
  return background ? { ...main, background } : main;
}

/** A group whose servers cannot start (e.g. no baseline build) is reported as skipped, with the reason. */
async function runGroup(ctx, group) {
  log(`bench: ${group.title}`);
  try {
    for (const t of group.targets) await ctx.instance(t.instance);
  } catch (e) {
    log(`  skipped: ${e.message}`);
    const ratios = (group.ratios ?? []).map((r) => ({
      ...r,
      value: NaN,
      met: undefined,
      skipped: e.message,
    }));
    return { id: group.id, title: group.title, skipped: e.message, targets: [], ratios, absolute: [] };
  }
  for (const t of group.targets) await measure(ctx, t, settings.warmupSeconds);
  const raw = new Map(group.targets.map((t) => [t.id, []]));
  for (let r = 0; r < settings.rounds; r++) {
    const order = group.targets.map((_, i) => group.targets[(i + r) % group.targets.length]);
    for (const t of order) raw.get(t.id).push(await measure(ctx, t, settings.roundSeconds));
  }
  const targets = [];
  for (const t of group.targets) targets.push(summarize(t, raw.get(t.id), await ctx.instance(t.instance)));
  const ratios = [];
  for (const ratio of group.ratios ?? []) ratios.push({ ...ratio, ...(await ratioOf(ctx, ratio, raw)) });
  const absolute = (group.absolute ?? []).map((a) => {
    const value = targets.find((t) => t.id === a.target).rps;
    return { ...a, value, met: value >= a.min };
  });
  for (const t of targets)
    log(
      `  ${t.label}: ${t.rps.toFixed(0)} req/s p50 ${t.p50} ms p99 ${t.p99} ms RSS ${t.rssMb.toFixed(0)} MB (children ${t.childrenRssMb.toFixed(0)} MB) non-2xx ${t.non2xx}`,
    );
  return { id: group.id, title: group.title, targets, ratios, absolute };
}

function summarize(target, runs, inst) {
  const pick = (k) => runs.map((r) => r[k]);
  const sum = (k) => pick(k).reduce((a, b) => a + b, 0);
  const bg = runs.map((r) => r.background).filter(Boolean);
  return {
    id: target.id,
    label: target.label,
    instance: target.instance,
    database: inst.env.BENCH_DJANGO_DATABASE_URL
      ? 'postgres (Django)'
      : inst.env.DATABASE_URL
        ? 'postgres'
        : inst.env.DATA_DIR
          ? 'embedded'
          : 'none',
    rps: median(pick('rps')),
    p50: median(pick('p50')),
    p99: median(pick('p99')),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
    ...(inst.build ? { build: inst.build } : {}),
    rssMb: Math.max(...pick('rssMb')),
    childrenRssMb: Math.max(...pick('childrenRssMb')),
    treeRssMb: Math.max(...pick('treeRssMb')),
    rounds: runs.map(({ background, ...r }) => r),
    ...(bg.length
      ? {
          background: {
            rps: median(bg.map((b) => b.rps)),
            p50: median(bg.map((b) => b.p50)),
            non2xx: bg.reduce((a, b) => a + b.non2xx, 0),
          },
        }
      : {}),
  };
}

async function ratioOf(ctx, ratio, raw) {
  const num = raw.get(ratio.num);
  const den = raw.get(ratio.den);
  const value = median(num.map((n, i) => n.rps / den[i].rps));
  const out = { value, met: ratio.goal ? value >= ratio.goal.min : undefined };
  if (ratio.probe) {
    const inst = await ctx.instance(ratio.probe);
    const probe = await throttleProbe(inst.url, await ctx.access(ratio.probe));
    out.throttling = probe.active
      ? `active (RateLimit: ${probe.header})`
      : 'NOT active: no RateLimit headers, so nothing was throttled';
    if (inst.env.REDIS_URL) out.throttling += `; ${await redisKeyCount(inst.env.REDIS_URL)} keys in Redis`;
    if (!probe.active) out.met = undefined;
  }
  return out;
}

async function main() {
  const only = process.env.BENCH_ONLY?.split(',');
  const ctx = await setUp();
  const groups = [];
  try {
    for (const g of GROUPS) if (!only || only.includes(g.id)) groups.push(await runGroup(ctx, g));
    const files = writeBenchReport(groups, ctx);
    log(`bench: wrote ${files.join(', ')}`);
  } finally {
    await tearDown(ctx);
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
