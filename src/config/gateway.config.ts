/** What a gateway rule asks of a request: nothing, a valid credential, staff, permissions, or refusal. */
export type GatewayRequirement =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'staff' }
  | { kind: 'deny' }
  | { kind: 'permissions'; permissions: readonly string[] };

/** One line of GATEWAY_RULES: `METHODS PATH REQUIREMENT`, e.g. `GET,HEAD /orders/** orders.view_order`. */
export interface GatewayRule {
  /** The rule as written (for logs and errors). */
  text: string;
  /** Upper-case methods; null: any method (`*`). */
  methods: ReadonlySet<string> | null;
  /** The path pattern: `*` one segment, `**` any number of segments (also none). */
  pattern: string;
  requirement: GatewayRequirement;
}

/** The forward-auth endpoint's rules (GATEWAY_RULES / GATEWAY_RULES_FILE), first match wins. */
export class GatewayConfig {
  rules: readonly GatewayRule[];
}
