import type { AdminEquivalent, EscalationEdge, EscalationPath } from './types.js';

/**
 * The transitive closure of the escalation graph toward administrator equivalence: for every
 * principal that is not administrator-equivalent itself but reaches one in two hops or more, the
 * shortest path, hop by hop. Paths made only of unconditional hops to an unconditional
 * administrator come first; a principal with no such path gets its shortest conditional one
 * (flagged). One-hop paths are the edges' own findings. Breadth-first search backward from the
 * administrators: linear in principals and edges.
 */
export function escalationPaths(
  edges: readonly EscalationEdge[],
  admins: readonly AdminEquivalent[],
): EscalationPath[] {
  const between = edges.filter((e) => e.from !== e.to);
  const certain = shortestTo(
    admins.filter((a) => !a.conditional).map((a) => a.principal),
    between.filter((e) => !e.conditional),
  );
  const any = shortestTo(
    admins.map((a) => a.principal),
    between,
  );
  const adminSet = new Set(admins.map((a) => a.principal));
  const conditionalAdmins = new Set(admins.filter((a) => a.conditional).map((a) => a.principal));
  const paths: EscalationPath[] = [];
  const principals = [...new Set([...certain.keys(), ...any.keys()])].sort();
  for (const principal of principals) {
    const sure = certain.get(principal);
    if (sure) {
      if (sure.length >= 2 && !(adminSet.has(principal) && !conditionalAdmins.has(principal)))
        paths.push({ principal, hops: sure, conditional: false });
      continue;
    }
    const maybe = any.get(principal);
    if (maybe && maybe.length >= 2 && !adminSet.has(principal)) {
      paths.push({ principal, hops: maybe, conditional: true });
    }
  }
  return paths;
}

/** Per principal that reaches one of `sinks`, its shortest path there (sinks themselves excluded). */
function shortestTo(
  sinks: readonly string[],
  edges: readonly EscalationEdge[],
): Map<string, EscalationEdge[]> {
  const into = new Map<string, EscalationEdge[]>();
  for (const e of edges) {
    const list = into.get(e.to) ?? [];
    list.push(e);
    into.set(e.to, list);
  }
  const next = new Map<string, EscalationEdge>();
  const seen = new Set(sinks);
  let frontier = [...sinks].sort();
  while (frontier.length > 0) {
    const following: string[] = [];
    for (const node of frontier) {
      for (const edge of into.get(node) ?? []) {
        if (seen.has(edge.from)) continue;
        seen.add(edge.from);
        next.set(edge.from, edge);
        following.push(edge.from);
      }
    }
    frontier = following.sort();
  }
  const paths = new Map<string, EscalationEdge[]>();
  for (const start of next.keys()) {
    const hops: EscalationEdge[] = [];
    let at: string | undefined = start;
    while (at !== undefined && next.has(at)) {
      const edge = next.get(at) as EscalationEdge;
      hops.push(edge);
      at = edge.to;
    }
    paths.set(start, hops);
  }
  return paths;
}
