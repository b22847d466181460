import { request } from 'node:http';
import { TestApp } from './create-test-app';

/** Test helpers of the metrics specs: /metrics parsed into series -> value, and raw requests from an address. */

export type Samples = Map<string, number>;

/** `name{labels} value` lines (comments skipped); the key is the series exactly as printed. */
export function parseSamples(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    samples.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return samples;
}

/** Every metric name /metrics declares (`# TYPE`), histograms and summaries with their series' suffixes. */
export function declaredNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(m[1]);
    if (m[2] === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(m[1] + s);
    if (m[2] === 'summary') for (const s of ['_sum', '_count']) names.add(m[1] + s);
  }
  return names;
}

export async function scrape(t: TestApp): Promise<Samples> {
  const res = await t.http.get('/metrics');
  expect(res.status).toBe(200);
  return parseSamples(res.text);
}

/** after - before for each series (a missing series counts as 0). */
export function deltas(before: Samples, after: Samples, series: string[]): Record<string, number> {
  return Object.fromEntries(series.map((s) => [s, (after.get(s) ?? 0) - (before.get(s) ?? 0)]));
}

/** A GET from a chosen local address (127.0.0.2 etc.: loopback aliases), so the server sees that peer. */
export function getFrom(
  url: string,
  localAddress: string,
): Promise<{ status: number; body: string; type: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, type: res.headers['content-type'] }));
    });
    req.on('error', reject);
    req.end();
  });
}
