import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { drawRatios } from './chart.mjs';
import { settings } from './settings.mjs';

const RSS_GOAL_MB = 200;
const pct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)}%` : 'n/a');
const noteOf = (r) => [r.skipped && `skipped: ${r.skipped}`, r.throttling, r.note].filter(Boolean).join('; ');
const fix = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');

function meta() {
  const git = (cmd) => {
    try {
      return execSync(cmd, { encoding: 'utf8', stdio: 'pipe' }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    date: new Date().toISOString(),
    commit:
      git('git rev-parse --short HEAD') +
      (git('git status --porcelain src migrations') ? ' (+ uncommitted changes)' : ''),
    node: process.version,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
    settings: {
      quick: settings.quick,
      rounds: settings.rounds,
      roundSeconds: settings.roundSeconds,
      warmupSeconds: settings.warmupSeconds,
      connections: settings.connections,
    },
  };
}

/** A ratio as its goal says it: in times ("12.03×") when the goal is in times or the ratio is 2 or more, else in percent. */
const ratioText = (r) => ((r.goal?.min ?? 0) > 1 || r.value >= 2 ? `${fix(r.value, 2)}×` : pct(r.value));

/** Goal rows: every ratio with a goal, every absolute goal, and peak RSS on Postgres. Each one met or its gap. */
export function goals(groups) {
  const rows = [];
  for (const g of groups) {
    for (const r of g.ratios.filter((x) => x.goal)) {
      const times = r.goal.min > 1; // "≥ 15× Django": said in times, not percent
      const short = times
        ? `${fix(r.goal.min - r.value, 1)}×`
        : `${fix(100 * (r.goal.min - r.value), 1)} points`;
      const gap = r.met === false ? `short by ${short}` : '';
      const status =
        r.met === undefined ? `not measured: ${noteOf(r) || 'n/a'}` : r.met ? 'met' : `NOT met, ${gap}`;
      const measured = r.goal.text.startsWith('overhead')
        ? `${pct(r.value)} (overhead ${pct(1 - r.value)})`
        : ratioText(r);
      rows.push({ goal: `${r.label}: ${r.goal.text}`, measured, status });
    }
    for (const a of g.absolute) {
      const status = a.met ? 'met' : `NOT met, short by ${fix(a.min - a.value)} ${a.unit}`;
      rows.push({ goal: `${a.label}: ≥ ${a.min} ${a.unit}`, measured: `${fix(a.value)} ${a.unit}`, status });
    }
  }
  // today's build only (the baseline builds of 3b/3c are old commits); the hash workers are reported apart
  const pg = groups.flatMap((g) => g.targets).filter((t) => t.database === 'postgres' && !t.build);
  if (pg.length) {
    const peak = Math.max(...pg.map((t) => t.rssMb));
    const workers = Math.max(...pg.map((t) => t.childrenRssMb ?? 0));
    const status = peak <= RSS_GOAL_MB ? 'met' : `NOT met, over by ${fix(peak - RSS_GOAL_MB)} MB`;
    rows.push({
      goal: `peak RSS on Postgres under load, server process: ≤ ${RSS_GOAL_MB} MB`,
      measured: `${fix(peak)} MB (hash worker processes apart: up to ${fix(workers)} MB together)`,
      status,
    });
  }
  return rows;
}

function markdown(groups, m, goalRows, ctx) {
  const out = [
    `# Bastion benchmarks`,
    '',
    `${m.date} · commit ${m.commit} · Node ${m.node} · ${m.cpus} · ${m.settings.rounds} rounds × ${m.settings.roundSeconds} s ` +
      `after ${m.settings.warmupSeconds} s warm-up, ${m.settings.connections} connections, loopback; ` +
      `generator: ${ctx.tools.generator.note}; ${ctx.tools.pinning.note}; ${ctx.tools.django.note}.` +
      (m.settings.quick ? ' **Smoke run (BENCH_QUICK=1): numbers are not meaningful.**' : ''),
    `Token rows: small ${JSON.stringify(ctx.small.rows)}, large ${JSON.stringify(ctx.large.rows)}.`,
    '',
    '## Goals',
    '',
    '| goal | measured | status |',
    '|---|---|---|',
    ...goalRows.map((r) => `| ${r.goal} | ${r.measured} | ${r.status} |`),
  ];
  for (const g of groups) {
    out.push(
      '',
      `## ${g.title}`,
      '',
      ...(g.skipped ? [`Skipped: ${g.skipped}`, ''] : []),
      '| target | req/s (median) | p50 ms | p99 ms | non-2xx | errors | peak RSS MB: server | children |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const t of g.targets) {
      out.push(
        `| ${t.label} | ${fix(t.rps)} | ${fix(t.p50)} | ${fix(t.p99)} | ${t.non2xx} | ${t.errors} | ${fix(t.rssMb)} | ${fix(t.childrenRssMb)} |`,
      );
      if (t.background)
        out.push(
          `| ↳ logins in parallel | ${fix(t.background.rps)} | ${fix(t.background.p50)} | | ${t.background.non2xx} | | | |`,
        );
    }
    if (g.ratios.length) {
      out.push('', '| ratio (median of per-round ratios) | value | goal | note |', '|---|---:|---|---|');
      for (const r of g.ratios)
        out.push(`| ${r.label} | ${ratioText(r)} | ${r.goal?.text ?? '—'} | ${noteOf(r)} |`);
    }
  }
  out.push(
    '',
    'Chart: [latest.svg](latest.svg) (each ratio against its baseline measured in the same rounds).',
    'Peak RSS: the server process itself; "children" is its child processes together (Bastion: the argon2id hash',
    "workers; Django: gunicorn's workers, where the work is done), sampled from /proc every 100 ms.",
    '',
  );
  return out.join('\n');
}

export function writeBenchReport(groups, ctx) {
  mkdirSync(settings.reports, { recursive: true });
  const m = meta();
  const goalRows = goals(groups);
  const files = ['latest.md', 'latest.json', 'latest.svg'].map((f) => join(settings.reports, f));
  writeFileSync(files[0], markdown(groups, m, goalRows, ctx));
  writeFileSync(
    files[1],
    `${JSON.stringify({ ...m, tools: ctx.tools, rows: { small: ctx.small.rows, large: ctx.large.rows }, goals: goalRows, groups }, null, 2)}\n`,
  );
  writeFileSync(
    files[2],
    drawRatios(
      groups.flatMap((g) => g.ratios),
      m,
    ),
  );
  return files;
}
