/**
 * `describe` when there is no reason to skip; otherwise one `SKIP <spec>: <reason>` line on standard output
 * (not a console block with a stack location) and `describe.skip`.
 */
export function describeUnless(spec: string, skipReason: string | false | undefined): jest.Describe {
  if (!skipReason) return describe;
  process.stdout.write(`SKIP ${spec}: ${skipReason}\n`);
  return describe.skip;
}
